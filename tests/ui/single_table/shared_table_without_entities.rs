use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk")]
struct Shop;

fn main() {}
