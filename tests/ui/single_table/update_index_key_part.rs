use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", gsi(name = "gsi1", pk = "gsi1pk", sk = "gsi1sk"), entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    pk = "ORDER#{order_id}",
    sk = "ORDER",
    index(name = "gsi1", pk = "STATUS#{status}", sk = "PLACED#{placed}")
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
