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

async fn top(db: &Db) -> Result<Vec<Venue>, Error> {
    // After a range condition on `kind`, no condition on `rank` can follow.
    Venue::indexes()
        .by_place
        .query(db, ("FR", "Paris"))
        .sort_key(|k| k.begins_with("b").eq(3))
        .await
}

fn main() {}
