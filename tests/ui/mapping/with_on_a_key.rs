use std::time::SystemTime;

use dynamo_model::Model;

#[derive(Model)]
struct Event {
    #[dynamo(partition_key, with = dynamo_model::with::epoch_seconds)]
    at: SystemTime,
}

fn main() {}
