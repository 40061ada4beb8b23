// Documents stored inside items: a struct as a map, a unit-only enum as a string, enums with
// data tagged in the map, and a model holding them.

#[derive(Attribute)]
struct Square {
    side: f64,
}

#[derive(Attribute)]
enum Colour {
    Red,
    #[dynamo(rename = "verdant")]
    Green,
}

#[derive(Attribute)]
#[dynamo(rename_all = "snake_case")]
enum Shape {
    Circle { radius: f64 },
    Square(Square),
    Point,
}

#[derive(Attribute)]
#[dynamo(tag = "kind", content = "data")]
enum Event {
    Login { ip: String },
    Note(String),
}

#[derive(Model)]
struct Drawing {
    #[dynamo(partition_key)]
    id: String,
    colour: Colour,
    shapes: Vec<Shape>,
    history: Vec<Event>,
}
