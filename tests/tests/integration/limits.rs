//! DynamoDB's limits checked before sending: the 400 KB item, counted as DynamoDB counts it,
//! and the key rules (no empty string or binary, 2048 bytes for a partition key, 1024 for a
//! sort key).

use dynamo_model::prelude::*;
use dynamo_model::value::{MAX_ITEM_SIZE, item_size};
use dynamo_model::{AttributeValue, Item};
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "blobs")]
struct Blob {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(sort_key)]
    part: String,
    payload: String,
    note: String,
}

fn blob(id: &str, part: &str, payload_bytes: usize) -> Blob {
    Blob {
        id: id.into(),
        part: part.into(),
        payload: "x".repeat(payload_bytes),
        note: "n".into(),
    }
}

/// The item limit of the engine under test: DynamoDB's 400 KB, or moto's own 405,000 bytes
/// (moto counts sizes its own way, so only strings and binary are compared there).
fn engine_limit() -> usize {
    match tests::gaps::instead(&tests::gaps::ITEM_SIZE_LIMIT) {
        Some(_) => 405_000,
        None => MAX_ITEM_SIZE,
    }
}

#[tokio::test]
async fn the_size_count_agrees_with_the_engine_at_its_limit() {
    let db = db();
    Blob::table().create(&db).await.unwrap();
    let raw = |id: &str, payload: AttributeValue| -> Item {
        Item::from([
            ("id".to_owned(), AttributeValue::S(id.into())),
            ("part".to_owned(), AttributeValue::S("p".into())),
            ("payload".to_owned(), payload),
        ])
    };
    for (kind, make) in [
        (
            "S",
            (|n: usize| AttributeValue::S("é".repeat(n / 2) + &"x".repeat(n % 2)))
                as fn(usize) -> AttributeValue,
        ),
        ("B", |n| AttributeValue::B(vec![7u8; n].into())),
    ] {
        // An item of exactly the limit, by item_size, is stored; one byte more is refused.
        let overhead = item_size(&raw("a", AttributeValue::S(String::new())));
        let at_limit = raw("a", make(engine_limit() - overhead));
        assert_eq!(item_size(&at_limit), engine_limit(), "{kind}");
        let put = |item: Item| {
            db.client()
                .put_item()
                .table_name(db.table_name_of::<Blob>())
                .set_item(Some(item))
                .send()
        };
        put(at_limit)
            .await
            .unwrap_or_else(|e| panic!("{kind} at the limit: {e:?}"));
        let over = raw("b", make(engine_limit() - overhead + 1));
        assert_eq!(item_size(&over), engine_limit() + 1);
        let error = put(over).await.unwrap_err();
        assert!(
            format!("{error:?}").contains("Item size has exceeded"),
            "{kind} over the limit: {error:?}"
        );
    }
}

#[tokio::test]
async fn an_item_over_400_kb_is_refused_before_sending_naming_its_largest_attributes() {
    let db = db();
    Blob::table().create(&db).await.unwrap();
    let overhead = item_size(&blob("a", "p", 0).to_item().unwrap());
    let mut big = blob("a", "p", MAX_ITEM_SIZE - overhead + 1);
    assert_eq!(item_size(&big.to_item().unwrap()), MAX_ITEM_SIZE + 1);
    let error = big.put(&db).await.unwrap_err();
    let Error::ItemTooLarge { size, largest, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*size, MAX_ITEM_SIZE + 1);
    assert_eq!(largest[0].0, "payload");
    assert!(error.to_string().contains("409601 bytes"), "{error}");
    assert!(error.to_string().contains("`payload`"), "{error}");
    assert_eq!(error.http_status(), 413);
    // Nothing was sent; the same holds in a batch and a transaction.
    assert_eq!(Blob::get(&db, ("a", "p")).await.unwrap(), None);
    let error = dynamo_model::ops::BatchWrite::new(&db)
        .put(&mut big)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ItemTooLarge { .. }), "{error:?}");
    let error = dynamo_model::ops::Transaction::new(&db)
        .put(&mut big)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ItemTooLarge { .. }), "{error:?}");
}

#[tokio::test]
async fn key_rules_are_checked_before_sending_naming_the_attribute() {
    let db = db();
    Blob::table().create(&db).await.unwrap();
    let refused = |error: Error, attribute: &str, words: &str| {
        let Error::Conversion(e) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(e.path(), attribute, "{error}");
        assert!(error.to_string().contains(words), "{error}");
    };
    refused(
        Blob::get(&db, ("", "p")).await.unwrap_err(),
        "id",
        "empty string cannot be a partition key",
    );
    refused(
        blob("a", "", 1).put(&db).await.unwrap_err(),
        "part",
        "empty string cannot be a sort key",
    );
    // At the limits DynamoDB stores the key; a byte more is refused before sending.
    let long_hash = "h".repeat(2048);
    let long_range = "r".repeat(1024);
    blob(&long_hash, &long_range, 1).put(&db).await.unwrap();
    assert!(
        Blob::get(&db, (long_hash.as_str(), long_range.as_str()))
            .await
            .unwrap()
            .is_some()
    );
    refused(
        Blob::delete(&db, (&"h".repeat(2049), "p"))
            .await
            .unwrap_err(),
        "id",
        "2049 bytes is over DynamoDB's limit of 2048",
    );
    refused(
        blob("a", &"r".repeat(1025), 1).put(&db).await.unwrap_err(),
        "part",
        "1025 bytes is over DynamoDB's limit of 1024",
    );
}

/// A model with a global index on a string attribute.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "tickets",
    global_index(name = "by_owner", partition_key = "owner")
)]
struct Ticket {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
}

#[tokio::test]
async fn an_index_key_follows_the_same_rules_before_sending() {
    let db = db();
    Ticket::table().create(&db).await.unwrap();
    let error = Ticket {
        id: "t1".into(),
        owner: String::new(),
    }
    .put(&db)
    .await
    .unwrap_err();
    let Error::Conversion(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.path(), "owner");
    assert!(
        error
            .to_string()
            .contains("empty string cannot be a partition key"),
        "{error}"
    );
    let error = Ticket {
        id: "t2".into(),
        owner: "o".repeat(2049),
    }
    .put(&db)
    .await
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("2049 bytes is over DynamoDB's limit of 2048"),
        "{error}"
    );
    assert_eq!(Ticket::get(&db, "t2").await.unwrap(), None);
}
