use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{order_id}", sort_key = "ORDER")]
struct Order {
    order_id: String,
}

fn main() {}
