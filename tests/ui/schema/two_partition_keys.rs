use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(partition_key)]
    name: String,
}

fn main() {}
