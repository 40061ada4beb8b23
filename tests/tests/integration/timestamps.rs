//! Timestamps: `created_at` is set once, `updated_at` on every put and every update expression,
//! stored as ISO-8601 text or as epoch numbers, per field.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use dynamo_model::AttributeValue;
use dynamo_model::expr::Update;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;
use tests::{db, get_raw};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "posts", timestamps)]
struct Post {
    #[dynamo(partition_key)]
    id: String,
    title: String,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "events")]
struct Event {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(created_at)]
    first_seen: u64,
    #[dynamo(updated_at, with = dynamo_model::with::epoch_millis)]
    last_seen: SystemTime,
}

fn post(id: &str) -> Post {
    Post {
        id: id.into(),
        title: "hello".into(),
        created_at: None,
        updated_at: None,
    }
}

fn key(id: &str) -> (&'static str, AttributeValue) {
    ("id", AttributeValue::S(id.into()))
}

#[tokio::test]
async fn puts_set_created_once_and_updated_every_time() {
    let db = db();
    Post::table().create(&db).await.unwrap();
    assert_eq!(
        (Post::SCHEMA.created_at, Post::SCHEMA.updated_at),
        (Some("created_at"), Some("updated_at"))
    );

    let start = DateTime::<Utc>::from(SystemTime::now());
    let mut p = post("p");
    p.create(&db).await.unwrap();
    let created = p.created_at.unwrap();
    assert!(created >= start - chrono::Duration::seconds(1));
    assert_eq!(p.updated_at, Some(created));
    let stored = get_raw(&db, "posts", key("p")).await.unwrap();
    let AttributeValue::S(text) = &stored["created_at"] else {
        panic!("created_at is stored as text: {stored:?}");
    };
    assert!(
        text.ends_with('Z') && text.contains('T'),
        "ISO-8601: {text}"
    );

    tokio::time::sleep(Duration::from_millis(5)).await;
    p.title = "edited".into();
    p.put(&db).await.unwrap();
    assert_eq!(p.created_at, Some(created), "created is kept");
    assert!(p.updated_at.unwrap() > created, "updated moves on");
    assert_eq!(Post::get(&db, "p").await.unwrap(), Some(p.clone()));

    // Batches and transactions stamp too.
    let mut q = post("q");
    let mut r = post("r");
    let written = BatchWrite::new(&db).put(&mut q).await.unwrap();
    assert!(written.is_complete(), "{written:?}");
    Transaction::new(&db).put(&mut r).await.unwrap();
    assert!(q.created_at.is_some() && r.updated_at.is_some());
}

#[tokio::test]
async fn update_expressions_set_updated_and_keep_created() {
    let db = db();
    Post::table().create(&db).await.unwrap();
    let mut p = post("p");
    p.put(&db).await.unwrap();
    let created = p.created_at;
    tokio::time::sleep(Duration::from_millis(5)).await;

    let f = Post::fields();
    let updated = Post::update(&db, "p").set(&f.title, "new").await.unwrap();
    assert_eq!(updated.created_at, created);
    assert!(updated.updated_at > p.updated_at);

    // An upsert that creates the item sets created_at too.
    let fresh = Post::update(&db, "fresh")
        .set(&f.title, "t")
        .upsert()
        .await
        .unwrap();
    assert!(fresh.created_at.is_some());
    assert_eq!(fresh.created_at, fresh.updated_at);

    // A timestamp the update sets itself wins.
    let moment: DateTime<Utc> = "2020-01-01T00:00:00Z".parse().unwrap();
    let set = Post::update(&db, "p")
        .set(&f.updated_at, Some(moment))
        .await
        .unwrap();
    assert_eq!(set.updated_at, Some(moment));

    // The expression shows the added actions (both timestamps share one value placeholder).
    let request = Post::update(&db, "p").set(&f.title, "x").request().unwrap();
    let text = request.update_expression.unwrap();
    assert!(
        text.starts_with("SET #n0 = :v0, #n1 = :v1, #n2 = if_not_exists(#n2, :v1)"),
        "{text}"
    );

    // In a transaction as well.
    Transaction::new(&db)
        .update::<Post>("p", Update::new().set(&f.title, "tx"))
        .await
        .unwrap();
    let after = Post::get(&db, "p").await.unwrap().unwrap();
    assert!(after.updated_at > Some(moment));
}

#[tokio::test]
async fn epoch_fields_are_stored_as_numbers() {
    let db = db();
    Event::table().create(&db).await.unwrap();
    let mut e = Event {
        id: "e".into(),
        first_seen: 0,
        last_seen: SystemTime::UNIX_EPOCH,
    };
    e.put(&db).await.unwrap();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap();
    assert!(e.first_seen.abs_diff(now.as_secs()) < 5);
    let stored = get_raw(&db, "events", key("e")).await.unwrap();
    assert_eq!(
        stored["first_seen"],
        AttributeValue::N(e.first_seen.to_string())
    );
    let AttributeValue::N(millis) = &stored["last_seen"] else {
        panic!("last_seen is stored as a number: {stored:?}");
    };
    // Exact: the sub-millisecond part is kept as a fraction.
    let millis: f64 = millis.parse().unwrap();
    assert!((millis - now.as_millis() as f64).abs() < 5000.0);

    let first = e.first_seen;
    let f = Event::fields();
    let touched = Event::update(&db, "e")
        .set(&f.first_seen, first)
        .await
        .unwrap();
    assert!(touched.last_seen >= e.last_seen);
}
