//! An e-commerce application in one table, in the style of The DynamoDB Book's e-commerce
//! example: customers, their addresses, orders and order items, each access pattern one
//! request. The `shop` example runs it; the integration tests check every access pattern.
//!
//! | access pattern | request |
//! |---|---|
//! | a customer's profile, addresses and orders | [`customer_view`]: one query of the customer's partition ([`CustomerView`]) |
//! | a customer by email | [`customer_by_email`]: the overloaded GSI `gsi1` |
//! | an order by its id | [`order_by_id`]: the same GSI, written by orders |
//! | a customer's orders of a period | [`orders_between`]: a typed sort-key range |
//! | an order's items | [`order_items`]: a query of the order's partition |
//! | the oldest orders of a status | [`orders_with_status`]: GSI `gsi2` |
//! | ship an order | [`ship`]: an update that rewrites `gsi2`'s key with the status |
//! | orders with their customer and items | [`orders_in_full`]: one batch get for every customer, one query per order for its items |
//!
//! The relations: an order references its customer (`Order::customer`, a [`Ref`]); a
//! customer's orders and addresses are in its partition (`has_many(orders = Order, ...)`), as
//! is its whole [`CustomerView`]; an order's items are in the order's partition.

use dynamo_model::prelude::*;
use dynamo_model::relation::{Children, Resolved};
use dynamo_model::{Collection, Item, SharedTable};

/// The one table of the application: generic key attributes and two overloaded GSIs.
#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    global_index(name = "gsi2", partition_key = "gsi2pk", sort_key = "gsi2sk"),
    entities(Customer, Address, Order, OrderItem)
)]
pub struct Shop;

/// A customer, found by username (the key) or by email (`gsi1`).
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "customer",
    partition_key = "CUSTOMER#{username}",
    sort_key = "PROFILE",
    global_index(name = "gsi1", partition_key = "EMAIL#{email}", sort_key = "CUSTOMER"),
    has_many(orders = Order, key = username),
    has_many(addresses = Address, key = username),
    has_many(view = CustomerView, collection, key = username)
)]
pub struct Customer {
    pub username: String,
    pub email: String,
    pub name: String,
}

/// One of a customer's addresses, by label ("home", "work").
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = Shop, entity = "address", partition_key = "CUSTOMER#{username}", sort_key = "ADDRESS#{label}")]
pub struct Address {
    pub username: String,
    pub label: String,
    pub street: String,
    pub city: String,
}

/// An order: in its customer's partition by date, in `gsi1` by id, in `gsi2` by status.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "CUSTOMER#{username}",
    sort_key = "ORDER#{placed}#{order_id}",
    global_index(name = "gsi1", partition_key = "ORDER#{order_id}", sort_key = "ORDER"),
    global_index(name = "gsi2", partition_key = "STATUS#{status}", sort_key = "PLACED#{placed}#{order_id}"),
    has_many(items = OrderItem, key = order_id)
)]
pub struct Order {
    pub username: String,
    /// The customer who placed it: stored as the customer's key (`pk` and `sk`).
    pub customer: Ref<Customer>,
    pub order_id: String,
    /// The day it was placed, as `YYYYMMDD`.
    pub placed: u32,
    pub status: String,
    pub total_cents: u64,
}

/// One line of an order, in the order's own partition.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = Shop, entity = "order_item", partition_key = "ORDER#{order_id}", sort_key = "ITEM#{line}")]
pub struct OrderItem {
    pub order_id: String,
    pub line: u16,
    pub product: String,
    pub quantity: u32,
    pub price_cents: u64,
}

/// Everything in a customer's partition, read in one query.
#[derive(Collection, Debug, Clone, PartialEq)]
pub enum CustomerView {
    Customer(Customer),
    Address(Address),
    Order(Order),
    /// Items of entities this version does not know, kept rather than dropped.
    #[dynamo(unknown)]
    Other(Item),
}

/// Creates the table (with both GSIs) if it is missing, or adds the GSIs it lacks.
pub async fn create_table(db: &Db) -> Result<(), Error> {
    Customer::table().sync(db).await.map(drop)
}

/// A customer's profile, addresses and orders: one query.
pub async fn customer_view(db: &Db, username: &str) -> Result<Vec<CustomerView>, Error> {
    CustomerView::query(db, username).await
}

/// The customer with this email, if any.
pub async fn customer_by_email(db: &Db, email: &str) -> Result<Option<Customer>, Error> {
    Customer::indexes().gsi1.query(db, email).first().await
}

/// The order with this id, whoever placed it.
pub async fn order_by_id(db: &Db, order_id: &str) -> Result<Option<Order>, Error> {
    Order::indexes().gsi1.query(db, order_id).first().await
}

/// A customer's orders placed from day `from` up to, not including, day `until` (`YYYYMMDD`).
pub async fn orders_between(
    db: &Db,
    username: &str,
    from: u32,
    until: u32,
) -> Result<Vec<Order>, Error> {
    Order::query(db, username)
        .sort_key(|sk| {
            sk.between(
                Order::sort_key().placed(from),
                Order::sort_key().placed(until),
            )
        })
        .await
}

/// An order's items, by line.
pub async fn order_items(db: &Db, order_id: &str) -> Result<Vec<OrderItem>, Error> {
    OrderItem::query(db, order_id).await
}

/// The `limit` oldest orders with this status.
pub async fn orders_with_status(db: &Db, status: &str, limit: usize) -> Result<Vec<Order>, Error> {
    Order::indexes()
        .gsi2
        .query(db, status)
        .max_items(limit)
        .await
}

/// Marks an order shipped. The status is part of `gsi2`'s key, so it changes through
/// `set_gsi2`, which rewrites that key in the same request: the order leaves the "placed" list
/// and joins the "shipped" one.
pub async fn ship(db: &Db, order: &Order) -> Result<Order, Error> {
    Order::update(db, (&order.username, order.placed, &order.order_id))
        .merge(Order::set_gsi2("shipped", order.placed, &order.order_id))
        .await
}

/// Each order with its customer and its items: the customers in one batch get (each distinct
/// customer once, however many orders share one), the items by one query per order.
pub async fn orders_in_full(
    db: &Db,
    orders: Vec<Order>,
) -> Vec<(Order, (Resolved<Customer>, Children<OrderItem>))> {
    let order = Order::relations();
    Order::populate(db, orders, (order.customer, order.items)).await
}

/// A customer with two addresses and three orders of two lines each.
pub async fn seed(db: &Db, username: &str) -> Result<(), Error> {
    Customer {
        username: username.to_owned(),
        email: format!("{username}@example.com"),
        name: username.to_uppercase(),
    }
    .create(db)
    .await?;
    for (label, street) in [("home", "1 Main St"), ("work", "9 Dock Rd")] {
        Address {
            username: username.to_owned(),
            label: label.to_owned(),
            street: street.to_owned(),
            city: "Springfield".to_owned(),
        }
        .put(db)
        .await?;
    }
    for (n, placed) in [(1, 20240503), (2, 20240611), (3, 20240702)] {
        let order_id = format!("{username}-{n}");
        let mut total = 0;
        for line in 1..=2 {
            let item = OrderItem {
                order_id: order_id.clone(),
                line,
                product: format!("product-{line}"),
                quantity: u32::from(line),
                price_cents: 500,
            };
            total += item.price_cents * u64::from(item.quantity);
            let mut item = item;
            item.put(db).await?;
        }
        Order {
            username: username.to_owned(),
            customer: Ref::to_key(username)?,
            order_id,
            placed,
            status: "placed".to_owned(),
            total_cents: total,
        }
        .put(db)
        .await?;
    }
    Ok(())
}
