use dynamo_model::Attribute;

#[derive(Attribute)]
#[dynamo(table = "addresses")]
struct Address {
    #[dynamo(hash_key)]
    street: String,
    #[dynamo(range_key)]
    zip: u32,
}

fn main() {}
