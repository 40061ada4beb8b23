use dynamo_model::Model;

struct Connection;

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(skip)]
    connection: Connection,
}

fn main() {}
