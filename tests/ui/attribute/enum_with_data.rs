use dynamo_model::Attribute;

#[derive(Attribute)]
enum Shape {
    Circle { radius: f64 },
    Square(f64),
    Point,
}

fn main() {}
