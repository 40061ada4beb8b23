use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "ORDER#{order_id}", sk = "ORDER")]
struct Order {
    order_id: String,
}

fn main() {}
