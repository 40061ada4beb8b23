use dynamo_model::prelude::*;

#[derive(Model)]
#[dynamo(global_index(name = "by_owner", partition_key = "owner", projection = "keys_only"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
    name: String,
}

async fn run(db: &Db) {
    let _ = Cat::indexes().by_owner.query(db, "alice").await;
}

fn main() {}
