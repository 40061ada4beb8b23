// An index's sort key is `sort_key = "field"`, as on the table.
use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_age", range = "age"))]
struct Cat {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(sort_key)]
    name: String,
    age: u8,
}

fn main() {}
