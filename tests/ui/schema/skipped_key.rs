use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key, skip)]
    id: String,
    #[dynamo(skip, rename = "n")]
    name: String,
}

fn main() {}
