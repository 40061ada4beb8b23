//! Writes under faults, counted: through `dynamo_model_local::Faults` between the client and the
//! local engine (20% of requests throttled, 5% answered 500, 2% applied and then their
//! connection dropped, 30% of batch calls with half their items held back), per seed:
//! 10,000 single puts, 2,000 versioned (conditional) updates, and one `BatchWrite` of 5,000
//! items; then everything is read back from the engine directly.
//!
//! It reports, for the library's default retry settings and then with retries turned off and
//! the caller retrying what it is told failed: items missing, errors the caller saw, and
//! updates applied twice (a version that moved by more than one).
//!
//! `cargo run -p benches --bin faults [SEED ...]` (seeds 1 2 3 by default; it counts, it does
//! not time, so a debug build will do)

use std::time::Instant;

use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model::{Error, Retries};
use dynamo_model_local::{FaultLog, Faults, LocalEngine};
use futures::StreamExt;

const PUTS: u32 = 10_000;
const UPDATES: u32 = 2_000;
const BATCH: u32 = 5_000;
const IN_FLIGHT: usize = 32;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "fault_events")]
struct Event {
    #[dynamo(partition_key)]
    id: u32,
    payload: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "fault_orders")]
struct Order {
    #[dynamo(partition_key)]
    id: u32,
    status: String,
    #[dynamo(version)]
    version: u64,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "fault_rows")]
struct Row {
    #[dynamo(partition_key)]
    id: u32,
    n: u32,
}

fn faults(seed: u64) -> Faults {
    Faults::seeded(seed)
        .throttle(0.2)
        .server_error(0.05)
        .drop_after_write(0.02)
        .unprocessed(0.3)
}

/// What one run saw.
#[derive(Default)]
struct Tally {
    put_errors: usize,
    update_errors: usize,
    batch_not_written: usize,
    caller_rounds: usize,
    missing_events: usize,
    orders_not_shipped: usize,
    orders_applied_twice: usize,
    missing_rows: usize,
}

/// A versioned update that is safe to retry: on a version conflict it reads the order, and
/// finds its change already there (an earlier attempt landed) or gives the error back.
async fn ship(db: &Db, order: &Order) -> Result<(), Error> {
    let f = Order::fields();
    match order.update_item(db).set(&f.status, "shipped").await {
        Ok(_) => Ok(()),
        Err(Error::VersionConflict { .. }) => match Order::get(db, order.id).await? {
            Some(stored) if stored.status == "shipped" => Ok(()),
            _ => Err(Error::VersionConflict {
                table: Order::SCHEMA.table.to_owned(),
                expected: order.version,
                found: None,
            }),
        },
        Err(other) => Err(other),
    }
}

async fn run(engine: &LocalEngine, seed: u64, retries: Option<Retries>) -> (Tally, FaultLog) {
    let mode = if retries.is_some() {
        "noretry"
    } else {
        "default"
    };
    let clean = engine.db().with_table_prefix(format!("s{seed}-{mode}-"));
    Event::table().create(&clean).await.expect("create events");
    Order::table().create(&clean).await.expect("create orders");
    Row::table().create(&clean).await.expect("create rows");
    // The orders exist before the faults start, at version 1.
    let mut orders: Vec<Order> = (0..UPDATES)
        .map(|id| Order {
            id,
            status: "new".into(),
            version: 0,
        })
        .collect();
    let written = BatchWrite::new(&clean)
        .put_all(&mut orders)
        .await
        .expect("seed orders");
    written.ensure_complete().expect("seed orders");

    let base = match retries {
        Some(retries) => clean.clone().with_retries(retries),
        None => clean.clone(),
    };
    let (db, log) = faults(seed).install(&base).expect("install faults");
    let mut tally = Tally::default();

    // 10,000 puts, 32 in flight; with retries off, the caller puts again what failed.
    let mut pending: Vec<u32> = (0..PUTS).collect();
    // 2,000 conditional updates.
    let mut to_ship: Vec<Order> = orders.clone();
    // One batch of 5,000.
    let mut rows: Vec<Row> = (0..BATCH).map(|id| Row { id, n: id * 2 }).collect();
    let mut first_round = true;
    while !pending.is_empty() || !to_ship.is_empty() || !rows.is_empty() {
        tally.caller_rounds += 1;
        let db = &db;
        let failed: Vec<u32> = futures::stream::iter(pending)
            .map(|id| async move {
                let mut event = Event {
                    id,
                    payload: format!("event {id}"),
                };
                event.put(db).await.err().map(|_| id)
            })
            .buffer_unordered(IN_FLIGHT)
            .filter_map(|failed| async move { failed })
            .collect()
            .await;
        let unshipped: Vec<Order> = futures::stream::iter(to_ship)
            .map(|order| async move { ship(db, &order).await.err().map(|_| order) })
            .buffer_unordered(IN_FLIGHT)
            .filter_map(|failed| async move { failed })
            .collect()
            .await;
        // The batch retries unprocessed items as the Db's retry settings say.
        let written = BatchWrite::new(db)
            .put_all(&mut rows)
            .await
            .expect("the batch is built");
        let not_written: Vec<usize> = written
            .unprocessed()
            .map(|(i, _)| i)
            .chain(written.failed().map(|(i, _, _)| i))
            .collect();
        if first_round {
            tally.put_errors = failed.len();
            tally.update_errors = unshipped.len();
            tally.batch_not_written = not_written.len();
            first_round = false;
        }
        rows = not_written.into_iter().map(|i| rows[i].clone()).collect();
        pending = failed;
        to_ship = unshipped;
        if retries.is_none() {
            break; // with the default settings the caller does not retry
        }
    }

    // Read everything back from the engine, without faults.
    let events: Vec<Event> = Event::scan(&clean).await.expect("scan events");
    tally.missing_events = PUTS as usize - events.len();
    let stored: Vec<Order> = Order::scan(&clean).await.expect("scan orders");
    tally.orders_not_shipped =
        stored.iter().filter(|o| o.status != "shipped").count() + (UPDATES as usize - stored.len());
    tally.orders_applied_twice = stored.iter().filter(|o| o.version > 2).count();
    tally.missing_rows = BATCH as usize - Row::scan(&clean).count().await.expect("count rows");
    (tally, log)
}

#[tokio::main]
async fn main() {
    let seeds: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let seeds = if seeds.is_empty() {
        vec![1, 2, 3]
    } else {
        seeds
    };
    let engine = LocalEngine::start().expect("start the local engine");
    println!(
        "faults: 20% throttled, 5% answered 500, 2% dropped after the write, 30% of batch calls half unprocessed"
    );
    println!(
        "work per run: {PUTS} puts, {UPDATES} versioned updates, one BatchWrite of {BATCH}; read back from the engine"
    );
    for seed in seeds {
        for (name, retries) in [
            ("default retries", None),
            (
                "retries off, caller retries",
                Some(Retries {
                    max_attempts: 1,
                    ..Retries::standard()
                }),
            ),
        ] {
            let started = Instant::now();
            let (t, log) = run(&engine, seed, retries).await;
            println!(
                "seed {seed} {name:<28} missing: {} events, {} orders not shipped, {} rows | errors seen: {} puts, {} updates, {} batch items | applied twice: {} | caller rounds: {} | {:.1} s",
                t.missing_events,
                t.orders_not_shipped,
                t.missing_rows,
                t.put_errors,
                t.update_errors,
                t.batch_not_written,
                t.orders_applied_twice,
                t.caller_rounds,
                started.elapsed().as_secs_f64()
            );
            println!("    injected: {log}");
        }
    }
}
