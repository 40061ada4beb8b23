//! Key templates on a model of a table of its own: `partition_key = "USER#{user}"` and
//! `sort_key = "{created_at}#{id}"` on the struct write the keys from the fields, with the
//! order-preserving encodings, typed sort keys and index templates of a shared table, and a
//! `created_at` in the key takes the same instant as the field.

use chrono::{DateTime, Utc};
use dynamo_model::AttributeValue;
use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "bookmarks",
    partition_key = "USER#{user}",
    sort_key = "{created_at}#{id}",
    global_index(
        name = "by_title",
        partition_key = "TITLE#{title}",
        sort_key = "{user}"
    )
)]
struct Bookmark {
    user: String,
    id: String,
    title: String,
    #[dynamo(created_at)]
    created_at: DateTime<Utc>,
}

fn bookmark(user: &str, id: &str, title: &str) -> Bookmark {
    Bookmark {
        user: user.into(),
        id: id.into(),
        title: title.into(),
        created_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

#[tokio::test]
async fn keys_are_written_from_the_templates_and_read_back_by_their_parts() {
    let db = db();
    Bookmark::table().create(&db).await.unwrap();
    assert_eq!(Bookmark::SCHEMA.partition_key.name, "pk");
    assert_eq!(Bookmark::SCHEMA.sort_key.map(|k| k.name), Some("sk"));

    let mut first = bookmark("ann", "b1", "Rust");
    first.create(&db).await.unwrap();
    assert!(
        first.created_at > DateTime::<Utc>::UNIX_EPOCH,
        "stamped on create"
    );
    // The sort key holds the instant the field holds: the stored item reads back only if the
    // key is what the template writes from the fields.
    let read = Bookmark::get(&db, ("ann", first.created_at, "b1"))
        .await
        .unwrap();
    assert_eq!(read, Some(first.clone()));
    let items = db
        .client()
        .scan()
        .table_name(db.table_name("bookmarks"))
        .send()
        .await
        .unwrap();
    let stored = &items.items()[0];
    assert_eq!(stored["pk"], AttributeValue::S("USER#ann".into()));
    let AttributeValue::S(sort) = &stored["sk"] else {
        panic!("{stored:?}");
    };
    let instant = first.created_at.format("%Y-%m-%dT%H:%M:%S").to_string();
    assert!(
        sort.starts_with(&instant) && sort.ends_with("#b1"),
        "{sort}"
    );
    assert_eq!(stored["_et"], AttributeValue::S("Bookmark".into()));

    let mut second = bookmark("ann", "b2", "DynamoDB");
    second.create(&db).await.unwrap();
    bookmark("bob", "b3", "Rust").create(&db).await.unwrap();

    // A query of one partition, narrowed by the typed sort key: parts in template order.
    let since_second = Bookmark::query(&db, "ann")
        .sort_key(|sk| sk.ge(Bookmark::sort_key().created_at(second.created_at)))
        .await
        .unwrap();
    assert_eq!(since_second, vec![second.clone()]);
    let all = Bookmark::query(&db, "ann").await.unwrap();
    assert_eq!(all, vec![first, second]);

    // An index template: its keys written beside the item's.
    let rust = Bookmark::indexes()
        .by_title
        .query(&db, "Rust")
        .await
        .unwrap();
    let users: Vec<&str> = rust.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(users, ["ann", "bob"]);
}
