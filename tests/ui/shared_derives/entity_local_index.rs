// A model in a shared table gives templates for the table's global indexes only.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "ORDER#{id}",
    sort_key = "ORDER",
    local_index(name = "by_status", sort_key = "STATUS#{status}")
)]
struct Order {
    id: String,
    status: String,
}

fn main() {}
