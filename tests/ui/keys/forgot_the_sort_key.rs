use dynamo_model::prelude::*;

#[derive(Model)]
struct Line {
    #[dynamo(partition_key)]
    order_id: String,
    #[dynamo(sort_key)]
    line: u16,
}

async fn demo(db: &Db) -> Result<(), Error> {
    // `Line` has a sort key: the key is `("o1", 2)`, not `"o1"`.
    Line::get(db, "o1").await?;
    // A `String` part may be passed as `&String`: this compiles.
    let id = String::from("o1");
    Line::delete(db, (&id, 2)).await?;
    // A key has two parts, not three.
    Line::update(db, (id.as_str(), 2, 3)).await?;
    Ok(())
}

fn main() {}
