use dynamo_model::Model;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(default = 9)]
    name: String,
}

fn main() {}
