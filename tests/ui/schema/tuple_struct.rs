use dynamo_model::Model;

#[derive(Model)]
struct Cat(String, u8);

fn main() {}
