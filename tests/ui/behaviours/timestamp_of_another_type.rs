use dynamo_model::Model;

#[derive(Model)]
struct Doc {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(created_at)]
    created: String,
}

fn main() {}
