use dynamo_model::Model;

// `key` names no field of `Customer`.
#[derive(Model)]
#[dynamo(has_many(orders = Order, key = customer_id))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
}

// No `key` at all.
#[derive(Model)]
#[dynamo(has_many(orders = Order))]
struct Shopper {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
