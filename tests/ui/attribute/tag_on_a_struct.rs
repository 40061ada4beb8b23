use dynamo_model::Attribute;

#[derive(Attribute)]
#[dynamo(tag = "kind")]
struct Address {
    street: String,
}

fn main() {}
