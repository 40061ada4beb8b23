use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "lsi0", range = "age"))]
#[dynamo(local_index(name = "lsi1", range = "age"))]
#[dynamo(local_index(name = "lsi2", range = "age"))]
#[dynamo(local_index(name = "lsi3", range = "age"))]
#[dynamo(local_index(name = "lsi4", range = "age"))]
#[dynamo(local_index(name = "lsi5", range = "age"))]
struct Cat {
    #[dynamo(hash_key)]
    home: String,
    #[dynamo(range_key)]
    id: String,
    age: u8,
}

fn main() {}
