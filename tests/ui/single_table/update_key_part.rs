use dynamo_model::prelude::*;
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{customer_id}", sk = "ORDER#{order_id}")]
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
