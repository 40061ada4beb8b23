use dynamo_model::Model;

#[derive(Model)]
#[dynamo(tabel = "cats")]
struct Cat {
    #[dynamo(hash_kye)]
    id: String,
    #[dynamo(renmae = "n")]
    name: String,
}

fn main() {}
