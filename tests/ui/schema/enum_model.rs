use dynamo_model::Model;

#[derive(Model)]
enum Cat {
    Tom,
    Felix,
}

fn main() {}
