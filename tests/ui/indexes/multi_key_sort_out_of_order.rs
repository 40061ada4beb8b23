use dynamo_model::prelude::*;

#[derive(Model)]
#[dynamo(global_index(name = "by_place", hash = ["country", "city"], range = ["kind", "rank"]))]
struct Venue {
    #[dynamo(hash_key)]
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
        .sort(|k| k.begins_with("b").eq(3))
        .await
}

fn main() {}
