// A unique attribute holds a value of the item's own: not a key, not written by the library,
// stored by its own type, at most three per model, and only on a model.
use dynamo_model::{Attribute, Model};

#[derive(Model)]
struct Account {
    #[dynamo(partition_key, unique)]
    id: String,
    #[dynamo(version, unique)]
    version: u64,
    #[dynamo(skip, unique)]
    cached: Option<String>,
    #[dynamo(unique, serde)]
    nick: String,
    #[dynamo(unique)]
    a: String,
    #[dynamo(unique)]
    b: String,
    #[dynamo(unique)]
    c: String,
}

#[derive(Attribute)]
struct Contact {
    #[dynamo(unique)]
    email: String,
}

fn main() {}
