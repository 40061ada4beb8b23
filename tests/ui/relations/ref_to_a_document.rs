use dynamo_model::{Attribute, Model, Ref};

#[derive(Attribute)]
struct Address {
    street: String,
}

// `Address` is stored inside a model; it has no key to refer to.
#[derive(Model)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    ship_to: Ref<Address>,
}

fn main() {}
