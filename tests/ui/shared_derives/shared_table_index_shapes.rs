// A shared table's indexes are global, keyed by one attribute each, and project every attribute.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    local_index(name = "lsi1", sort_key = "lsi1sk"),
    global_index(name = "gsi1", partition_key = ["a", "b"]),
    global_index(name = "gsi2", partition_key = "gsi2pk", projection = "keys_only"),
    global_index(name = "gsi3"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
