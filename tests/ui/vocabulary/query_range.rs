// A query narrows its sort key with `.sort_key(..)`; `.range(..)` is gone.
use dynamo_model::prelude::*;

#[derive(Model)]
struct Cat {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(sort_key)]
    name: String,
}

async fn read(db: &Db) -> Result<Vec<Cat>, Error> {
    Cat::query(db, "home").range(|name| name.begins_with("T")).await
}

fn main() {}
