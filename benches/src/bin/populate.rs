//! What a populate saves: 250 orders referencing 40 customers, their customers read three ways
//! side by side in one run, alternating rounds, on the embedded engine:
//!
//! - `populate`: `Order::populate(db, orders, Order::relations().customer)`: one
//!   `BatchGetItem` of the 40 distinct keys;
//! - `get per order`: `order.customer.get(db)` for each order in turn (the N+1 reads of an ORM
//!   without preloading);
//! - `get per customer`: each distinct key once, eight `GetItem`s at a time (what one writes by
//!   hand to avoid the N+1).
//!
//! Every way gives every order its customer (checked). The engine answers from memory on this
//! machine, so the figures are request overhead; against DynamoDB each request also waits a
//! network round trip, which the request counts multiply.
//!
//! `cargo run --release -p benches --bin populate [ROUNDS]` (20 by default).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::prelude::*;
use dynamo_model::{Item, Operation};
use dynamo_model_local::LocalEngine;
use futures::{StreamExt, TryStreamExt};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "bench_customers")]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "bench_orders")]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    customer: Ref<Customer>,
}

const ORDERS: usize = 250;
const CUSTOMERS: usize = 40;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: u32 = std::env::args().nth(1).map_or(Ok(20), |a| a.parse())?;
    let engine = LocalEngine::start()?;
    let meter = CapacityMeter::new();
    let db = engine.db().with_capacity_meter(meter.clone());
    Customer::table().create(&db).await?;
    for c in 0..CUSTOMERS {
        let mut customer = Customer {
            id: format!("c{c}"),
            name: format!("Customer {c}"),
        };
        customer.put(&db).await?;
    }
    let orders: Vec<Order> = (0..ORDERS)
        .map(|o| {
            let customer = Ref::to_key(format!("c{}", o % CUSTOMERS).as_str())?;
            Ok(Order {
                id: format!("o{o}"),
                customer,
            })
        })
        .collect::<Result<_, dynamo_model::ConversionError>>()?;

    let mut times = [Duration::ZERO; 3];
    let mut requests = [0u64; 3];
    for _ in 0..rounds {
        for (way, (time, sent)) in times.iter_mut().zip(requests.iter_mut()).enumerate() {
            meter.reset();
            let started = Instant::now();
            let names = match way {
                0 => populate(&db, &orders).await?,
                1 => get_per_order(&db, &orders).await?,
                _ => get_per_customer(&db, &orders).await?,
            };
            *time += started.elapsed();
            check(&orders, &names)?;
            *sent += read_requests(&meter, &db);
        }
    }
    let ways = ["populate", "get per order", "get per customer"];
    println!("{ORDERS} orders referencing {CUSTOMERS} customers, {rounds} rounds:");
    for ((way, time), sent) in ways.iter().zip(times).zip(requests) {
        println!(
            "  {way:>16}: {:8.2} ms per read of every customer, {:5.1} requests",
            time.as_secs_f64() * 1e3 / f64::from(rounds),
            sent as f64 / f64::from(rounds)
        );
    }
    Ok(())
}

/// Each order's customer's name, by populate.
async fn populate(db: &Db, orders: &[Order]) -> Result<Vec<String>, Error> {
    let populated = Order::populate(db, orders.to_vec(), Order::relations().customer).await;
    populated
        .into_iter()
        .map(|(_, customer)| Ok(customer?.name))
        .collect()
}

/// Each order's customer's name, one `GetItem` per order in turn.
async fn get_per_order(db: &Db, orders: &[Order]) -> Result<Vec<String>, Error> {
    let mut names = Vec::with_capacity(orders.len());
    for order in orders {
        let customer = order.customer.get(db).await?;
        names.push(customer.map(|c| c.name).unwrap_or_default());
    }
    Ok(names)
}

/// Each order's customer's name, one `GetItem` per distinct customer, eight at a time.
async fn get_per_customer(db: &Db, orders: &[Order]) -> Result<Vec<String>, Error> {
    let mut keys: Vec<&Ref<Customer>> = orders.iter().map(|o| &o.customer).collect();
    keys.sort_by_key(|r| format!("{r:?}"));
    keys.dedup();
    let found: Vec<(Item, Option<Customer>)> = futures::stream::iter(keys)
        .map(|reference| async move {
            let customer = reference.get(db).await?;
            Ok::<_, Error>((reference.key().clone(), customer))
        })
        .buffer_unordered(8)
        .try_collect()
        .await?;
    let by_id: HashMap<String, String> = found
        .into_iter()
        .filter_map(|(_, customer)| customer.map(|c| (c.id, c.name)))
        .collect();
    Ok(orders
        .iter()
        .map(|order| {
            let id = match order.customer.key().get("id") {
                Some(dynamo_model::AttributeValue::S(id)) => id.clone(),
                _ => String::new(),
            };
            by_id.get(&id).cloned().unwrap_or_default()
        })
        .collect())
}

/// Every order got its own customer's name.
fn check(orders: &[Order], names: &[String]) -> Result<(), String> {
    for (o, (order, name)) in orders.iter().zip(names).enumerate() {
        let expected = format!("Customer {}", o % CUSTOMERS);
        if *name != expected {
            return Err(format!("order {} got {name:?}, not {expected:?}", order.id));
        }
    }
    Ok(())
}

/// The read requests the meter saw on the customers' table.
fn read_requests(meter: &CapacityMeter, db: &Db) -> u64 {
    let table = db.table_name_of::<Customer>();
    [Operation::GetItem, Operation::BatchGetItem]
        .into_iter()
        .map(|operation| meter.units(&table, operation).requests)
        .sum()
}
