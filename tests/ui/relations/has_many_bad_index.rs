use dynamo_model::Model;

// `Order` has no index `by_buyer`.
#[derive(Model)]
#[dynamo(has_many(orders = Order, index = by_buyer, key = id))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
}

// `by_owner` projects the keys only: it cannot give whole orders.
#[derive(Model)]
#[dynamo(has_many(orders = Order, index = by_owner, key = id))]
struct Owner {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(
    global_index(name = "by_customer", partition_key = "customer_id"),
    global_index(name = "by_owner", partition_key = "owner_id", projection = "keys_only")
)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    customer_id: String,
    owner_id: String,
}

// A has-many of something that is not a model.
#[derive(Model)]
#[dynamo(has_many(notes = String, key = id))]
struct Note {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
