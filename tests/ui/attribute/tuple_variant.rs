use dynamo_model::Attribute;

#[derive(Attribute)]
enum Shape {
    Circle { radius: f64 },
    Rectangle(u32, u32),
    Point,
}

fn main() {}
