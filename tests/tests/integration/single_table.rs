//! Several models in one shared table: keys written from templates, each item carrying its
//! entity name, an entity's query reading only its own items, typed sort-key prefixes.

use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, Collection, Item, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    global_index(name = "gsi2", partition_key = "gsi2pk", sort_key = "gsi2sk"),
    global_index(name = "gsi3", partition_key = "gsi3pk", sort_key = "gsi3sk"),
    entities(Customer, Order)
)]
struct Shop;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "customer",
    partition_key = "CUSTOMER#{id}",
    sort_key = "PROFILE",
    // gsi1 is overloaded: customers by email, orders by id.
    global_index(name = "gsi1", partition_key = "EMAIL#{email}", sort_key = "CUSTOMER")
)]
struct Customer {
    id: String,
    name: String,
    email: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "CUSTOMER#{customer_id}",
    sort_key = "ORDER#{placed}#{order_id}",
    global_index(name = "gsi1", partition_key = "ORDER#{order_id}", sort_key = "ORDER#{order_id}"),
    global_index(name = "gsi2", partition_key = "STATUS#{status}", sort_key = "PLACED#{placed}#{order_id}"),
    // Sparse: only orders handed to a courier are in gsi3.
    global_index(name = "gsi3", partition_key = "COURIER#{courier}", sort_key = "ORDER#{order_id}")
)]
struct Order {
    customer_id: String,
    order_id: String,
    placed: u32,
    total_cents: i64,
    status: String,
    courier: Option<String>,
}

/// A customer and their orders, read in one query of their partition.
#[derive(Collection, Debug, PartialEq)]
enum CustomerView {
    Customer(Customer),
    Order(Order),
    #[dynamo(unknown)]
    Other(Item),
}

/// The same without a place for unknown items.
#[derive(Collection, Debug, PartialEq)]
enum StrictView {
    Customer(Customer),
    Order(Order),
}

fn order(customer: &str, id: &str, placed: u32) -> Order {
    Order {
        customer_id: customer.into(),
        order_id: id.into(),
        placed,
        total_cents: 1250,
        status: "placed".into(),
        courier: None,
    }
}

async fn shop() -> Db {
    let db = tests::db();
    Customer::table().create_if_missing(&db).await.unwrap();
    db
}

#[tokio::test]
async fn keys_are_written_from_the_templates_with_the_entity_name() {
    let db = shop().await;
    let mut alice = Customer {
        id: "alice".into(),
        name: "Alice".into(),
        email: "alice@example.com".into(),
    };
    alice.put(&db).await.unwrap();
    let mut first = order("alice", "o-1", 20240601);
    first.put(&db).await.unwrap();

    let raw = tests::get_raw_key(
        &db,
        Shop::NAME,
        [
            ("pk".to_owned(), AttributeValue::S("CUSTOMER#alice".into())),
            (
                "sk".to_owned(),
                AttributeValue::S("ORDER#0020240601#o-1".into()),
            ),
        ]
        .into(),
    )
    .await
    .expect("the order is stored under its template keys");
    assert_eq!(raw.get("_et"), Some(&AttributeValue::S("order".into())));
    assert_eq!(raw.get("order_id"), Some(&AttributeValue::S("o-1".into())));

    assert_eq!(Customer::get(&db, "alice").await.unwrap(), Some(alice));
    assert_eq!(
        Order::get(&db, ("alice", 20240601, "o-1")).await.unwrap(),
        Some(first)
    );
}

#[tokio::test]
async fn an_entity_query_reads_only_its_own_items_in_key_order() {
    let db = shop().await;
    Customer {
        id: "bob".into(),
        name: "Bob".into(),
        email: "bob@example.com".into(),
    }
    .put(&db)
    .await
    .unwrap();
    for (id, placed) in [("o-3", 20240715), ("o-1", 20240601), ("o-2", 20240620)] {
        order("bob", id, placed).put(&db).await.unwrap();
    }
    order("carol", "o-9", 20240610).put(&db).await.unwrap();

    let all: Vec<Order> = Order::query(&db, "bob").await.unwrap();
    let ids: Vec<&str> = all.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(
        ids,
        ["o-1", "o-2", "o-3"],
        "the customer item is not an order"
    );

    let june: Vec<Order> = Order::query(&db, "bob")
        .sort_key(|sk| {
            sk.between(
                Order::sort_key().placed(20240601),
                Order::sort_key().placed(20240631),
            )
        })
        .await
        .unwrap();
    let ids: Vec<&str> = june.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["o-1", "o-2"]);

    let one: Vec<Order> = Order::query(&db, "bob")
        .sort_key(|sk| sk.begins_with(Order::sort_key().placed(20240620)))
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].order_id, "o-2");

    let exact: Vec<Order> = Order::query(&db, "bob")
        .sort_key(|sk| sk.eq(Order::sort_key().placed(20240715).order_id("o-3")))
        .await
        .unwrap();
    assert_eq!(exact, [order("bob", "o-3", 20240715)]);
}

