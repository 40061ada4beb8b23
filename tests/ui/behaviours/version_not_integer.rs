use dynamo_model::Model;

#[derive(Model)]
struct Doc {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(version)]
    version: String,
}

fn main() {}
