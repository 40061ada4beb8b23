use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key, encrypted)]
    id: String,
}

fn main() {}
