//! Every update action through UpdateItem against the local engine, and the dry-run requests.

use std::collections::{BTreeMap, BTreeSet};

use dynamo_model::AttributeValue;
use dynamo_model::expr::Update;
use dynamo_model::prelude::*;
use tests::{db, get_raw};

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    zip: u32,
    note: Option<String>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "counters")]
struct Counter {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    count: i64,
    hits: Option<u32>,
    tags: BTreeSet<String>,
    scores: BTreeSet<i32>,
    log: Vec<String>,
    home: Address,
    labels: BTreeMap<String, String>,
    nickname: Option<String>,
    backup_name: Option<String>,
}

fn counter() -> Counter {
    Counter {
        id: "c".into(),
        name: "first".into(),
        count: 10,
        hits: None,
        tags: BTreeSet::from(["a".to_owned(), "b".to_owned()]),
        scores: BTreeSet::from([1, 2]),
        log: vec!["one".into(), "two".into(), "three".into()],
        home: Address {
            street: "Main".into(),
            zip: 1000,
            note: Some("gate".into()),
        },
        labels: BTreeMap::from([
            ("en".to_owned(), "cat".to_owned()),
            ("fr".to_owned(), "chat".to_owned()),
        ]),
        nickname: Some("nick".into()),
        backup_name: None,
    }
}

async fn seeded() -> Db {
    let db = db();
    Counter::table().create(&db).await.unwrap();
    counter().put(&db).await.unwrap();
    db
}

#[tokio::test]
async fn set_actions_change_only_what_they_name() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .set(&f.name, "second")
        .set(&f.home.zip, 2000u32)
        .set_if_not_exists(&f.backup_name, "kept")
        .set_if_not_exists(&f.nickname, "ignored")
        .set(&f.labels.key("de"), "Katze")
        .await
        .unwrap();
    let mut expected = counter();
    expected.name = "second".into();
    expected.home.zip = 2000;
    expected.backup_name = Some("kept".into());
    expected.labels.insert("de".into(), "Katze".into());
    assert_eq!(
        after, expected,
        "the street and note of `home` are untouched"
    );
    assert_eq!(
        Counter::get(&db, "c").consistent_read(true).await.unwrap(),
        Some(expected)
    );
}

#[tokio::test]
async fn a_path_can_be_set_from_another_path() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .set(&f.backup_name, &f.nickname)
        .await
        .unwrap();
    assert_eq!(after.backup_name.as_deref(), Some("nick"));
}

#[tokio::test]
async fn arithmetic_and_add_work_on_numbers() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .increment(&f.count, 5)
        .add(&f.hits, 3u32)
        .await
        .unwrap();
    assert_eq!(
        (after.count, after.hits),
        (15, Some(3)),
        "ADD starts an absent number at 0"
    );
    let after = Counter::update(&db, "c")
        .decrement(&f.count, 20)
        .await
        .unwrap();
    assert_eq!(after.count, -5);
}

