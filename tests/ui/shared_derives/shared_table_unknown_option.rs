// An unknown option of a shared table is rejected with the option it likely misspells, and the
// models stored in it report nothing more.
use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entity_atribute = "_type", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "ORDER#{id}", sort_key = "ORDER")]
struct Order {
    id: String,
}

fn main() {}
