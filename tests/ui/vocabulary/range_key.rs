// Keys are partition key and sort key everywhere: the old field option names the new one.
use dynamo_model::Model;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(range_key)]
    name: String,
}

fn main() {}
