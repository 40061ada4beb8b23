use dynamo_model::Model;

#[derive(Model)]
struct Reading {
    #[dynamo(partition_key)]
    sensor: String,
    #[dynamo(with = dynamo_model::with::binary)]
    celsius: f64,
}

fn main() {}
