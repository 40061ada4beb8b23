use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order, Refund))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "ORDER#{id}", sk = "ORDER")]
struct Order {
    id: String,
}

// Copied from Order and not renamed: its items would read as orders.
#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "REFUND#{id}", sk = "REFUND")]
struct Refund {
    id: String,
}

fn main() {}
