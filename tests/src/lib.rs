//! Helpers shared by the integration tests: one local engine per test binary, and a fresh
//! table namespace per test so tests run in parallel without seeing each other's tables.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use dynamo_model::Db;
use dynamo_model_local::LocalEngine;

pub use dynamo_model_local::Engine;

pub mod gaps;

/// A [`Db`] on this binary's local engine (or `DYNAMODB_ENDPOINT`) whose table names carry a
/// prefix no other test uses, so every test has tables of its own.
///
/// Panics when the engine cannot be started: a test cannot run without its database.
pub fn db() -> Db {
    let engine = match LocalEngine::shared() {
        Ok(engine) => engine,
        Err(error) => panic!("cannot start the local DynamoDB engine for the tests: {error}"),
    };
    engine.db().with_table_prefix(unique_prefix())
}

/// The engine the tests run on: the embedded one unless `DYNAMO_MODEL_ENGINE` names another;
/// `None` when `DYNAMODB_ENDPOINT` names one, which the tests take to behave as DynamoDB does.
pub fn engine() -> Option<Engine> {
    match LocalEngine::shared() {
        Ok(engine) => engine.engine(),
        Err(error) => panic!("cannot start the local DynamoDB engine for the tests: {error}"),
    }
}

/// A table-name prefix unique across tests and test processes (several binaries may share
/// one DynamoDB when `DYNAMODB_ENDPOINT` is set).
pub fn unique_prefix() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "t{}-{}-{}-",
        std::process::id(),
        nanos,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Writes `item` into the model table `table` with the raw SDK, as another tool (boto3, the AWS
/// CLI, Dynamoose) would, bypassing dynamo-model's conversion.
pub async fn put_raw(db: &Db, table: &str, item: dynamo_model::Item) {
    if let Err(error) = db
        .client()
        .put_item()
        .table_name(db.table_name(table))
        .set_item(Some(item))
        .send()
        .await
    {
        panic!("raw PutItem into {table} failed: {error:?}");
    }
}

/// Reads the item with `key` from the model table `table` with the raw SDK, exactly as
/// DynamoDB holds it.
pub async fn get_raw(
    db: &Db,
    table: &str,
    key: (&str, dynamo_model::AttributeValue),
) -> Option<dynamo_model::Item> {
    get_raw_key(db, table, [(key.0.to_owned(), key.1)].into()).await
}

/// [`get_raw`] for a table with a sort key: `key` holds both key attributes.
pub async fn get_raw_key(
    db: &Db,
    table: &str,
    key: dynamo_model::Item,
) -> Option<dynamo_model::Item> {
    match db
        .client()
        .get_item()
        .table_name(db.table_name(table))
        .set_key(Some(key))
        .send()
        .await
    {
        Ok(output) => output.item,
        Err(error) => panic!("raw GetItem from {table} failed: {error:?}"),
    }
}
