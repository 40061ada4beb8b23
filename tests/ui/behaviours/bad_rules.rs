use dynamo_model::{Attribute, Model};

#[derive(Model)]
struct Doc {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(validate(maxlength = 3))]
    name: String,
    #[dynamo(validate(regex = "(unclosed"))]
    email: String,
    #[dynamo(validate)]
    bio: String,
    #[dynamo(validate(min))]
    age: u8,
    #[dynamo(skip, validate(non_blank))]
    cache: String,
}

#[derive(Attribute)]
enum Shape {
    Circle {
        #[dynamo(validate(min = 0))]
        radius: u32,
    },
}

fn main() {}
