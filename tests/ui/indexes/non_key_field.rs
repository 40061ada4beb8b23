use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_indoor", hash = "indoor"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    indoor: bool,
}

fn main() {}
