//! Several models in one shared table: keys written from templates, each item carrying its
//! entity name, an entity's query reading only its own items, typed sort-key prefixes.

use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk")]
struct Shop;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = Shop, entity = "customer", pk = "CUSTOMER#{id}", sk = "PROFILE")]
struct Customer {
    id: String,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    pk = "CUSTOMER#{customer_id}",
    sk = "ORDER#{placed}#{order_id}"
)]
struct Order {
    customer_id: String,
    order_id: String,
    placed: u32,
    total_cents: i64,
    status: String,
}

fn order(customer: &str, id: &str, placed: u32) -> Order {
    Order {
        customer_id: customer.into(),
        order_id: id.into(),
        placed,
        total_cents: 1250,
        status: "placed".into(),
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
        .range(|sk| {
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
        .range(|sk| sk.begins_with(Order::sort_key().placed(20240620)))
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].order_id, "o-2");

    let exact: Vec<Order> = Order::query(&db, "bob")
        .range(|sk| sk.eq(Order::sort_key().placed(20240715).order_id("o-3")))
        .await
        .unwrap();
    assert_eq!(exact, [order("bob", "o-3", 20240715)]);
}

#[tokio::test]
async fn updates_change_fields_but_never_the_key_parts() {
    let db = shop().await;
    order("dana", "o-1", 20240101).put(&db).await.unwrap();
    let updated = Order::update(&db, ("dana", 20240101, "o-1"))
        .set(Order::fields().status, "shipped")
        .await
        .unwrap();
    assert_eq!(updated.status, "shipped");
    assert_eq!(
        Order::query(&db, "dana").await.unwrap()[0].status,
        "shipped"
    );
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
