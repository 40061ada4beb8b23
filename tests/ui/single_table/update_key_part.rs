use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
    status: String,
}

async fn rename(db: &Db) -> Result<Order, Error> {
    Order::update(db, ("alice", "o-1"))
        .set(Order::fields().order_id, "o-2")
        .await
}

fn main() {}
