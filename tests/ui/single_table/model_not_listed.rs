use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

// Added later and forgotten in `entities(...)`: its name is not checked against the others'.
#[derive(Model)]
#[dynamo(table = Shop, entity = "refund", partition_key = "REFUND#{id}", sort_key = "REFUND")]
struct Refund {
    id: String,
}

fn main() {}
