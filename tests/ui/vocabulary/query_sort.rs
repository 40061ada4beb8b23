// A multi-attribute sort key is narrowed with `.sort_key(..)` too; `.sort(..)` is gone.
use dynamo_model::prelude::*;

#[derive(Model)]
#[dynamo(global_index(name = "by_place", partition_key = "city", sort_key = ["shop", "aisle"]))]
struct Item {
    #[dynamo(partition_key)]
    id: String,
    city: String,
    shop: String,
    aisle: u32,
}

async fn read(db: &Db) -> Result<Vec<Item>, Error> {
    Item::indexes().by_place.query(db, ("Paris",)).sort(|k| k.eq("bakery")).await
}

fn main() {}
