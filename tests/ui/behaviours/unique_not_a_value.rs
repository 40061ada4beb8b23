// A unique attribute holds a string, number or binary value.
use dynamo_model::Model;

#[derive(Model)]
struct Account {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(unique)]
    tags: Vec<String>,
}

fn main() {}
