//! Consumed capacity: what the engine reports, summed by the meter per table, index, operation
//! and model.

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

/// A model without indexes, so that a request's units are the table's alone.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "notes")]
struct Note {
    #[dynamo(hash_key)]
    id: String,
    body: String,
}

/// Puts and reads (`strong`ly consistent or not) `body_len` bytes of body, and gives what the
/// sizes predicted and what the engine reported, for the put and for the get.
async fn predicted_and_reported(body_len: usize, strong: bool) -> ((f64, f64), (f64, f64), String) {
    use dynamo_model::cost::{self, Prices, Read};
    use dynamo_model::value::item_size;
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    Note::table().create(&db).await.unwrap();
    let table = db.table_name_of::<Note>();
    let mut note = Note {
        id: "n1".into(),
        body: "x".repeat(body_len),
    };
    let size = item_size(&note.to_item().unwrap());
    note.put(&db).await.unwrap();
    Note::get(&db, "n1").consistent_read(strong).await.unwrap();
    let read = if strong { Read::Strong } else { Read::Eventual };
    let put = (
        cost::write_units(size),
        meter.units(&table, "PutItem").write,
    );
    let get = (
        cost::read_units(size, read),
        meter.units(&table, "GetItem").read,
    );
    (put, get, meter.report(&Prices::us_east_1()).to_string())
}

#[tokio::test]
async fn the_units_predicted_from_an_item_s_size_are_what_the_engine_reports() {
    let ((predicted_put, put), (predicted_get, get), report) =
        predicted_and_reported(100, false).await;
    assert_eq!(predicted_put, put, "put of a small item");
    assert_eq!(
        predicted_get, get,
        "eventually consistent get of a small item"
    );
    assert_eq!(
        report,
        "2 requests (1 write, 1 read): 1 WCU, 0.5 RCU, $0.0000007 on demand (us-east-1, standard)"
    );
}

/// Items over 1 KB cost a unit per KB to write, and over 4 KB a unit per 4 KB to read, twice
/// that for a strongly consistent read.
#[tokio::test]
#[ignore = "moto 5.2.5 reports 1 WCU for any put and 0.5 RCU for any get, whatever the size and consistency; run against DynamoDB: DYNAMODB_ENDPOINT=http://localhost:8000 cargo test -p tests --test integration -- --ignored capacity::"]
async fn large_items_cost_what_their_size_predicts() {
    let ((predicted_put, put), (predicted_get, get), _) = predicted_and_reported(9_000, true).await;
    assert_eq!((predicted_put, predicted_get), (9.0, 3.0));
    assert_eq!(predicted_put, put);
    assert_eq!(predicted_get, get);
}

/// A report sums what each model's requests cost: in a shared table every entity is reported
/// apart, a collection query under the collection's name, and a batch of several entities under
/// all of their names.
#[tokio::test]
async fn a_report_sums_the_cost_of_each_model_in_a_shared_table() {
    use dynamo_model::cost::Prices;
    use examples::shop::{self, Address, OrderItem};
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    shop::create_table(&db).await.unwrap();
    // 1 customer, 2 addresses, 6 order items, 3 orders: one put each.
    shop::seed(&db, "ida").await.unwrap();
    shop::customer_view(&db, "ida").await.unwrap();
    shop::order_by_id(&db, "ida-1").await.unwrap().unwrap();
    let written = BatchWrite::new(&db)
        .delete::<Address>(("ida", "work"))
        .delete::<OrderItem>(("ida-3", 2))
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");

    let report = meter.report(&Prices::us_east_1());
    let of = |model: &str| {
        let Some(cost) = report.by_model.iter().find(|m| m.model == model) else {
            panic!("no {model} in {report:#}");
        };
        (cost.requests, cost.write_units, cost.read_units)
    };
    // The engine reports 1 WCU a put, whatever the item; what it reports for a query is its own
    // reckoning, so only its presence is checked.
    assert_eq!(of("Customer"), (1, 1.0, 0.0), "{report:#}");
    assert_eq!(of("Address"), (2, 2.0, 0.0), "{report:#}");
    assert_eq!(of("OrderItem"), (6, 6.0, 0.0), "{report:#}");
    let (requests, written, read) = of("Order");
    assert_eq!(
        (requests, written),
        (4, 3.0),
        "3 puts and a GSI query: {report:#}"
    );
    assert!(read > 0.0, "{report:#}");
    let (requests, written, read) = of("CustomerView");
    assert_eq!((requests, written), (1, 0.0), "{report:#}");
    assert!(read > 0.0, "{report:#}");
    let (requests, written, _) = of("Address + OrderItem");
    assert_eq!(requests, 1, "{report:#}");
    assert!(written > 0.0, "{report:#}");
    assert_eq!(report.by_model.len(), 6, "{report:#}");
    let sum: f64 = report.by_model.iter().map(|m| m.on_demand).sum();
    assert!((sum - report.on_demand).abs() < 1e-12, "{report:#}");
    assert_eq!(report.requests, 15);
    println!("{report:#}");
}
