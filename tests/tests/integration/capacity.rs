//! Consumed capacity: what the engine reports, summed by the meter per table, index and
//! operation.

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "meters")]
#[dynamo(global_index(name = "by_kind", hash = "kind"))]
struct Reading {
    #[dynamo(hash_key)]
    id: u32,
    kind: String,
}

fn reading(id: u32) -> Reading {
    Reading {
        id,
        kind: "temp".into(),
    }
}

#[tokio::test]
async fn a_meter_sums_capacity_per_table_and_operation() {
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    Reading::table().create(&db).await.unwrap();
    let table = db.table_name_of::<Reading>();

    reading(1).put(&db).await.unwrap();
    reading(2).put(&db).await.unwrap();
    Reading::get(&db, 1).await.unwrap();
    Reading::indexes().by_kind.query(&db, "temp").await.unwrap();
    let written = BatchWrite::new(&db)
        .put_all(&mut [reading(3), reading(4)])
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    Transaction::new(&db).put(&mut reading(5)).await.unwrap();

    let puts = meter.units(&table, "PutItem");
    assert_eq!(puts.requests, 2);
    assert!(puts.write >= 2.0, "{puts:?}");
    let gets = meter.units(&table, "GetItem");
    assert!(gets.read > 0.0, "{gets:?}");
    let snapshot = meter.snapshot();
    assert!(
        meter.units(&table, "BatchWriteItem").write > 0.0,
        "{snapshot:?}"
    );
    meter.reset();
    assert!(meter.snapshot().is_empty());
}

/// DynamoDB reports capacity per index (a put of a small item with one global index costs 1 WCU
/// on the table and 1 on the index, and the meter keeps the index's share apart) and for
/// transactions.
#[tokio::test]
#[ignore = "moto 5.2.5 reports no consumed capacity per index or for TransactWriteItems; run against DynamoDB: DYNAMODB_ENDPOINT=http://localhost:8000 cargo test -p tests --test integration -- --ignored capacity::"]
async fn a_meter_sums_capacity_per_index_and_of_transactions() {
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    Reading::table().create(&db).await.unwrap();
    let table = db.table_name_of::<Reading>();
    reading(1).put(&db).await.unwrap();
    Transaction::new(&db).put(&mut reading(5)).await.unwrap();
    let snapshot = meter.snapshot();
    assert!(
        meter.units(&table, "TransactWriteItems").write > 0.0,
        "{snapshot:?}"
    );
    let on_index = snapshot.iter().find(|(usage, _)| {
        usage.index.as_deref() == Some("by_kind") && usage.operation == "PutItem"
    });
    let Some((_, units)) = on_index else {
        panic!("no per-index capacity: {snapshot:?}");
    };
    assert!(units.write >= 1.0, "{units:?}");
}
