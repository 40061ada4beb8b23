use std::collections::BTreeSet;

use dynamo_model::prelude::*;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
    indoor: bool,
    tags: BTreeSet<String>,
    log: Vec<String>,
}

#[derive(Model)]
struct Visit {
    #[dynamo(partition_key)]
    cat: String,
    #[dynamo(sort_key)]
    day: u32,
    minutes: u32,
}

fn main() {
    let _ = Cat::fields().indoor.lt(true);
}
