//! Time to live: the `#[dynamo(ttl)]` field enables TTL when the table is created, `verify`
//! expects it, and reads can hide items whose time has passed before DynamoDB deletes them.

use std::time::{Duration, SystemTime};

use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "sessions")]
struct Session {
    #[dynamo(partition_key)]
    user: String,
    #[dynamo(sort_key)]
    id: u32,
    #[dynamo(ttl, with = dynamo_model::with::epoch_seconds)]
    expires: SystemTime,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "tokens")]
struct Token {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(ttl)]
    expires_at: Option<u64>,
}

#[tokio::test]
async fn the_ttl_field_enables_time_to_live_and_expired_items_can_be_hidden() {
    let db = db();
    assert_eq!(Session::SCHEMA.ttl, Some("expires"));
    Session::table().create(&db).await.unwrap();
    assert_eq!(
        Session::table().verify(&db).await.unwrap(),
        vec![],
        "TTL is on `expires`"
    );

    let now = SystemTime::now();
    let mut past = Session {
        user: "u".into(),
        id: 1,
        expires: now - Duration::from_secs(60),
    };
    let mut future = Session {
        user: "u".into(),
        id: 2,
        expires: now + Duration::from_secs(3600),
    };
    past.put(&db).await.unwrap();
    future.put(&db).await.unwrap();

    // DynamoDB keeps expired items until it gets round to deleting them.
    assert_eq!(Session::query(&db, "u").count().await.unwrap(), 2);
    let live = Session::query(&db, "u").hide_expired().await.unwrap();
    assert_eq!(live.iter().map(|s| s.id).collect::<Vec<_>>(), [2]);
    assert_eq!(Session::scan(&db).hide_expired().count().await.unwrap(), 1);
    assert_eq!(
        Session::get(&db, ("u", 1)).await.unwrap().map(|s| s.id),
        Some(1)
    );
    assert_eq!(
        Session::get(&db, ("u", 1)).hide_expired().await.unwrap(),
        None
    );
    assert!(
        Session::get(&db, ("u", 2))
            .hide_expired()
            .await
            .unwrap()
            .is_some()
    );
    let keys = [("u", 1), ("u", 2)];
    assert_eq!(Session::batch_get(&db, keys).await.unwrap().items.len(), 2);
    let live = Session::batch_get(&db, keys).hide_expired().await.unwrap();
    assert_eq!(live.items.iter().map(|s| s.id).collect::<Vec<_>>(), [2]);
}

#[tokio::test]
async fn an_integer_ttl_without_a_value_never_expires() {
    let db = db();
    Token::table().create(&db).await.unwrap();
    Token {
        id: "forever".into(),
        expires_at: None,
    }
    .put(&db)
    .await
    .unwrap();
    Token {
        id: "gone".into(),
        expires_at: Some(1),
    }
    .put(&db)
    .await
    .unwrap();
    let mut live = Token::scan(&db).hide_expired().await.unwrap();
    live.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        live.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["forever"]
    );
}
