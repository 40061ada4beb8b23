use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    id: String,
    name: String,
}

fn main() {}
