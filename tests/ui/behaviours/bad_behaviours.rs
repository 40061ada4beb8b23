use dynamo_model::{Attribute, Model};

#[derive(Model)]
struct Doc {
    #[dynamo(partition_key, version)]
    id: u64,
    #[dynamo(version)]
    first: u64,
    #[dynamo(version, default)]
    second: u64,
    #[dynamo(updated_at)]
    touched: u64,
    #[dynamo(updated_at)]
    changed: u64,
    #[dynamo(created_at, skip)]
    made: u64,
}

#[derive(Attribute)]
#[dynamo(hooks, async_hooks)]
struct Inner {
    #[dynamo(version)]
    version: u64,
}

fn main() {}
