use dynamo_model::Attribute;

#[derive(Attribute)]
enum Mood {
    Calm,
    #[dynamo(rename = "Calm")]
    Relaxed,
    #[dynamo(renamed = "x")]
    Playful,
}

fn main() {}
