use dynamo_model::Attribute;

#[derive(Attribute)]
#[dynamo(table = "addresses")]
struct Address {
    #[dynamo(partition_key)]
    street: String,
    #[dynamo(sort_key)]
    zip: u32,
}

fn main() {}
