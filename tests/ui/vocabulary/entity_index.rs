// A model in a shared table gives its templates on the table's indexes with `global_index(...)`.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "ORDER#{id}",
    sort_key = "ORDER",
    index(name = "gsi1", pk = "STATUS#{status}")
)]
struct Order {
    id: String,
    status: String,
}

fn main() {}
