// A model in a shared table gives its key templates as `partition_key` and `sort_key`.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "ORDER#{id}", sk = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