#[tokio::test]
async fn an_entity_scan_reads_only_its_own_items() {
    let db = shop().await;
    for name in ["carol", "dave"] {
        Customer {
            id: name.into(),
            name: name.into(),
            email: format!("{name}@example.com"),
        }
        .put(&db)
        .await
        .unwrap();
    }
    for n in 0..3 {
        order("carol", &format!("o-{n}"), 20240601 + n)
            .put(&db)
            .await
            .unwrap();
    }
    assert_eq!(Order::scan(&db).count().await.unwrap(), 3);
    assert_eq!(Customer::scan(&db).count().await.unwrap(), 2);
    let request = Order::scan(&db).request().unwrap();
    assert_eq!(request.filter_expression(), Some("#n0 = :v0"));
    assert_eq!(
        request.expression_attribute_values().unwrap()[":v0"],
        AttributeValue::S("order".into())
    );
}

#[tokio::test]
async fn updates_change_fields_but_never_the_key_parts() {
    let db = shop().await;
    order("dana", "o-1", 20240101).put(&db).await.unwrap();
    let updated = Order::update(&db, ("dana", 20240101, "o-1"))
        .set(Order::fields().total_cents, 990)
        .await
        .unwrap();
    assert_eq!(updated.total_cents, 990);
    assert_eq!(Order::query(&db, "dana").await.unwrap()[0].total_cents, 990);
}

#[tokio::test]
async fn a_key_part_holding_a_separator_or_nothing_is_refused_before_sending() {
    let db = shop().await;
    let error = order("eve#x", "o-1", 1).put(&db).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "attribute `customer_id`: contains `#`, which separates the parts of key `pk`; a part containing it would make keys ambiguous"
    );
    let error = Order::get(&db, ("eve", 1, "")).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("an empty string cannot be a part of key `sk`"),
        "{error}"
    );
}

