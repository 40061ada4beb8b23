//! An e-commerce application in one DynamoDB table: customers, addresses, orders and order
//! items, each access pattern one request (the models and patterns are in `examples/src/shop.rs`,
//! and `docs/single-table.md` lists them).
//!
//! Run it with `cargo run -p examples --example shop`.

use std::process::ExitCode;

use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;
use examples::shop::{self, Customer, CustomerView, Order};

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("shop", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    shop::create_table(&db).await?;
    shop::seed(&db, "alice").await?;

    for item in shop::customer_view(&db, "alice").await? {
        match item {
            CustomerView::Customer(c) => println!("customer {} <{}>", c.name, c.email),
            CustomerView::Address(a) => println!("  address {}: {}, {}", a.label, a.street, a.city),
            CustomerView::Order(o) => {
                println!("  order {} of {} ({})", o.order_id, o.placed, o.status)
            }
            CustomerView::Other(item) => println!("  an item of another entity: {item:?}"),
        }
    }

    let by_email = shop::customer_by_email(&db, "alice@example.com").await?;
    println!("by email: {:?}", by_email.map(|c| c.username));

    let june = shop::orders_between(&db, "alice", 20240601, 20240701).await?;
    println!(
        "June orders: {:?}",
        june.iter().map(|o| &o.order_id).collect::<Vec<_>>()
    );

    let Some(order) = shop::order_by_id(&db, "alice-2").await? else {
        return Err("order alice-2 is missing".into());
    };
    let items = shop::order_items(&db, &order.order_id).await?;
    println!("order {} has {} items", order.order_id, items.len());

    // Relations: each order's customer (one batch get) and items (one query per order).
    shop::seed(&db, "bob").await?;
    let mut orders = Order::query(&db, "alice").await?;
    orders.extend(Order::query(&db, "bob").await?);
    for (order, (customer, items)) in shop::orders_in_full(&db, orders).await {
        let customer = customer?;
        let items = items.map_err(|e| e.to_string())?;
        println!(
            "order {} by {} <{}>: {} items",
            order.order_id,
            customer.name,
            customer.email,
            items.len()
        );
    }
    let bob = Customer::get(&db, "bob").await?.ok_or("bob is missing")?;
    let his = bob.orders(&db).await?;
    println!(
        "bob's orders, one query: {:?}",
        his.iter().map(|o| &o.order_id).collect::<Vec<_>>()
    );

    let shipped = shop::ship(&db, &order).await?;
    let waiting = shop::orders_with_status(&db, "placed", 10).await?;
    let done = shop::orders_with_status(&db, "shipped", 10).await?;
    println!(
        "shipped {}; still placed: {:?}; shipped: {:?}",
        shipped.order_id,
        waiting.iter().map(|o| &o.order_id).collect::<Vec<_>>(),
        done.iter().map(|o| &o.order_id).collect::<Vec<_>>()
    );
    Ok(())
}
