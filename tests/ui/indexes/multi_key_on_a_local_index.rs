use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_kind", range = ["kind", "rank"]))]
struct Venue {
    #[dynamo(hash_key)]
    city: String,
    #[dynamo(range_key)]
    id: String,
    kind: String,
    rank: u32,
}

fn main() {}
