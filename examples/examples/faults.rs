//! Testing retry-safe code under faults: a function that ships orders is run through a `Db`
//! whose requests are throttled and whose connections drop after the write, with the SDK's
//! retries off so that every fault reaches it; read back without faults, every order is
//! shipped exactly once.
//!
//! Run it with `cargo run -p examples --example faults`.

use std::process::ExitCode;

use dynamo_model::Retries;
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model_local::{Faults, LocalEngine};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "orders")]
struct Order {
    #[dynamo(partition_key)]
    id: u32,
    status: String,
    #[dynamo(version)]
    version: u64,
}

/// The code under test: ships an order, and is safe to call again after any error. A version
/// conflict may mean an earlier call landed and its answer was lost, so it reads the order to
/// tell that apart from a real conflict.
async fn ship(db: &Db, order: &Order) -> Result<(), Error> {
    let f = Order::fields();
    match order.update_item(db).set(&f.status, "shipped").await {
        Err(conflict @ Error::VersionConflict { .. }) => match Order::get(db, order.id).await? {
            Some(stored) if stored.status == "shipped" => Ok(()),
            _ => Err(conflict),
        },
        other => other.map(|_| ()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("faults", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let clean = engine.db();
    Order::table().create_if_missing(&clean).await?;
    let mut orders: Vec<Order> = (0..200)
        .map(|id| Order {
            id,
            status: "new".into(),
            version: 0,
        })
        .collect();
    BatchWrite::new(&clean)
        .put_all(&mut orders)
        .await?
        .ensure_complete()?;

    // Retries off: every fault reaches `ship`, and the caller calls it again until it succeeds.
    let retries_off = clean.clone().with_retries(Retries {
        max_attempts: 1,
        ..Retries::standard()
    });
    let (faulty, log) = Faults::seeded(42)
        .throttle(0.2)
        .server_error(0.05)
        .drop_after_write(0.2)
        .install(&retries_off)?;
    let mut calls = 0;
    for order in &orders {
        loop {
            calls += 1;
            if ship(&faulty, order).await.is_ok() {
                break;
            }
        }
    }
    println!("shipped {} orders in {calls} calls; {log}", orders.len());

    // Read back without faults: every order shipped, each exactly once (version 1 → 2).
    let stored: Vec<Order> = Order::scan(&clean).await?;
    let wrong: Vec<&Order> = stored
        .iter()
        .filter(|o| o.status != "shipped" || o.version != 2)
        .collect();
    if stored.len() != orders.len() || !wrong.is_empty() {
        return Err(format!("not shipped exactly once: {wrong:?}").into());
    }
    println!("read back: all {} shipped exactly once", stored.len());
    Ok(())
}
