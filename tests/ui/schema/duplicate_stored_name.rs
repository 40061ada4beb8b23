use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    #[dynamo(rename = "name")]
    nickname: String,
}

fn main() {}
