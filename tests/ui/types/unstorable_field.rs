use dynamo_model::Model;

struct Collar {
    colour: String,
}

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    collar: Collar,
}

fn main() {}
