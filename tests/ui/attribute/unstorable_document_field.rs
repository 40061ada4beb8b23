use dynamo_model::Attribute;

struct Secret;

#[derive(Attribute)]
struct Address {
    street: String,
    key: Secret,
}

fn main() {}
