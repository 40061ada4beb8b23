use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Reading))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "reading", pk = "SENSOR#{sensor}", sk = "AT#{celsius}")]
struct Reading {
    sensor: String,
    celsius: f64,
}

fn main() {}
