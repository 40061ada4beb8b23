use std::collections::HashMap;

use dynamo_model::{AttributeValue, Model};

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(flatten, rename = "other")]
    rest: HashMap<String, AttributeValue>,
    #[dynamo(flatten)]
    more: HashMap<String, AttributeValue>,
}

fn main() {}
