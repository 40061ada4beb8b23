// An index's partition key is `partition_key = "field"`, as on the table.
use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", hash = "owner"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
}

fn main() {}
