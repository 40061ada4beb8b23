use dynamo_model::Model;

#[derive(Model)]
#[dynamo]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
}

fn main() {}
