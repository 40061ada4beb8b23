use dynamo_model::Model;

#[derive(Model)]
#[dynamo(timestamps)]
struct Doc {
    #[dynamo(partition_key)]
    id: String,
    created_at: Option<std::time::SystemTime>,
}

fn main() {}