#[tokio::test]
async fn an_item_of_another_entity_is_not_read_as_this_one() {
    let db = shop().await;
    // Written by another tool under an order's key, but as something else.
    tests::put_raw(
        &db,
        Shop::NAME,
        [
            ("pk", AttributeValue::S("CUSTOMER#finn".into())),
            ("sk", AttributeValue::S("ORDER#0000000001#o-1".into())),
            ("_et", AttributeValue::S("refund".into())),
            ("customer_id", AttributeValue::S("finn".into())),
            ("order_id", AttributeValue::S("o-1".into())),
            ("placed", AttributeValue::N("1".into())),
            ("total_cents", AttributeValue::N("5".into())),
            ("status", AttributeValue::S("x".into())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    )
    .await;
    let error = Order::get(&db, ("finn", 1, "o-1")).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("attribute `_et`: the item is a `refund`, not a `order`"),
        "{error}"
    );
}

#[tokio::test]
async fn creating_the_table_through_one_model_gives_every_gsi_of_the_table() {
    let db = shop().await;
    let description = Order::table().describe(&db).await.unwrap().unwrap();
    let mut names: Vec<String> = description
        .global_secondary_indexes()
        .iter()
        .filter_map(|index| index.index_name().map(str::to_owned))
        .collect();
    names.sort();
    assert_eq!(names, ["gsi1", "gsi2", "gsi3"]);
}

#[tokio::test]
async fn an_overloaded_gsi_finds_each_entity_by_its_own_key() {
    let db = shop().await;
    let mut grace = Customer {
        id: "grace".into(),
        name: "Grace".into(),
        email: "grace@example.com".into(),
    };
    grace.put(&db).await.unwrap();
    let mut placed = order("grace", "o-77", 20240301);
    placed.put(&db).await.unwrap();

    let by_email: Vec<Customer> = Customer::indexes()
        .gsi1
        .query(&db, "grace@example.com")
        .await
        .unwrap();
    assert_eq!(by_email, [grace]);
    let by_id: Vec<Order> = Order::indexes().gsi1.query(&db, "o-77").await.unwrap();
    assert_eq!(by_id, [placed]);
}

#[tokio::test]
async fn changing_an_index_key_part_rewrites_the_index_key_in_the_same_request() {
    let db = shop().await;
    let status = Order::indexes().gsi2;
    for (id, day) in [("o-1", 20240501), ("o-2", 20240502), ("o-3", 20240503)] {
        order("heidi", id, day).put(&db).await.unwrap();
    }
    let early: Vec<Order> = status
        .query(&db, "placed")
        // Key text compares whole: keys continuing the upper prefix (`PLACED#0020240502#o-2`)
        // sort after it, so the upper bound is the next day.
        .sort_key(|sk| {
            sk.between(
                status.sort_key().placed(20240501),
                status.sort_key().placed(20240503),
            )
        })
        .await
        .unwrap();
    let ids: Vec<&str> = early.iter().map(|o| o.order_id.as_str()).collect();
    assert!(
        ids.contains(&"o-1") && ids.contains(&"o-2") && !ids.contains(&"o-3"),
        "{ids:?}"
    );

    // The status is part of gsi2's key: it changes with the index key's other parts, and the
    // index key with it. In the peers' bug the index still says "placed" afterwards.
    let shipped = Order::update(&db, ("heidi", 20240502, "o-2"))
        .merge(Order::set_gsi2("shipped", 20240502, "o-2"))
        .await
        .unwrap();
    assert_eq!(shipped.status, "shipped");
    let found: Vec<Order> = status.query(&db, "shipped").await.unwrap();
    assert!(found.iter().any(|o| o.order_id == "o-2"));
    let still_placed: Vec<Order> = status.query(&db, "placed").await.unwrap();
    assert!(!still_placed.iter().any(|o| o.order_id == "o-2"));
}

#[tokio::test]
async fn a_sparse_index_holds_only_the_items_whose_optional_part_is_set() {
    let db = shop().await;
    let couriers = Order::indexes().gsi3;
    order("ivan", "o-1", 1).put(&db).await.unwrap();
    let mut handed = order("ivan", "o-2", 2);
    handed.courier = Some("ups-ivan".into());
    handed.put(&db).await.unwrap();

    let ups: Vec<Order> = couriers.query(&db, "ups-ivan").await.unwrap();
    assert_eq!(ups, [handed]);

    Order::update(&db, ("ivan", 1, "o-1"))
        .merge(Order::set_gsi3(Some("ups-ivan"), "o-1"))
        .await
        .unwrap();
    let ups: Vec<Order> = couriers.query(&db, "ups-ivan").await.unwrap();
    assert_eq!(ups.len(), 2);

    // Clearing the part removes the index key attributes: the item leaves the index.
    let cleared = Order::update(&db, ("ivan", 2, "o-2"))
        .merge(Order::set_gsi3(None, "o-2"))
        .await
        .unwrap();
    assert_eq!(cleared.courier, None);
    let ups: Vec<Order> = couriers.query(&db, "ups-ivan").await.unwrap();
    let ids: Vec<&str> = ups.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["o-1"]);
    let raw = tests::get_raw_key(
        &db,
        Shop::NAME,
        [
            ("pk".to_owned(), AttributeValue::S("CUSTOMER#ivan".into())),
            (
                "sk".to_owned(),
                AttributeValue::S("ORDER#0000000002#o-2".into()),
            ),
        ]
        .into(),
    )
    .await
    .unwrap();
    assert!(!raw.contains_key("gsi3pk") && !raw.contains_key("gsi3sk"));
}

#[tokio::test]
async fn a_collection_reads_a_customer_and_their_orders_in_one_query() {
    let db = shop().await;
    let mut judy = Customer {
        id: "judy".into(),
        name: "Judy".into(),
        email: "judy@example.com".into(),
    };
    judy.put(&db).await.unwrap();
    let mut orders = Vec::new();
    for (id, placed) in [("o-1", 1), ("o-2", 2), ("o-3", 3)] {
        let mut o = order("judy", id, placed);
        o.put(&db).await.unwrap();
        orders.push(o);
    }
    // An item another application wrote into the partition, of an entity we do not model.
    let refund: Item = [
        ("pk", AttributeValue::S("CUSTOMER#judy".into())),
        ("sk", AttributeValue::S("REFUND#1".into())),
        ("_et", AttributeValue::S("refund".into())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    tests::put_raw(&db, Shop::NAME, refund.clone()).await;

    let view: Vec<CustomerView> = CustomerView::query(&db, "judy").await.unwrap();
    let mut expected: Vec<CustomerView> = orders.iter().cloned().map(CustomerView::Order).collect();
    expected.insert(3, CustomerView::Customer(judy.clone()));
    expected.push(CustomerView::Other(refund));
    // Sort key order: ORDER#..., PROFILE, REFUND#1.
    assert_eq!(view, expected);

    // Page by page, every item comes exactly once.
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = CustomerView::query(&db, "judy")
            .page_size(2)
            .page(cursor)
            .await
            .unwrap();
        seen.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, expected);

    // Without an unknown variant, the refund is an error naming its entity, not dropped.
    let error = StrictView::query(&db, "judy").await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the item has `refund`, which is no member of this collection"),
        "{error}"
    );
}

/// The same table before and after a release that adds a GSI.
#[derive(SharedTable)]
#[dynamo(
    name = "evolving",
    partition_key = "pk",
    sort_key = "sk",
    entities(UserV1)
)]
struct EvolvingV1;

