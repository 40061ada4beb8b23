use dynamo_model::Model;

// The orders' partition key is a `String`; `number` is a `u32`, which cannot find them.
#[derive(Model)]
#[dynamo(has_many(orders = Order, key = number))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
    number: u32,
}

#[derive(Model)]
struct Order {
    #[dynamo(partition_key)]
    customer_id: String,
    #[dynamo(sort_key)]
    id: String,
}

fn main() {}
