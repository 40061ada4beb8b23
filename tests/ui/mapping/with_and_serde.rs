use dynamo_model::Model;

#[derive(Model)]
struct Blob {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(with = dynamo_model::with::binary, serde)]
    data: Vec<u8>,
}

fn main() {}
