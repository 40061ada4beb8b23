use dynamo_model::prelude::*;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
}

#[derive(Projection)]
#[dynamo(model = Cat)]
struct Card {
    name: String,
    lives: u32,
}

fn main() {}
