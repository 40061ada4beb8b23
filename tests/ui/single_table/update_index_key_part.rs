use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"), entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "ORDER#{order_id}",
    sort_key = "ORDER",
    global_index(name = "gsi1", partition_key = "STATUS#{status}", sort_key = "PLACED#{placed}")
)]
struct Order {
    order_id: String,
    status: String,
    placed: u32,
}

async fn ship(db: &Db) -> Result<Order, Error> {
    // Setting the status alone would leave gsi1's key saying the old one: use `set_gsi1`.
    Order::update(db, "o-1")
        .set(Order::fields().status, "shipped")
        .await
}

fn main() {}
