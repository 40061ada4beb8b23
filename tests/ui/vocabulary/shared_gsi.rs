// A shared table's global indexes are `global_index(...)`, as on any model.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    gsi(name = "gsi1", partition_key = "gsi1pk"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
