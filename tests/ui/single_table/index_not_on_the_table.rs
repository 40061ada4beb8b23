use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", gsi(name = "gsi1", pk = "gsi1pk", sk = "gsi1sk"), entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    pk = "ORDER#{order_id}",
    sk = "ORDER",
    index(name = "gsi9", pk = "STATUS#{status}", sk = "STATUS")
)]
struct Order {
    order_id: String,
    status: String,
}

fn main() {}
