use dynamo_model::Model;
use dynamo_model::relation::{Ref, as_value};

#[derive(Model)]
struct Line {
    #[dynamo(partition_key)]
    order_id: String,
    #[dynamo(sort_key)]
    line: u16,
}

// A line's key has two attributes: one value cannot hold it.
#[derive(Model)]
struct Return {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(with = as_value)]
    line: Ref<Line>,
}

fn main() {}
