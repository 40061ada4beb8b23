use std::time::SystemTime;

use dynamo_model::Model;

#[derive(Model)]
struct Session {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(ttl)]
    expires: SystemTime,
}

fn main() {}
