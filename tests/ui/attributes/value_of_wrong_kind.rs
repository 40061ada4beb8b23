use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = 42)]
struct Cat {
    #[dynamo(partition_key = "yes")]
    id: String,
    #[dynamo(rename)]
    name: String,
    #[dynamo(rename = name)]
    lives: u8,
}

fn main() {}
