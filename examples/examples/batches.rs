//! Batches: writing and reading 2,000 items in chunks, with what could not be processed
//! reported rather than dropped.
//!
//! Run it with `cargo run -p examples --example batches`.

use std::process::ExitCode;
use std::time::Duration;

use dynamo_model::Retries;
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "sensors")]
struct Sensor {
    #[dynamo(partition_key)]
    id: u32,
    room: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("batches", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    Sensor::table().create_if_missing(&db).await?;

    let mut sensors: Vec<Sensor> = (0..2000)
        .map(|id| Sensor {
            id,
            room: format!("room {}", id % 40),
        })
        .collect();
    let written = BatchWrite::new(&db)
        .put_all(&mut sensors)
        .concurrency(8)
        .retries(Retries {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(25),
            max_backoff: Duration::from_secs(2),
            ..Retries::bulk()
        })
        .await?;
    println!(
        "wrote {} of {} sensors in calls of 25 after {} retries; {} unprocessed, {} failed",
        written.written(),
        sensors.len(),
        written.retries,
        written.unprocessed().count(),
        written.failed().count(),
    );
    // Every write is accounted for: anything not written is there to send again or report.
    written.ensure_complete()?;

    let got = Sensor::batch_get(&db, (0..2100).step_by(3)).await?;
    println!(
        "read {} sensors in calls of 100; {} keys had no item, {} unprocessed, {} failed",
        got.items.len(),
        got.missing.len(),
        got.unprocessed.len(),
        got.failed.len(),
    );

    let removed = BatchWrite::new(&db)
        .delete::<Sensor>(0)
        .delete::<Sensor>(1)
        .await?;
    assert!(removed.is_complete(), "{removed:?}");
    println!("sensors left: {}", Sensor::scan(&db).count().await?);
    Ok(())
}