#[tokio::test]
async fn add_and_delete_change_set_members() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .add(&f.tags, BTreeSet::from(["c".to_owned()]))
        .discard(&f.scores, BTreeSet::from([1]))
        .await
        .unwrap();
    assert_eq!(
        after.tags,
        BTreeSet::from(["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(after.scores, BTreeSet::from([2]));
    // Deleting the last element leaves no set at all, which reads as empty.
    let after = Counter::update(&db, "c")
        .discard(&f.scores, BTreeSet::from([2]))
        .await
        .unwrap();
    assert!(after.scores.is_empty());
    let raw = get_raw(&db, "counters", ("id", AttributeValue::S("c".into())))
        .await
        .unwrap();
    assert!(!raw.contains_key("scores"));
}

#[tokio::test]
async fn lists_grow_at_both_ends_and_lose_elements_by_index() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .append(&f.log, vec!["four".to_owned()])
        .await
        .unwrap();
    assert_eq!(after.log, ["one", "two", "three", "four"]);
    let after = Counter::update(&db, "c")
        .prepend(&f.log, vec!["zero".to_owned()])
        .await
        .unwrap();
    assert_eq!(after.log, ["zero", "one", "two", "three", "four"]);
    let after = Counter::update(&db, "c").unset_at(&f.log, 1).await.unwrap();
    assert_eq!(after.log, ["zero", "two", "three", "four"]);
    let after = Counter::update(&db, "c")
        .set(&f.log.at(0), "nil")
        .await
        .unwrap();
    assert_eq!(after.log[0], "nil");
}

#[tokio::test]
async fn remove_drops_optional_attributes_and_map_entries() {
    let db = seeded().await;
    let f = Counter::fields();
    let after = Counter::update(&db, "c")
        .unset(&f.nickname)
        .unset(&f.home.note)
        .unset_key(&f.labels, "fr")
        .set(&f.backup_name, None::<String>)
        .await
        .unwrap();
    assert_eq!(after.nickname, None);
    assert_eq!(after.home.note, None);
    assert_eq!(
        after.labels,
        BTreeMap::from([("en".to_owned(), "cat".to_owned())])
    );
}

#[tokio::test]
async fn an_update_condition_guards_the_write() {
    let db = seeded().await;
    let f = Counter::fields();
    let refused = Counter::update(&db, "c")
        .set(&f.name, "never")
        .condition(f.count.gt(100))
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            Error::ConditionFailed {
                operation: dynamo_model::Operation::UpdateItem,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(
        Counter::get(&db, "c").consistent_read(true).await.unwrap(),
        Some(counter())
    );
    let after = Counter::update(&db, "c")
        .set(&f.name, "guarded")
        .condition(f.count.eq(10) & f.tags.contains("a"))
        .await
        .unwrap();
    assert_eq!(after.name, "guarded");
}

#[tokio::test]
async fn a_built_update_can_be_reused_and_inspected_without_sending() {
    let db = seeded().await;
    let f = Counter::fields();
    let update = Counter::update(&db, "c")
        .merge(Update::new().set(&f.name, "x").add(&f.count, 1))
        .condition(f.name.eq("first"));
    let request = update.request().unwrap();
    assert_eq!(
        request.update_expression(),
        Some("SET #n0 = :v0 ADD #n1 :v1")
    );
    // The caller's condition, and that the item exists: an update never invents one.
    assert_eq!(
        request.condition_expression(),
        Some("attribute_exists(#n2) AND (#n0 = :v2)")
    );
    assert!(request.table_name().unwrap().ends_with("counters"));
    assert_eq!(request.key().unwrap()["id"], AttributeValue::S("c".into()));
    // Nothing was sent.
    assert_eq!(
        Counter::get(&db, "c").consistent_read(true).await.unwrap(),
        Some(counter())
    );
    assert_eq!(update.await.unwrap().count, 11);
}

#[tokio::test]
async fn reserved_words_and_odd_names_update_cleanly() {
    #[derive(Model, Debug, PartialEq)]
    #[dynamo(table = "odd_names")]
    struct Odd {
        #[dynamo(partition_key, rename = "key")]
        id: String,
        #[dynamo(rename = "size")]
        size: u32,
        #[dynamo(rename = "a.b #c:d e")]
        weird: String,
    }
    let db = db();
    Odd::table().create(&db).await.unwrap();
    Odd {
        id: "o".into(),
        size: 1,
        weird: "x".into(),
    }
    .put(&db)
    .await
    .unwrap();
    let f = Odd::fields();
    let after = Odd::update(&db, "o")
        .increment(&f.size, 1u32)
        .set(&f.weird, "y")
        .condition(f.weird.eq("x") & f.id.eq("o"))
        .await
        .unwrap();
    assert_eq!(
        after,
        Odd {
            id: "o".into(),
            size: 2,
            weird: "y".into()
        }
    );
}

/// A model with a few required attributes and defaults, for upserts.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(partition_key)]
    page: String,
    title: String,
    #[dynamo(default)]
    views: u64,
    last_referrer: Option<String>,
}

#[tokio::test]
async fn an_update_of_a_missing_item_is_not_found_and_writes_nothing() {
    let db = seeded().await;
    let f = Counter::fields();
    let error = Counter::update(&db, "ghost")
        .set(&f.name, "boo")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    assert_eq!(
        get_raw(&db, "counters", ("id", AttributeValue::S("ghost".into()))).await,
        None
    );

    // The same for an update of a model whose item was deleted meanwhile, and with a
    // condition of the caller's: the item is missing, so that is what is reported.
    let stale = counter();
    Counter::delete(&db, "c").await.unwrap();
    let error = stale
        .update_item(&db)
        .set(&f.name, "again")
        .condition(f.count.gt(0))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    assert_eq!(Counter::scan(&db).count().await.unwrap(), 0);

    // In a transaction, the action's condition fails with no item.
    let error = dynamo_model::ops::Transaction::new(&db)
        .update::<Counter>("ghost", Update::new().set(&f.name, "boo"))
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(
            reasons[0],
            dynamo_model::error::CancelReason::ConditionFailed { item: None }
        ),
        "{reasons:?}"
    );
    assert_eq!(Counter::scan(&db).count().await.unwrap(), 0);
}

#[tokio::test]
async fn an_upsert_creates_a_readable_item_or_refuses_before_sending() {
    let db = db();
    Visit::table().create(&db).await.unwrap();
    let f = Visit::fields();
    // Every required attribute written (views has a default): created, readable.
    let created = Visit::update(&db, "/home")
        .set(&f.title, "Home")
        .add(&f.views, 1)
        .upsert()
        .await
        .unwrap();
    assert_eq!(
        created,
        Visit {
            page: "/home".into(),
            title: "Home".into(),
            views: 1,
            last_referrer: None,
        }
    );
    // On an existing item it updates.
    let again = Visit::update(&db, "/home")
        .set(&f.title, "Home")
        .add(&f.views, 1)
        .upsert()
        .await
        .unwrap();
    assert_eq!(again.views, 2);

    // Without the required title, it could create an item Visit cannot read: refused, naming
    // the attribute, and nothing is sent.
    let upsert = Visit::update(&db, "/about").add(&f.views, 1).upsert();
    let error = upsert.request().unwrap_err();
    assert!(matches!(error, Error::IncompleteUpsert { .. }), "{error:?}");
    assert!(error.to_string().contains("`title`"), "{error}");
    let error = upsert.await.unwrap_err();
    assert!(matches!(error, Error::IncompleteUpsert { .. }), "{error:?}");
    assert_eq!(Visit::get(&db, "/about").await.unwrap(), None);
}
