use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", hash = "ownr"))]
#[dynamo(global_index(name = "by_age", hash = "years"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    owner: String,
    #[dynamo(rename = "years")]
    age: u8,
}

fn main() {}
