use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Reading))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "reading", partition_key = "SENSOR#{sensor}", sort_key = "AT#{celsius}")]
struct Reading {
    sensor: String,
    celsius: f64,
}

fn main() {}
