use dynamo_model::Attribute;

#[derive(Attribute)]
#[dynamo(tag = "kind")]
enum Shape {
    Circle { radius: f64, kind: String },
    Square {
        #[dynamo(rename = "kind")]
        shape_kind: String,
    },
}

fn main() {}
