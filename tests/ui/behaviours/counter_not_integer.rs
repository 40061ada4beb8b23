// A counter holds an integer DynamoDB adds to.
use dynamo_model::Model;

#[derive(Model)]
struct Page {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(counter)]
    visits: String,
}

fn main() {}
