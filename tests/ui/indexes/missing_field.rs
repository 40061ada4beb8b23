use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", partition_key = "ownr"))]
#[dynamo(global_index(name = "by_age", partition_key = "years"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
    #[dynamo(rename = "years")]
    age: u8,
}

fn main() {}
