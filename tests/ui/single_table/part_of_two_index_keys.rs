use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    pk = "pk",
    sk = "sk",
    gsi(name = "gsi1", pk = "gsi1pk", sk = "gsi1sk"),
    gsi(name = "gsi2", pk = "gsi2pk", sk = "gsi2sk"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    pk = "ORDER#{order_id}",
    sk = "ORDER",
    index(name = "gsi1", pk = "STATUS#{status}", sk = "PLACED#{placed}"),
    index(name = "gsi2", pk = "ORDERS", sk = "PLACED#{placed}")
)]
struct Order {
    order_id: String,
    status: String,
    placed: u32,
}

fn main() {}
