use dynamo_model::{Model, Ref};

#[derive(Model)]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
}

// A model with type parameters cannot have relations: name the concrete type instead.
#[derive(Model)]
struct Tagged<T: dynamo_model::ToAttribute + dynamo_model::FromAttribute> {
    #[dynamo(partition_key)]
    id: String,
    tag: T,
    owner: Ref<Customer>,
}

fn main() {}
