//! Migration throughput and budget, on the embedded engine:
//!
//! 1. items per second of an `upgrade` migration of ITEMS items against the number of segments
//!    (1, 2, 4, 8; one runner working on all of them), each on a fresh table;
//! 2. the write units consumed per second against a budget: the run's average over its whole
//!    length, and the most consumed in any one-second window (from the control table's counts,
//!    sampled every 100 ms while the run goes on).
//!
//! `cargo run --release -p benches --bin migration [ITEMS] [BUDGET_WCU]` (5,000 items and
//! 400 write units per second by default). Timings of a debug build mean little.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dynamo_model::Upgrade;
use dynamo_model::migrate::{Budget, Migration, Migrations, Runner};
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

#[derive(Model, Clone)]
#[dynamo(table = "bench_parcels")]
struct ParcelV1Writer {
    #[dynamo(partition_key)]
    id: u32,
    weight: String,
    label: String,
}

#[derive(Attribute)]
struct ParcelV1 {
    id: u32,
    weight: String,
    label: String,
}

#[derive(Model)]
#[dynamo(table = "bench_parcels", schema_version = 2, old_shapes(1 = ParcelV1))]
struct Parcel {
    #[dynamo(partition_key)]
    id: u32,
    grams: u64,
    label: String,
}

impl Upgrade for ParcelV1 {
    type Next = Parcel;
    fn upgrade(self) -> Parcel {
        let kilos: f64 = self.weight.parse().unwrap_or(0.0);
        Parcel {
            id: self.id,
            grams: (kilos * 1000.0) as u64,
            label: self.label,
        }
    }
}

async fn seed(db: &Db, items: u32) -> Result<(), Error> {
    Parcel::table().create(db).await?;
    let mut parcels: Vec<ParcelV1Writer> = (0..items)
        .map(|id| ParcelV1Writer {
            id,
            weight: format!("{}.25", id % 40),
            label: "x".repeat(200),
        })
        .collect();
    let written = BatchWrite::new(db).put_all(&mut parcels).await?;
    assert!(written.is_complete(), "seeding left items behind");
    Ok(())
}

fn migrations() -> Migrations {
    Migrations::new().migration(Migration::upgrade::<Parcel>("parcels to version 2"))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let items: u32 = args.next().map_or(Ok(5_000), |a| a.parse())?;
    let budget: f64 = args.next().map_or(Ok(400.0), |a| a.parse())?;
    let engine = LocalEngine::start()?;

    println!("upgrade migration of {items} items, one runner, embedded engine");
    println!("segments  seconds  items/s");
    for segments in [1, 2, 4, 8] {
        let db = engine.db().with_table_prefix(format!("seg{segments}-"));
        seed(&db, items).await?;
        let migrations = migrations();
        let started = Instant::now();
        let report = Runner::new(&db, &migrations)
            .segments(segments)
            .progress_bar(false)
            .run()
            .await?;
        let seconds = started.elapsed().as_secs_f64();
        assert!(report.is_complete() && report.counts().changed == u64::from(items));
        println!(
            "{segments:>8}  {seconds:>7.2}  {:>7.0}",
            f64::from(items) / seconds
        );
    }

    println!();
    println!("budget of {budget} write units per second, 4 segments, pages of 25");
    let db = engine.db().with_table_prefix("budget-");
    seed(&db, items).await?;
    let migrations = Arc::new(migrations());
    let sampler = {
        let db = db.clone();
        let migrations = migrations.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let mut samples = Vec::new();
            loop {
                let status = migrations.status(&db).await.ok();
                let units = status.as_ref().map_or(0.0, |s| s[0].counts.write_units);
                samples.push((started.elapsed().as_secs_f64(), units));
                if status.is_some_and(|s| s[0].is_done()) {
                    return samples;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let started = Instant::now();
    let report = Runner::new(&db, &migrations)
        .segments(4)
        .page_size(25)
        .budget(Budget::new(100_000.0, budget))
        .progress_bar(false)
        .run()
        .await?;
    let seconds = started.elapsed().as_secs_f64();
    let samples = sampler.await?;
    let units = report.counts().write_units;
    let average = units / seconds;
    // The most units in any window of one second, from the samples.
    let mut peak: f64 = 0.0;
    for (i, (at, before)) in samples.iter().enumerate() {
        if let Some((_, after)) = samples[i..].iter().rev().find(|(t, _)| t - at <= 1.0) {
            peak = peak.max(after - before);
        }
    }
    println!(
        "{units:.0} write units in {seconds:.2} s: {average:.1} per second on average ({:+.1}% of the budget); at most {peak:.0} in any one second ({:.2}x the budget)",
        (average / budget - 1.0) * 100.0,
        peak / budget
    );
    Ok(())
}
