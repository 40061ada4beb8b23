use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "lsi0", sort_key = "age"))]
#[dynamo(local_index(name = "lsi1", sort_key = "age"))]
#[dynamo(local_index(name = "lsi2", sort_key = "age"))]
#[dynamo(local_index(name = "lsi3", sort_key = "age"))]
#[dynamo(local_index(name = "lsi4", sort_key = "age"))]
#[dynamo(local_index(name = "lsi5", sort_key = "age"))]
struct Cat {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(sort_key)]
    id: String,
    age: u8,
}

fn main() {}
