use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
#[dynamo(table = "dogs")]
struct Cat {
    #[dynamo(partition_key, partition_key)]
    id: String,
    #[dynamo(rename = "a", rename = "b")]
    name: String,
}

fn main() {}
