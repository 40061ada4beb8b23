// Keys are partition key and sort key everywhere: the old field option names the new one.
use dynamo_model::Model;

#[derive(Model)]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
}

fn main() {}
