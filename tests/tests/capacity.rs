//! Consumed capacity: what DynamoDB Local reports, summed by the meter per table, index and
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
async fn a_meter_sums_capacity_per_table_index_and_operation() {
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
    assert!(written.unprocessed.is_empty());
    Transaction::new(&db).put(&mut reading(5)).await.unwrap();

    // DynamoDB Local reports capacity like DynamoDB: a put of a small item with one global
    // index costs 1 WCU on the table and 1 on the index.
    let puts = meter.units(&table, "PutItem");
    assert_eq!(puts.requests, 2);
    assert!(puts.write >= 2.0, "{puts:?}");
    let gets = meter.units(&table, "GetItem");
    assert!(gets.read > 0.0, "{gets:?}");
    let snapshot = meter.snapshot();
    let on_index = snapshot.iter().find(|(usage, _)| {
        usage.index.as_deref() == Some("by_kind") && usage.operation == "PutItem"
    });
    assert!(on_index.is_some(), "per-index capacity: {snapshot:?}");
    assert!(
        meter.units(&table, "BatchWriteItem").write > 0.0,
        "{snapshot:?}"
    );
    assert!(
        meter.units(&table, "TransactWriteItems").write > 0.0,
        "{snapshot:?}"
    );
    meter.reset();
    assert!(meter.snapshot().is_empty());
}
