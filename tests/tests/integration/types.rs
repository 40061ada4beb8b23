//! Collections, sets, binary and pointer types, written to the local engine and read back, and the
//! item shapes DynamoDB stores for them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use dynamo_model::{AttributeValue, Binary, Model, ModelExt};

#[derive(Model, Debug, Clone, PartialEq, Default)]
#[dynamo(table = "kitchen_sink")]
struct Sink {
    #[dynamo(partition_key)]
    id: String,
    tags: Vec<String>,
    queue: VecDeque<i32>,
    weights: HashMap<String, f64>,
    grid: BTreeMap<String, Vec<u8>>,
    labels: HashSet<String>,
    scores: BTreeSet<u64>,
    blobs: BTreeSet<Binary>,
    photo: Binary,
    boxed: Box<str>,
    shared: Arc<str>,
    maybe_list: Option<Vec<bool>>,
    holes: Vec<Option<u8>>,
}

/// A binary partition key.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "blobs")]
struct Blob {
    #[dynamo(partition_key)]
    digest: Binary,
    size: u32,
}

fn full() -> Sink {
    Sink {
        id: "full".into(),
        tags: vec!["a".into(), "b".into(), "a".into()],
        queue: VecDeque::from(vec![3, -1]),
        weights: HashMap::from([("x".into(), 0.5), ("y".into(), -2.25)]),
        grid: BTreeMap::from([("row".into(), vec![1, 2, 3]), ("empty".into(), vec![])]),
        labels: HashSet::from(["indoor".into(), "calm".into()]),
        scores: BTreeSet::from([1, 10, u64::MAX]),
        blobs: BTreeSet::from([Binary(vec![0]), Binary(vec![0xFF, 0x00])]),
        photo: Binary(vec![0x89, b'P', b'N', b'G']),
        boxed: "boxed".into(),
        shared: Arc::from("shared"),
        maybe_list: Some(vec![true, false]),
        holes: vec![Some(1), None, Some(3)],
    }
}

#[tokio::test]
async fn every_collection_round_trips() {
    let db = tests::db();
    Sink::table().create(&db).await.unwrap();
    let mut sink = full();
    sink.put(&db).await.unwrap();
    assert_eq!(Sink::get(&db, "full").await.unwrap(), Some(sink));
}

#[tokio::test]
async fn items_have_the_dynamodb_types_users_expect() {
    let db = tests::db();
    Sink::table().create(&db).await.unwrap();
    full().put(&db).await.unwrap();
    let item = tests::get_raw(
        &db,
        "kitchen_sink",
        ("id", AttributeValue::S("full".into())),
    )
    .await
    .unwrap();
    let kind = |name: &str| dynamo_model::value::type_name(&item[name]);
    assert_eq!(kind("tags"), "L");
    assert_eq!(kind("weights"), "M");
    assert_eq!(kind("labels"), "SS");
    assert_eq!(kind("scores"), "NS");
    assert_eq!(kind("blobs"), "BS");
    assert_eq!(kind("photo"), "B");
    assert_eq!(kind("boxed"), "S");
    assert_eq!(
        item["holes"],
        AttributeValue::L(vec![
            AttributeValue::N("1".into()),
            AttributeValue::Null(true),
            AttributeValue::N("3".into())
        ])
    );
}

#[tokio::test]
async fn empty_sets_are_left_out_and_read_back_empty() {
    let db = tests::db();
    Sink::table().create(&db).await.unwrap();
    let mut empty = Sink {
        id: "empty".into(),
        ..Sink::default()
    };
    empty.put(&db).await.unwrap();
    let item = empty.to_item().unwrap();
    for set in ["labels", "scores", "blobs"] {
        assert!(!item.contains_key(set), "{set} must be absent");
    }
    assert_eq!(Sink::get(&db, "empty").await.unwrap(), Some(empty));
}

#[tokio::test]
async fn a_bad_element_is_named_by_its_path() {
    let db = tests::db();
    Sink::table().create(&db).await.unwrap();
    let mut item = full().to_item().unwrap();
    item.insert(
        "grid".into(),
        AttributeValue::M(HashMap::from([(
            "row".into(),
            AttributeValue::L(vec![
                AttributeValue::N("1".into()),
                AttributeValue::N("999".into()),
            ]),
        )])),
    );
    tests::put_raw(&db, "kitchen_sink", item).await;
    let error = Sink::get(&db, "full").await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "attribute `grid.row[1]`: number 999 does not fit u8"
    );
}

#[tokio::test]
async fn binary_keys_work() {
    let db = tests::db();
    Blob::table().create(&db).await.unwrap();
    let mut blob = Blob {
        digest: Binary(vec![0xDE, 0xAD, 0xBE, 0xEF]),
        size: 4,
    };
    blob.create(&db).await.unwrap();
    assert_eq!(
        Blob::get(&db, &blob.digest).await.unwrap(),
        Some(blob.clone())
    );
    assert_eq!(
        Blob::SCHEMA.partition_key.scalar,
        dynamo_model::KeyScalar::B
    );
    Blob::delete(&db, &blob.digest).await.unwrap();
    assert_eq!(Blob::get(&db, &blob.digest).await.unwrap(), None);
}
