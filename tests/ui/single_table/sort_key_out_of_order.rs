use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#{placed}#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
    placed: u32,
}

async fn one(db: &Db) -> Result<Vec<Order>, Error> {
    // The order id comes after the date in the sort key: a prefix cannot skip the date.
    Order::query(db, "alice")
        .sort_key(|sk| sk.begins_with(Order::sort_key().order_id("o-1")))
        .await
}

fn main() {}
