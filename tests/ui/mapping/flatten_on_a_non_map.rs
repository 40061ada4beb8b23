use dynamo_model::Model;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(flatten)]
    rest: String,
}

fn main() {}
