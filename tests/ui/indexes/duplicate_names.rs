use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", hash = "owner"))]
#[dynamo(global_index(name = "by_owner", hash = "colour"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    owner: String,
    colour: String,
}

fn main() {}
