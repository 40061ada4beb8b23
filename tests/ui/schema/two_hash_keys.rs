use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    #[dynamo(hash_key)]
    name: String,
}

fn main() {}
