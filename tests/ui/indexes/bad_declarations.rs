use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(partition_key = "owner", projection = "keys"))]
#[dynamo(global_index(name = "x", partition_key = "owner", include = ["id"]))]
#[dynamo(global_index(name = "by_owner_and_owner", partition_key = "owner", sort_key = "owner"))]
#[dynamo(global_index(name = "by_colour", sort_kye = "colour"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
    colour: String,
}

fn main() {}
