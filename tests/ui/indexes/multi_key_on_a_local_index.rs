use dynamo_model::Model;

#[derive(Model)]
#[dynamo(local_index(name = "by_kind", sort_key = ["kind", "rank"]))]
struct Venue {
    #[dynamo(partition_key)]
    city: String,
    #[dynamo(sort_key)]
    id: String,
    kind: String,
    rank: u32,
}

fn main() {}
