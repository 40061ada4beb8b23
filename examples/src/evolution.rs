//! The shop's `Order` across three versions, migrated without downtime: the `migrations`
//! example runs it, and an integration test checks it.
//!
//! 1. At launch an order held its total as text (`"12.50"`), under the sort key
//!    `ORDER#{order_id}`.
//! 2. Version 2 holds the total in cents.
//! 3. Version 3 sorts a customer's orders by day: the sort key moved to
//!    `ORDER#{placed}#{order_id}`, and orders have a status.
//!
//! Items of all three versions are read as the current [`Order`]; the migration writes each
//! older item in the current shape, moving its key.

use dynamo_model::migrate::{Budget, DryRun, Migration, Migrations, Report, Runner, Verified};
use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, SharedTable, Upgrade};

/// The shop's table as the current code declares it.
#[derive(SharedTable)]
#[dynamo(
    name = "shop-orders",
    partition_key = "pk",
    sort_key = "sk",
    entities(Order)
)]
pub struct Shop;

/// Version 1's shape: the total as text.
#[derive(Attribute)]
pub struct OrderV1 {
    pub username: String,
    pub order_id: String,
    pub placed: u32,
    pub total: String,
}

/// Version 2's shape: the total in cents.
#[derive(Attribute)]
pub struct OrderV2 {
    pub username: String,
    pub order_id: String,
    pub placed: u32,
    pub total_cents: u64,
}

/// An order, version 3: in its customer's partition by day, with a status.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "CUSTOMER#{username}",
    sort_key = "ORDER#{placed}#{order_id}",
    schema_version = 3,
    old_shapes(1 = OrderV1, 2 = OrderV2)
)]
pub struct Order {
    pub username: String,
    pub order_id: String,
    /// The day it was placed, as `YYYYMMDD`.
    pub placed: u32,
    pub status: String,
    pub total_cents: u64,
}

impl Upgrade for OrderV1 {
    type Next = OrderV2;
    fn upgrade(self) -> OrderV2 {
        let dollars: f64 = self.total.parse().unwrap_or(0.0);
        OrderV2 {
            username: self.username,
            order_id: self.order_id,
            placed: self.placed,
            total_cents: (dollars * 100.0).round() as u64,
        }
    }
}

impl Upgrade for OrderV2 {
    type Next = Order;
    fn upgrade(self) -> Order {
        Order {
            username: self.username,
            order_id: self.order_id,
            placed: self.placed,
            status: "placed".to_owned(),
            total_cents: self.total_cents,
        }
    }
}

/// The table as the code of version 1 declared it, and its order.
pub mod launch {
    use dynamo_model::SharedTable;
    use dynamo_model::prelude::*;

    /// The table at launch.
    #[derive(SharedTable)]
    #[dynamo(
        name = "shop-orders",
        partition_key = "pk",
        sort_key = "sk",
        entities(Order)
    )]
    pub struct Shop;

    /// An order as version 1 wrote it.
    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(
        table = Shop,
        entity = "order",
        partition_key = "CUSTOMER#{username}",
        sort_key = "ORDER#{order_id}"
    )]
    pub struct Order {
        pub username: String,
        pub order_id: String,
        pub placed: u32,
        pub total: String,
    }
}

/// The migrations of the shop's orders.
pub fn migrations() -> Migrations {
    Migrations::new().migration(Migration::upgrade::<Order>("orders to version 3"))
}

/// Stores `count` orders as the first two versions of the code did: the first half by version
/// 1's model, the rest as version 2 wrote them (total in cents, stamped 2).
pub async fn seed(db: &Db, count: u32) -> Result<(), Box<dyn std::error::Error>> {
    Order::table().create_if_missing(db).await?;
    for n in 0..count {
        let mut order = launch::Order {
            username: format!("customer-{}", n % 4),
            order_id: format!("o{n:04}"),
            placed: 20240101 + n % 28,
            total: format!("{}.{:02}", n, n % 100),
        };
        if n < count / 2 {
            order.put(db).await?;
            continue;
        }
        // Version 2's writer: the same key, the total in cents, the stamp.
        let mut item = order.to_item()?;
        item.remove("total");
        let cents = u64::from(n) * 100 + u64::from(n % 100);
        item.insert("total_cents".into(), AttributeValue::N(cents.to_string()));
        item.insert("_sv".into(), AttributeValue::N("2".into()));
        db.client()
            .put_item()
            .table_name(db.table_name_of::<Order>())
            .set_item(Some(item))
            .send()
            .await?;
    }
    Ok(())
}

/// What the migration of the example did.
#[derive(Debug)]
pub struct Evolution {
    /// A customer's orders read before the migration: all three versions, as `Order`.
    pub before: Vec<Order>,
    /// The dry run.
    pub dry_run: DryRun,
    /// The run.
    pub report: Report,
    /// The verify pass after it.
    pub verified: Verified,
    /// The same customer's orders after the migration.
    pub after: Vec<Order>,
}

/// Reads, dry-runs, migrates and verifies the seeded orders.
pub async fn migrate(db: &Db) -> Result<Evolution, Error> {
    use futures::TryStreamExt;
    let before: Vec<Order> = Order::query(db, "customer-1")
        .stream()
        .try_collect()
        .await?;
    let migrations = migrations();
    let dry_run = Runner::new(db, &migrations)
        .dry_run("orders to version 3")
        .await?;
    let report = Runner::new(db, &migrations)
        .segments(4)
        .budget(Budget::new(2_000.0, 1_000.0))
        .run()
        .await?;
    let verified = Runner::new(db, &migrations)
        .verify("orders to version 3")
        .await?;
    let after: Vec<Order> = Order::query(db, "customer-1")
        .stream()
        .try_collect()
        .await?;
    Ok(Evolution {
        before,
        dry_run,
        report,
        verified,
        after,
    })
}
