use dynamo_model::prelude::*;

#[derive(Model)]
#[dynamo(global_index(name = "by_place", partition_key = ["country", "city"], sort_key = ["kind", "rank"]))]
struct Venue {
    #[dynamo(partition_key)]
    id: String,
    country: String,
    city: String,
    kind: String,
    rank: u32,
}

async fn in_france(db: &Db) -> Result<Vec<Venue>, Error> {
    // Every partition attribute needs a value: the city is missing.
    Venue::indexes().by_place.query(db, ("FR",)).await
}

fn main() {}
