use dynamo_model::prelude::*;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
}

#[derive(Projection)]
struct Card {
    name: String,
}

#[derive(Projection)]
#[dynamo(model = Cat)]
struct Renamed {
    #[dynamo(rename = "title")]
    name: String,
}

fn main() {}