#[derive(SharedTable)]
#[dynamo(
    name = "evolving",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "by_email", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    entities(UserV2)
)]
struct EvolvingV2;

#[derive(Model, Debug, PartialEq)]
#[dynamo(table = EvolvingV1, entity = "user", partition_key = "USER#{id}", sort_key = "USER")]
struct UserV1 {
    id: String,
    email: String,
}

#[derive(Model, Debug, PartialEq)]
#[dynamo(
    table = EvolvingV2,
    entity = "user",
    partition_key = "USER#{id}",
    sort_key = "USER",
    global_index(name = "by_email", partition_key = "EMAIL#{email}", sort_key = "USER")
)]
struct UserV2 {
    id: String,
    email: String,
}

#[tokio::test]
async fn sync_adds_the_gsis_a_new_release_declares_and_verify_then_agrees() {
    let db = tests::db();
    let first = UserV1::table().sync(&db).await.unwrap();
    assert!(first.created);
    UserV1 {
        id: "u1".into(),
        email: "old@example.com".into(),
    }
    .put(&db)
    .await
    .unwrap();
    assert!(!UserV2::table().verify(&db).await.unwrap().is_empty());

    let second = UserV2::table().sync(&db).await.unwrap();
    assert_eq!(second.added_indexes, ["by_email"]);
    assert!(!second.created);
    assert_eq!(UserV2::table().verify(&db).await.unwrap(), []);

    let mut new = UserV2 {
        id: "u2".into(),
        email: "new@example.com".into(),
    };
    new.put(&db).await.unwrap();
    let found: Vec<UserV2> = UserV2::indexes()
        .by_email
        .query(&db, "new@example.com")
        .await
        .unwrap();
    assert_eq!(found, [new]);

    let again = UserV2::table().sync(&db).await.unwrap();
    assert_eq!(again, dynamo_model::table::Synced::default());
}

#[tokio::test]
async fn a_key_change_is_an_explicit_move_in_one_transaction() {
    let db = shop().await;
    let mut original = order("olga", "o-1", 20240101);
    original.put(&db).await.unwrap();
    // The order was placed a day later than recorded: its key changes, so it moves.
    let mut moved = Order {
        placed: 20240102,
        ..original.clone()
    };
    dynamo_model::ops::Transaction::new(&db)
        .delete::<Order>(("olga", 20240101, "o-1"))
        .condition(Order::fields().order_id.exists())
        .create(&mut moved)
        .await
        .unwrap();
    assert_eq!(
        Order::get(&db, ("olga", 20240101, "o-1")).await.unwrap(),
        None
    );
    assert_eq!(
        Order::get(&db, ("olga", 20240102, "o-1")).await.unwrap(),
        Some(moved)
    );
    // Its index keys moved with it.
    let by_id: Vec<Order> = Order::indexes().gsi1.query(&db, "o-1").await.unwrap();
    assert_eq!(
        by_id.iter().map(|o| o.placed).collect::<Vec<_>>(),
        [20240102]
    );
}

#[tokio::test]
async fn an_item_written_under_another_key_template_is_an_error_not_a_silent_read() {
    let db = shop().await;
    // Legacy data: an earlier release wrote orders with the date as text in the sort key.
    tests::put_raw(
        &db,
        Shop::NAME,
        [
            ("pk", AttributeValue::S("CUSTOMER#pam".into())),
            ("sk", AttributeValue::S("ORDER#2024-06-01#o-1".into())),
            ("_et", AttributeValue::S("order".into())),
            ("customer_id", AttributeValue::S("pam".into())),
            ("order_id", AttributeValue::S("o-1".into())),
            ("placed", AttributeValue::N("20240601".into())),
            ("total_cents", AttributeValue::N("5".into())),
            ("status", AttributeValue::S("placed".into())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    )
    .await;
    let error = Order::query(&db, "pam").await.unwrap_err();
    let Error::Conversion(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.path(), "sk");
    assert!(
        error.to_string().contains(
            "the stored key `ORDER#2024-06-01#o-1` is not the `ORDER#0020240601#o-1` the model's template writes"
        ),
        "{error}"
    );
    // Read as a collection with a place for the unknown, it is still an error: the entity is
    // known, its key is not what the model would write.
    assert!(CustomerView::query(&db, "pam").await.is_err());
}

#[tokio::test]
async fn an_upsert_cannot_create_an_entity_item_without_its_key_fields() {
    let db = shop().await;
    let error = Order::update(&db, ("quinn", 1, "o-1"))
        .set(Order::fields().total_cents, 5)
        .upsert()
        .await
        .unwrap_err();
    assert!(
        matches!(error, dynamo_model::Error::IncompleteUpsert { .. }),
        "{error:?}"
    );
    assert_eq!(Order::get(&db, ("quinn", 1, "o-1")).await.unwrap(), None);
}
