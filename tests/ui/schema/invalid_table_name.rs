use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "my cats!")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(table = "ab")]
struct Dog {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
