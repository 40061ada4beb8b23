use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(hash_key, range_key)]
    id: String,
}

fn main() {}
