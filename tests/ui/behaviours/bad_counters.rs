// A counter is a number of the item itself: not a key, not the version, stored, converted by its
// own type, and only on a model.
use dynamo_model::{Attribute, Model};

#[derive(Model)]
struct Page {
    #[dynamo(partition_key, counter)]
    id: u64,
    #[dynamo(version, counter)]
    version: u64,
    #[dynamo(skip, counter)]
    cached: u64,
    #[dynamo(counter, with = dynamo_model::with::epoch_seconds)]
    seen: u64,
}

#[derive(Attribute)]
struct Stats {
    #[dynamo(counter)]
    views: u64,
}

fn main() {}
