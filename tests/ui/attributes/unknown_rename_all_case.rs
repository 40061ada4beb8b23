use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats", rename_all = "camelcase")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(table = "dogs", rename_all = "Title Case")]
struct Dog {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
