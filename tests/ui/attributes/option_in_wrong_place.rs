use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats", hash_key)]
struct Cat {
    #[dynamo(hash_key, table = "dogs")]
    id: String,
}

fn main() {}
