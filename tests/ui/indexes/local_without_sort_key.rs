use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_age", sort_key = "age"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    age: u8,
}

fn main() {}
