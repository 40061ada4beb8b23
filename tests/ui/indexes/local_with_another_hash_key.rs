use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_age", hash = "owner", range = "age"))]
struct Cat {
    #[dynamo(hash_key)]
    home: String,
    #[dynamo(range_key)]
    id: String,
    owner: String,
    age: u8,
}

fn main() {}
