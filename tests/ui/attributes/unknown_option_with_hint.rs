use dynamo_model::Model;

#[derive(Model)]
#[dynamo(tabel = "cats")]
struct Cat {
    #[dynamo(partiton_key)]
    id: String,
    #[dynamo(renmae = "n")]
    name: String,
}

fn main() {}
