// A shared table declares a table; its models hold the data.
use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", entities(Order))]
struct Shop {
    rows: u32,
}

fn main() {}
