//! Consumed capacity: what the engine reports, summed by the meter per table, index, operation
//! and model.

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "meters")]
#[dynamo(global_index(name = "by_kind", partition_key = "kind"))]
struct Reading {
    #[dynamo(partition_key)]
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

    let puts = meter.units(&table, dynamo_model::Operation::PutItem);
    assert_eq!(puts.requests, 2);
    assert!(puts.write >= 2.0, "{puts:?}");
    let gets = meter.units(&table, dynamo_model::Operation::GetItem);
    assert!(gets.read > 0.0, "{gets:?}");
    let snapshot = meter.snapshot();
    assert!(
        meter
            .units(&table, dynamo_model::Operation::BatchWriteItem)
            .write
            > 0.0,
        "{snapshot:?}"
    );
    meter.reset();
    assert!(meter.snapshot().is_empty());
}

/// DynamoDB reports capacity per index (a put of a small item with one global index costs 1 WCU
/// on the table and 1 on the index, and the meter keeps the index's share apart) and for
/// transactions.
#[tokio::test]
async fn a_meter_sums_capacity_per_index_and_of_transactions() {
    if tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "capacity::a_meter_sums_capacity_per_index_and_of_transactions",
    ) {
        return;
    }
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    Reading::table().create(&db).await.unwrap();
    let table = db.table_name_of::<Reading>();
    reading(1).put(&db).await.unwrap();
    Transaction::new(&db).put(&mut reading(5)).await.unwrap();
    let snapshot = meter.snapshot();
    assert!(
        meter
            .units(&table, dynamo_model::Operation::TransactWriteItems)
            .write
            > 0.0,
        "{snapshot:?}"
    );
    let on_index = snapshot.iter().find(|(usage, _)| {
        usage.index.as_deref() == Some("by_kind")
            && usage.operation == dynamo_model::Operation::PutItem
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
    #[dynamo(partition_key)]
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
        meter.units(&table, dynamo_model::Operation::PutItem).write,
    );
    let get = (
        cost::read_units(size, read),
        meter.units(&table, dynamo_model::Operation::GetItem).read,
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
async fn large_items_cost_what_their_size_predicts() {
    if tests::gaps::lacks(
        &tests::gaps::SIZED_CAPACITY,
        "capacity::large_items_cost_what_their_size_predicts",
    ) {
        return;
    }
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
    // Each put of a small item costs a write unit on the table and one on each index that
    // holds it: a customer is in gsi1, an order in gsi1 and gsi2, addresses and order items in
    // none (an engine without per-index capacity reports the table's share only). What a query
    // reads is checked apart; here only its presence.
    let index = |units: f64| match tests::gaps::instead(&tests::gaps::INDEX_CAPACITY) {
        Some(_) => 0.0,
        None => units,
    };
    assert_eq!(of("Customer"), (1, 1.0 + index(1.0), 0.0), "{report:#}");
    assert_eq!(of("Address"), (2, 2.0, 0.0), "{report:#}");
    assert_eq!(of("OrderItem"), (6, 6.0, 0.0), "{report:#}");
    let (requests, written, read) = of("Order");
    assert_eq!(
        (requests, written),
        (4, 3.0 + index(6.0)),
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

/// What the meter recorded since its last reset, as a [`WriteCost`]: the table's write units
/// and each index's.
fn reported(meter: &CapacityMeter) -> dynamo_model::cost::WriteCost {
    let mut cost = dynamo_model::cost::WriteCost::default();
    for (usage, units) in meter.snapshot() {
        match usage.index {
            None => cost.table += units.write,
            Some(index) => {
                let name = ["gsi1", "gsi2"]
                    .into_iter()
                    .find(|name| *name == index)
                    .unwrap_or_else(|| panic!("an index the shop does not have: {index}"));
                cost.add(&dynamo_model::cost::WriteCost {
                    table: 0.0,
                    indexes: vec![(name, units.write)],
                });
            }
        }
    }
    meter.reset();
    cost
}

/// The stored shop item with the keys of `item` (a model's `to_item()`), read without the
/// meter.
async fn stored(db: &dynamo_model::Db, item: &dynamo_model::Item) -> Option<dynamo_model::Item> {
    let key = ["pk", "sk"].map(|name| (name.to_owned(), item[name].clone()));
    tests::get_raw_key(db, "shop", key.into()).await
}

/// The cost of writing `after` over `before`, for a shop entity.
fn predict(
    before: &Option<dynamo_model::Item>,
    after: &Option<dynamo_model::Item>,
    write: dynamo_model::cost::Write,
) -> dynamo_model::cost::WriteCost {
    use examples::shop::Customer;
    // Every entity of a shared table carries the table's indexes.
    dynamo_model::cost::write_cost(&Customer::SCHEMA, before.as_ref(), after.as_ref(), write)
}

/// Sorted by index name, so that two costs compare whatever order their indexes came in.
fn sorted(mut cost: dynamo_model::cost::WriteCost) -> dynamo_model::cost::WriteCost {
    cost.indexes.sort_by(|a, b| a.0.cmp(b.0));
    cost
}

/// The units `cost::write_cost` predicts from the items before and after each write, the index
/// writes included, are the units the engine reports, for a put, an update that moves an index
/// key, a put that changes nothing an index holds, deletes, a batch and a transaction.
#[tokio::test]
async fn predicted_write_units_match_the_reported_on_the_shop_table_indexes_included() {
    use dynamo_model::cost::{Write, WriteCost};
    use examples::shop::{self, Address, Customer, Order, OrderItem};
    if tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "capacity::predicted_write_units_match_the_reported_on_the_shop_table_indexes_included",
    ) {
        return;
    }
    let meter = CapacityMeter::new();
    let db = tests::db().with_capacity_meter(meter.clone());
    shop::create_table(&db).await.unwrap();
    meter.reset();
    let check = |what: &str, predicted: WriteCost, meter: &CapacityMeter| {
        assert_eq!(sorted(predicted), sorted(reported(meter)), "{what}");
    };

    // A put: the table, and gsi1 (a customer's email).
    let mut ann = Customer {
        username: "ann".into(),
        email: "ann@example.com".into(),
        name: "Ann ".repeat(300),
    };
    ann.create(&db).await.unwrap();
    let ann_item = Some(ann.to_item().unwrap());
    let create = predict(&None, &ann_item, Write::Single);
    assert_eq!((create.table, create.index("gsi1")), (2.0, 2.0), "1.2 KB");
    check("create", create, &meter);

    // An order is in both indexes.
    let mut order = Order {
        username: "ann".into(),
        customer: dynamo_model::Ref::to_key("ann").unwrap(),
        order_id: "o1".into(),
        placed: 20240503,
        status: "placed".into(),
        total_cents: 1500,
    };
    order.put(&db).await.unwrap();
    let placed = Some(order.to_item().unwrap());
    check("put", predict(&None, &placed, Write::Single), &meter);

    // Shipping moves its gsi2 key (a delete and a put there) and changes a value gsi1 holds.
    let shipped_order = shop::ship(&db, &order).await.unwrap();
    let shipped = stored(&db, placed.as_ref().unwrap()).await;
    let ship = predict(&placed, &shipped, Write::Single);
    assert_eq!(
        (ship.table, ship.index("gsi1"), ship.index("gsi2")),
        (1.0, 1.0, 2.0)
    );
    check("update moving an index key", ship, &meter);

    // Putting the same order again leaves both index entries as they were.
    shipped_order.clone().put(&db).await.unwrap();
    let again = predict(&shipped, &shipped, Write::Single);
    assert!(again.indexes.is_empty(), "{again:?}");
    check("put of an unchanged item", again, &meter);

    // A delete of an item in both indexes, and of one in none.
    let mut home = Address {
        username: "ann".into(),
        label: "home".into(),
        street: "1 Main St".into(),
        city: "Springfield".into(),
    };
    home.put(&db).await.unwrap();
    meter.reset();
    Order::delete(&db, ("ann", order.placed, "o1"))
        .await
        .unwrap();
    check("delete", predict(&shipped, &None, Write::Single), &meter);
    Address::delete(&db, ("ann", "home")).await.unwrap();
    let home_item = Some(home.to_item().unwrap());
    check(
        "delete outside every index",
        predict(&home_item, &None, Write::Single),
        &meter,
    );

    // A batch: two order items (no index), a customer (gsi1), and deleting ann (gsi1).
    let mut lines: Vec<OrderItem> = (1..=2)
        .map(|line| OrderItem {
            order_id: "o2".into(),
            line,
            product: "tea".into(),
            quantity: 1,
            price_cents: 300,
        })
        .collect();
    let mut bob = Customer {
        username: "bob".into(),
        email: "bob@example.com".into(),
        name: "Bob".into(),
    };
    let mut batch = WriteCost::default();
    for line in &lines {
        batch.add(&predict(
            &None,
            &Some(line.to_item().unwrap()),
            Write::Single,
        ));
    }
    batch.add(&predict(
        &None,
        &Some(bob.to_item().unwrap()),
        Write::Single,
    ));
    batch.add(&predict(&ann_item, &None, Write::Single));
    let [first, second] = &mut lines[..] else {
        unreachable!("two lines")
    };
    let written = BatchWrite::new(&db)
        .put(first)
        .put(second)
        .put(&mut bob)
        .delete::<Customer>("ann")
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    check("batch", batch, &meter);

    // A transaction doubles the table's share, not the indexes'.
    let mut o3 = Order {
        order_id: "o3".into(),
        ..shipped_order
    };
    let mut transaction = predict(&None, &Some(o3.to_item().unwrap()), Write::Transactional);
    let bob_item = Some(bob.to_item().unwrap());
    transaction.add(&predict(&bob_item, &None, Write::Transactional));
    assert_eq!(
        (transaction.table, transaction.total()),
        (4.0, 7.0),
        "{transaction:?}"
    );
    Transaction::new(&db)
        .put(&mut o3)
        .delete::<Customer>("bob")
        .await
        .unwrap();
    check("transaction", transaction, &meter);
}
