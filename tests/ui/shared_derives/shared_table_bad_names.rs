// Table and index names follow DynamoDB's rules; an index is declared once.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(
    name = "my shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk"),
    global_index(name = "gsi1", partition_key = "gsi2pk"),
    global_index(name = "x", partition_key = "gsi3pk"),
    entities(Order)
)]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
