use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(hash = "owner", projection = "keys"))]
#[dynamo(global_index(name = "x", hash = "owner", include = ["id"]))]
#[dynamo(global_index(name = "by_owner_and_owner", hash = "owner", range = "owner"))]
#[dynamo(global_index(name = "by_colour", hsh = "colour"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    owner: String,
    colour: String,
}

fn main() {}
