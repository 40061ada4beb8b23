use dynamo_model::Model;

#[derive(Model)]
#[dynamo]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
