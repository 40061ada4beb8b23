use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    global_index(name = "gsi2", partition_key = "gsi2pk", sort_key = "gsi2sk"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "ORDER#{order_id}",
    sort_key = "ORDER",
    global_index(name = "gsi1", partition_key = "STATUS#{status}", sort_key = "PLACED#{placed}"),
    global_index(name = "gsi2", partition_key = "ORDERS", sort_key = "PLACED#{placed}")
)]
struct Order {
    order_id: String,
    status: String,
    placed: u32,
}

fn main() {}
