use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"), entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "ORDER#{order_id}",
    sort_key = "ORDER",
    global_index(name = "gsi9", partition_key = "STATUS#{status}", sort_key = "STATUS")
)]
struct Order {
    order_id: String,
    status: String,
}

fn main() {}
