use dynamo_model::Model;

// A collection is read by its partition query; it has no index to name.
#[derive(Model)]
#[dynamo(has_many(orders = Order, collection, index = by_customer, key = id))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
}

// `collection` on a model that is not a `#[derive(Collection)]`.
#[derive(Model)]
#[dynamo(has_many(orders = Order, collection, key = id))]
struct Shopper {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(global_index(name = "by_customer", partition_key = "customer_id"))]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    customer_id: String,
}

fn main() {}
