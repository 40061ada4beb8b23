use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_age", partition_key = "owner", sort_key = "age"))]
struct Cat {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(sort_key)]
    id: String,
    owner: String,
    age: u8,
}

fn main() {}
