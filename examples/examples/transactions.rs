//! Transactions: a transfer between two accounts that either happens completely or not at all,
//! and what a cancellation tells you.
//!
//! Run it with `cargo run -p examples --example transactions`.

use std::process::ExitCode;

use dynamo_model::error::CancelReason;
use dynamo_model::expr::Update;
use dynamo_model::ops::{Transaction, TransactionGet};
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "accounts")]
struct Account {
    #[dynamo(partition_key)]
    id: String,
    balance: i64,
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("transactions", run().await)
}

fn transfer<'a>(db: &'a Db, from: &str, to: &str, amount: i64) -> Transaction<'a> {
    let f = Account::fields();
    Transaction::new(db)
        .return_items_on_condition_failure()
        .update::<Account>(from, Update::new().decrement(&f.balance, amount))
        .condition(f.balance.ge(amount))
        .update::<Account>(to, Update::new().increment(&f.balance, amount))
        .condition(f.id.exists())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    Account::table().create_if_missing(&db).await?;
    Account {
        id: "alice".into(),
        balance: 100,
    }
    .put(&db)
    .await?;
    Account {
        id: "bob".into(),
        balance: 0,
    }
    .put(&db)
    .await?;

    // On DynamoDB, a retry with the same token (within ten minutes) does not move the money
    // twice. The local engine ignores tokens (see docs/testing.md), so this example sends it once.
    transfer(&db, "alice", "bob", 60)
        .idempotency_token("transfer-1")
        .await?;

    match transfer(&db, "alice", "bob", 60).await {
        Err(Error::TransactionCanceled { reasons }) => {
            for (action, reason) in reasons.iter().enumerate() {
                match reason {
                    CancelReason::ConditionFailed { item } => {
                        println!("action {action}: condition failed on {item:?}")
                    }
                    CancelReason::None => println!("action {action}: fine"),
                    other => println!("action {action}: {other:?}"),
                }
            }
        }
        other => println!("unexpected: {other:?}"),
    }

    let mut items = TransactionGet::new(&db)
        .get::<Account>("alice")
        .get::<Account>("bob")
        .await?;
    let alice: Option<Account> = items.take(0)?;
    let bob: Option<Account> = items.take(1)?;
    println!("balances read together: {alice:?} {bob:?}");
    Ok(())
}
