//! `migrate`: the registered migrations from the command line: `status`, `run`, `dry-run`,
//! `verify`, `down` and `maintenance`.

use std::time::Duration;

use clap::{Arg, ArgMatches, Command as Clap};
use serde_json::{Value, json};

use super::{CHANGES, DIFFERS, DONE};
use crate::db::Db;
use crate::error::Error;
use crate::migrate::{Budget, Migrations, Report, Runner};

/// The `migrate` subcommand and its own subcommands.
pub(super) fn command() -> Clap {
    let id = || Arg::new("id").required(true).help("the migration's id");
    let runner_args = |command: Clap| {
        command
            .arg(
                Arg::new("segments")
                    .long("segments")
                    .value_parser(clap::value_parser!(u32))
                    .help("parallel scan segments (a new run; 4 by default)"),
            )
            .arg(
                Arg::new("time-limit")
                    .long("time-limit")
                    .value_parser(clap::value_parser!(u64))
                    .value_name("SECONDS")
                    .help("stop cleanly after this many seconds, checkpoints saved"),
            )
            .arg(
                Arg::new("read-budget")
                    .long("read-budget")
                    .value_parser(clap::value_parser!(f64))
                    .value_name("RCU")
                    .help("read units per second at most"),
            )
            .arg(
                Arg::new("write-budget")
                    .long("write-budget")
                    .value_parser(clap::value_parser!(f64))
                    .value_name("WCU")
                    .help("write units per second at most"),
            )
    };
    Clap::new("migrate")
        .about("runs the registered migrations and says where they stand")
        .subcommand_required(true)
        .subcommand(Clap::new("status").about(
            "each migration's run, segments, counts and failures; exits 2 while some are outstanding",
        ))
        .subcommand(runner_args(Clap::new("run").about(
            "runs every outstanding migration in order; exits 2 when it stopped at its time limit",
        )))
        .subcommand(
            Clap::new("dry-run")
                .about("what running a migration would change, writing nothing; exits 2 for changes")
                .arg(id()),
        )
        .subcommand(
            Clap::new("verify")
                .about("counts the items a migration would still change; exits 1 for any")
                .arg(id()),
        )
        .subcommand(runner_args(
            Clap::new("down")
                .about("runs a reversible migration down")
                .arg(id()),
        ))
        .subcommand(runner_args(
            Clap::new("maintenance")
                .about("runs a maintenance migration once more")
                .arg(id()),
        ))
}

/// Runs `migrate <what>`, writing what it prints to `out`; gives the exit status.
pub(super) async fn run(
    args: &ArgMatches,
    migrations: &Migrations,
    db: &Db,
    json: bool,
    out: &mut String,
) -> Result<u8, Error> {
    let id = |args: &ArgMatches| args.get_one::<String>("id").cloned().unwrap_or_default();
    match args.subcommand() {
        Some(("status", _)) => status(migrations, db, json, out).await,
        Some(("run", args)) => {
            let report = runner(db, migrations, args).run().await?;
            Ok(reported(&report, json, out))
        }
        Some(("down", args)) => {
            let id = id(args);
            let report = runner(db, migrations, args).down(&id).await?;
            Ok(reported(&report, json, out))
        }
        Some(("maintenance", args)) => {
            let id = id(args);
            let report = runner(db, migrations, args).run_maintenance(&id).await?;
            Ok(reported(&report, json, out))
        }
        Some(("dry-run", args)) => {
            let dry = Runner::new(db, migrations).dry_run(&id(args)).await?;
            let line = format!(
                "{}: {} read, {} to change, {} failing; {:.1} write units predicted, ${:.6}",
                dry.id,
                dry.counts.scanned,
                dry.counts.changed,
                dry.counts.failed,
                dry.predicted_write_units,
                dry.predicted_cost_usd
            );
            emit(json, out, line, || {
                json!({
                    "id": dry.id,
                    "scanned": dry.counts.scanned,
                    "changed": dry.counts.changed,
                    "failed": dry.counts.failed,
                    "predicted_write_units": dry.predicted_write_units,
                    "predicted_cost_usd": dry.predicted_cost_usd,
                })
            });
            Ok(if dry.counts.changed > 0 {
                CHANGES
            } else {
                DONE
            })
        }
        Some(("verify", args)) => {
            let id = id(args);
            let verified = Runner::new(db, migrations).verify(&id).await?;
            let line = format!(
                "{id}: {} read, {} still to change, {} failing",
                verified.scanned, verified.outstanding, verified.failed
            );
            emit(json, out, line, || {
                json!({
                    "id": id,
                    "scanned": verified.scanned,
                    "outstanding": verified.outstanding,
                    "failed": verified.failed,
                })
            });
            Ok(if verified.outstanding > 0 {
                DIFFERS
            } else {
                DONE
            })
        }
        _ => Ok(super::ERROR),
    }
}

