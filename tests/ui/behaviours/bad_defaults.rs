use dynamo_model::Model;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key, default)]
    id: String,
    #[dynamo(force_default)]
    schema: u32,
    #[dynamo(default = 1, default_with = one)]
    lives: u8,
}

fn one() -> u8 {
    1
}

fn main() {}
