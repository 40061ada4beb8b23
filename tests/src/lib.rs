//! Helpers shared by the integration tests: one DynamoDB Local per test binary, and a fresh
//! table namespace per test so tests run in parallel without seeing each other's tables.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use dynamo_model::Db;
use dynamo_model::local::LocalDynamoDb;

/// A [`Db`] on this binary's DynamoDB Local whose table names carry a prefix no other test
/// uses, so every test has tables of its own.
///
/// Panics when DynamoDB Local cannot be started: a test cannot run without its database.
pub fn db() -> Db {
    let local = match LocalDynamoDb::shared() {
        Ok(local) => local,
        Err(error) => panic!("cannot start DynamoDB Local for the tests: {error}"),
    };
    local.db().with_table_prefix(unique_prefix())
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
