use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(hash_key, skip)]
    id: String,
    #[dynamo(skip, rename = "n")]
    name: String,
}

fn main() {}
