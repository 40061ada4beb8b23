//! Counters beside optimistic locking: an update of `#[dynamo(counter)]` attributes only, or one
//! marked `.counter_update()`, leaves the version and `updated_at` alone, so a client's
//! `if_version(v)` edit does not fail because a visit was counted meanwhile.

use dynamo_model::expr::Update;
use dynamo_model::ops::Transaction;
use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "bookmarks")]
struct Bookmark {
    #[dynamo(partition_key)]
    id: String,
    note: String,
    #[dynamo(counter)]
    visits: u64,
    #[dynamo(counter)]
    shares: Option<u32>,
    likes: u64,
    #[dynamo(version)]
    version: u64,
    #[dynamo(updated_at)]
    updated_at: u64,
}

async fn bookmark(db: &Db) -> Bookmark {
    Bookmark::table().create(db).await.unwrap();
    let mut bookmark = Bookmark {
        id: "b1".into(),
        note: "rust".into(),
        visits: 0,
        shares: None,
        likes: 0,
        version: 0,
        updated_at: 0,
    };
    bookmark.create(db).await.unwrap();
    // Back-date the stamp, so that a write that sets it again shows.
    Bookmark::update(db, "b1")
        .set(&Bookmark::fields().updated_at, 1)
        .await
        .unwrap()
}

#[tokio::test]
async fn counting_leaves_the_version_and_updated_at_alone() {
    let db = db();
    let read = bookmark(&db).await;
    assert_eq!(Bookmark::SCHEMA.counters, ["visits", "shares"]);
    let f = Bookmark::fields();

    // Visits counted while a client edits the note it read at `read.version`.
    let counted = Bookmark::update(&db, "b1")
        .add(&f.visits, 1)
        .add(&f.shares, 2)
        .await
        .unwrap();
    assert_eq!((counted.visits, counted.shares), (1, Some(2)));
    assert_eq!(counted.version, read.version);
    assert_eq!(counted.updated_at, 1);
    Transaction::new(&db)
        .update::<Bookmark>("b1", Update::new().increment(&f.visits, 1))
        .await
        .unwrap();

    // The edit at the version read still lands, and moves the version and the stamp.
    let edited = Bookmark::update(&db, "b1")
        .set(&f.note, "rust and dynamodb")
        .if_version(read.version)
        .await
        .unwrap();
    assert_eq!(edited.visits, 2);
    assert_eq!(edited.version, read.version + 1);
    assert!(edited.updated_at > 1, "{}", edited.updated_at);
}

#[tokio::test]
async fn an_update_of_a_counter_and_another_attribute_is_an_edit() {
    let db = db();
    let read = bookmark(&db).await;
    let f = Bookmark::fields();
    let mixed = Bookmark::update(&db, "b1")
        .add(&f.visits, 1)
        .set(&f.note, "edited")
        .await
        .unwrap();
    assert_eq!(mixed.version, read.version + 1);
    assert!(mixed.updated_at > 1);
}

#[tokio::test]
async fn counter_update_marks_one_update_of_an_unmarked_attribute() {
    let db = db();
    let read = bookmark(&db).await;
    let f = Bookmark::fields();
    let liked = Bookmark::update(&db, "b1")
        .add(&f.likes, 1)
        .counter_update()
        .await
        .unwrap();
    assert_eq!(liked.likes, 1);
    assert_eq!((liked.version, liked.updated_at), (read.version, 1));
    // Without the mark, the same update is an edit.
    let edited = Bookmark::update(&db, "b1").add(&f.likes, 1).await.unwrap();
    assert_eq!(edited.version, read.version + 1);
    // The mark travels with an `Update` into a transaction.
    Transaction::new(&db)
        .update::<Bookmark>("b1", Update::new().add(&f.likes, 1).counter_update())
        .await
        .unwrap();
    let stored = Bookmark::get(&db, "b1").await.unwrap().unwrap();
    assert_eq!((stored.likes, stored.version), (3, edited.version));
}
