use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_age", range = "age"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    age: u8,
}

fn main() {}
