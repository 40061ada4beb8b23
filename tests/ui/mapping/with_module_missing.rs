use dynamo_model::Model;

#[derive(Model)]
struct Reading {
    #[dynamo(partition_key)]
    sensor: String,
    #[dynamo(with = tenths)]
    celsius: f64,
}

fn main() {}
