use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", partition_key = "owner"))]
#[dynamo(global_index(name = "by_owner", partition_key = "colour"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
    colour: String,
}

fn main() {}