fn runner<'a>(db: &'a Db, migrations: &'a Migrations, args: &ArgMatches) -> Runner<'a> {
    let mut runner = Runner::new(db, migrations);
    if let Some(segments) = args.get_one::<u32>("segments") {
        runner = runner.segments(*segments);
    }
    if let Some(seconds) = args.get_one::<u64>("time-limit") {
        runner = runner.time_limit(Duration::from_secs(*seconds));
    }
    let read = args.get_one::<f64>("read-budget").copied();
    let write = args.get_one::<f64>("write-budget").copied();
    if read.is_some() || write.is_some() {
        let unlimited = f64::INFINITY;
        runner = runner.budget(Budget::new(
            read.unwrap_or(unlimited),
            write.unwrap_or(unlimited),
        ));
    }
    runner
}

fn emit(json: bool, out: &mut String, line: String, value: impl FnOnce() -> Value) {
    if json {
        out.push_str(&format!("{:#}\n", value()));
    } else {
        out.push_str(&line);
        out.push('\n');
    }
}

/// Prints a run's report; exit status 2 when it stopped before the end.
fn reported(report: &Report, json: bool, out: &mut String) -> u8 {
    if json {
        let runs: Vec<Value> = report
            .runs
            .iter()
            .map(|run| {
                json!({
                    "id": run.id,
                    "done": run.done,
                    "scanned": run.counts.scanned,
                    "changed": run.counts.changed,
                    "failed": run.counts.failed,
                    "write_units": run.counts.write_units,
                    "seconds": run.elapsed.as_secs_f64(),
                })
            })
            .collect();
        out.push_str(&format!(
            "{:#}\n",
            json!({ "runs": runs, "complete": report.is_complete() })
        ));
    } else {
        if report.runs.is_empty() {
            out.push_str("nothing outstanding\n");
        }
        for run in &report.runs {
            out.push_str(&format!(
                "{}: {} read, {} changed, {} failed, {:.1} WCU in {:.1} s{}\n",
                run.id,
                run.counts.scanned,
                run.counts.changed,
                run.counts.failed,
                run.counts.write_units,
                run.elapsed.as_secs_f64(),
                if run.done {
                    "; done"
                } else {
                    "; stopped, run again to go on"
                }
            ));
        }
    }
    if report.is_complete() { DONE } else { CHANGES }
}

async fn status(
    migrations: &Migrations,
    db: &Db,
    json: bool,
    out: &mut String,
) -> Result<u8, Error> {
    let all = migrations.status(db).await?;
    let mut code = DONE;
    let mut report = Vec::new();
    for migration in &all {
        let state = match &migration.run {
            Some(run) if run.done => "done",
            Some(_) => "running",
            None => "outstanding",
        };
        if state != "done" {
            code = CHANGES;
        }
        let c = &migration.counts;
        if json {
            report.push(json!({
                "id": migration.id,
                "model": migration.model,
                "state": state,
                "segments_done": migration.segments.iter().filter(|s| s.done).count(),
                "segments": migration.segments.len(),
                "scanned": c.scanned,
                "changed": c.changed,
                "failed": c.failed,
                "failures": migration.failures.iter().map(|(key, reason)| {
                    json!({ "key": crate::json::item_to_json(key), "reason": reason })
                }).collect::<Vec<_>>(),
            }));
            continue;
        }
        let done = migration.segments.iter().filter(|s| s.done).count();
        out.push_str(&format!(
            "{} ({}): {state}, {done}/{} segments, {} read, {} changed, {} failed\n",
            migration.id,
            migration.model,
            migration.segments.len(),
            c.scanned,
            c.changed,
            c.failed
        ));
        for (key, reason) in &migration.failures {
            out.push_str(&format!(
                "  ! {}: {reason}\n",
                crate::json::item_to_string(key)
            ));
        }
    }
    if json {
        out.push_str(&format!("{:#}\n", Value::Array(report)));
    }
    Ok(code)
}
