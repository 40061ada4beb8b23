use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key, sort_key)]
    id: String,
}

fn main() {}
