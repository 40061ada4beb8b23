use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "my cats!")]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(table = "ab")]
struct Dog {
    #[dynamo(hash_key)]
    id: String,
}

fn main() {}
