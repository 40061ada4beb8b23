// A shared table names its key attributes `partition_key` and `sort_key`.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
