//! The shop's orders across three versions: items of each version read as the current `Order`,
//! then migrated (a dry run first, then the run, then a verify pass), the key of each old order
//! moved to the new template. The models are in `examples/src/evolution.rs`;
//! `docs/migrations.md` explains each step.
//!
//! Run it with `cargo run -p examples --example migrations`.

use std::process::ExitCode;

use dynamo_model_local::LocalEngine;
use examples::evolution;

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("migrations", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    evolution::seed(&db, 2_000).await?;

    let done = evolution::migrate(&db).await?;
    println!(
        "before: customer-1 has {} orders, read as version 3 whatever their stored version",
        done.before.len()
    );
    let dry = &done.dry_run;
    println!(
        "dry run: {} orders read, {} to change, {:.0} write units predicted (${:.6})",
        dry.counts.scanned, dry.counts.changed, dry.predicted_write_units, dry.predicted_cost_usd
    );
    if let Some((stored, upgraded)) = dry.samples.first() {
        println!(
            "  e.g. sk {:?} becomes {:?}",
            stored.get("sk"),
            upgraded.get("sk")
        );
    }
    let counts = done.report.counts();
    println!(
        "run: {} changed, {} already current, {} failed, {:.0} WCU; complete: {}",
        counts.changed,
        counts.unchanged,
        counts.failed,
        counts.write_units,
        done.report.is_complete()
    );
    println!(
        "verify: {} read, {} still to change",
        done.verified.scanned, done.verified.outstanding
    );
    println!(
        "after: customer-1 has {} orders, sorted by day: {:?}",
        done.after.len(),
        done.after
            .iter()
            .take(3)
            .map(|o| (o.placed, &o.order_id))
            .collect::<Vec<_>>()
    );
    Ok(())
}
