use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order, Refund))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

// Copied from Order and not renamed: its items would read as orders.
#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "REFUND#{id}", sort_key = "REFUND")]
struct Refund {
    id: String,
}

fn main() {}
