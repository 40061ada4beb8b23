use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "ORDER#{id}", sk = "ORDER")]
struct Order {
    id: String,
}

// Added later and forgotten in `entities(...)`: its name is not checked against the others'.
#[derive(Model)]
#[dynamo(table = Shop, entity = "refund", pk = "REFUND#{id}", sk = "REFUND")]
struct Refund {
    id: String,
}

fn main() {}
