use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats", partition_key)]
struct Cat {
    #[dynamo(partition_key, table = "dogs")]
    id: String,
}

fn main() {}
