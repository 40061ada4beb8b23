//! Every access pattern of the e-commerce example (`examples/src/shop.rs`) against the engine.

use dynamo_model::prelude::*;
use examples::shop::{self, Customer, CustomerView, Order};

async fn seeded(username: &str) -> Db {
    let db = tests::db();
    shop::create_table(&db).await.unwrap();
    shop::seed(&db, username).await.unwrap();
    db
}

#[tokio::test]
async fn a_customer_view_holds_the_profile_addresses_and_orders_in_key_order() {
    let db = seeded("kim").await;
    let view = shop::customer_view(&db, "kim").await.unwrap();
    let kinds: Vec<&str> = view
        .iter()
        .map(|item| match item {
            CustomerView::Customer(_) => "customer",
            CustomerView::Address(_) => "address",
            CustomerView::Order(_) => "order",
            CustomerView::Other(_) => "other",
        })
        .collect();
    // ADDRESS# < ORDER# < PROFILE.
    assert_eq!(
        kinds,
        ["address", "address", "order", "order", "order", "customer"]
    );
}

#[tokio::test]
async fn one_gsi_finds_customers_by_email_and_orders_by_id() {
    let db = seeded("lee").await;
    let customer: Option<Customer> = shop::customer_by_email(&db, "lee@example.com")
        .await
        .unwrap();
    assert_eq!(customer.map(|c| c.username).as_deref(), Some("lee"));
    let order: Option<Order> = shop::order_by_id(&db, "lee-3").await.unwrap();
    assert_eq!(order.map(|o| o.placed), Some(20240702));
    assert_eq!(shop::order_by_id(&db, "nobody-1").await.unwrap(), None);
}

#[tokio::test]
async fn a_period_of_orders_and_the_items_of_one() {
    let db = seeded("max").await;
    let june = shop::orders_between(&db, "max", 20240601, 20240701)
        .await
        .unwrap();
    let ids: Vec<&str> = june.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["max-2"]);
    let items = shop::order_items(&db, "max-2").await.unwrap();
    let lines: Vec<u16> = items.iter().map(|i| i.line).collect();
    assert_eq!(lines, [1, 2]);
    assert_eq!(june[0].total_cents, 500 + 1000);
}

#[tokio::test]
async fn shipping_moves_an_order_between_the_status_lists() {
    let db = seeded("nia").await;
    let placed = shop::orders_with_status(&db, "placed", 100).await.unwrap();
    let Some(order) = placed.into_iter().find(|o| o.order_id == "nia-1") else {
        panic!("nia-1 is not listed as placed");
    };
    let shipped = shop::ship(&db, &order).await.unwrap();
    assert_eq!(shipped.status, "shipped");
    let still: Vec<Order> = shop::orders_with_status(&db, "placed", 100).await.unwrap();
    assert!(!still.iter().any(|o| o.order_id == "nia-1"));
    let done: Vec<Order> = shop::orders_with_status(&db, "shipped", 100).await.unwrap();
    assert!(done.iter().any(|o| o.order_id == "nia-1"));
    // Oldest first within a status.
    let remaining: Vec<u32> = still
        .iter()
        .filter(|o| o.username == "nia")
        .map(|o| o.placed)
        .collect();
    assert_eq!(remaining, [20240611, 20240702]);
}
