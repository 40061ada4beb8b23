use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{customer_id}", sk = "ORDER#{placed}#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
    placed: u32,
}

async fn one(db: &Db) -> Result<Vec<Order>, Error> {
    // The order id comes after the date in the sort key: a prefix cannot skip the date.
    Order::query(db, "alice")
        .range(|sk| sk.begins_with(Order::sort_key().order_id("o-1")))
        .await
}

fn main() {}
