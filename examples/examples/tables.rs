//! Tables: creation from the model with options, a start-up `verify`, a table name chosen at run
//! time, and a capacity meter.
//!
//! Run it with `cargo run -p examples --example tables`.

use std::process::ExitCode;

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::prelude::*;
use dynamo_model::table::StreamViewType;
use dynamo_model_local::LocalEngine;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "sessions")]
#[dynamo(global_index(name = "by_user", partition_key = "user", projection = "keys_only"))]
struct Session {
    #[dynamo(partition_key)]
    id: String,
    user: String,
    expires: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("tables", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    // A name infrastructure code chose, e.g. read from an environment variable.
    let table = std::env::var("SESSIONS_TABLE").unwrap_or_else(|_| "app-sessions-prod".into());
    let meter = CapacityMeter::new();
    let db = engine
        .db()
        .with_table_name::<Session>(table.clone())
        .with_capacity_meter(meter.clone());

    Session::table()
        .ttl("expires")
        .stream(StreamViewType::NewImage)
        .tag("app", "example")
        .create_if_missing(&db)
        .await?;
    println!("created `{table}` with its index, TTL on `expires` and a stream");

    let differences = Session::table().ttl("expires").verify(&db).await?;
    println!("verify: {} differences", differences.len());

    Session {
        id: "s1".into(),
        user: "ann".into(),
        expires: 1_900_000_000,
    }
    .put(&db)
    .await?;
    Session::get(&db, "s1").await?;
    for (usage, units) in meter.snapshot() {
        println!(
            "{} {:?} {}: {} read, {} write units",
            usage.table, usage.index, usage.operation, units.read, units.write
        );
    }

    Session::table().delete(&db).await?;
    println!("deleted `{table}`");
    Ok(())
}
