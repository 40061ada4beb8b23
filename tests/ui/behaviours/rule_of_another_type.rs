use dynamo_model::Model;

#[derive(Model)]
struct Doc {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(validate(max_length = 3))]
    lives: u8,
}

fn main() {}
