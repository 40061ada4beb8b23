//! Optimistic locking: a `#[dynamo(version)]` model is written only at the version it was read
//! at, every write bumps the version, and a lost race is a `VersionConflict`.

use std::sync::Arc;

use dynamo_model::AttributeValue;
use dynamo_model::error::CancelReason;
use dynamo_model::expr::Update;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;
use tests::{db, get_raw};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "counters")]
struct Counter {
    #[dynamo(partition_key)]
    id: String,
    count: u64,
    #[dynamo(version)]
    version: u64,
}

fn counter(id: &str) -> Counter {
    Counter {
        id: id.into(),
        count: 0,
        version: 0,
    }
}

fn is_conflict(error: &Error, expected: u64, found: Option<u64>) -> bool {
    matches!(error, Error::VersionConflict { expected: e, found: f, .. } if *e == expected && *f == found)
}

#[tokio::test]
async fn puts_check_and_bump_the_version() {
    let db = db();
    Counter::table().create(&db).await.unwrap();
    assert_eq!(Counter::SCHEMA.version, Some("version"));

    let mut first = counter("c");
    first.create(&db).await.unwrap();
    assert_eq!(first.version, 1, "the model holds the version it wrote");
    let stored = get_raw(&db, "counters", ("id", AttributeValue::S("c".into())))
        .await
        .unwrap();
    assert_eq!(stored["version"], AttributeValue::N("1".into()));

    // A stale copy (read before the write) loses.
    let mut stale = counter("c");
    let error = stale.put(&db).await.unwrap_err();
    assert!(is_conflict(&error, 0, Some(1)), "{error:?}");
    assert_eq!(stale.version, 0, "a failed write leaves the version alone");

    let mut read = Counter::get(&db, "c").await.unwrap().unwrap();
    read.count = 5;
    read.put(&db).await.unwrap();
    assert_eq!(read.version, 2);
    first.count = 9;
    let error = first.put(&db).await.unwrap_err();
    assert!(is_conflict(&error, 1, Some(2)), "{error:?}");

    // A user condition that fails is still a condition failure, not a version conflict.
    let f = Counter::fields();
    let error = read.put(&db).condition(f.count.gt(100)).await.unwrap_err();
    assert!(matches!(error, Error::ConditionFailed { .. }), "{error:?}");

    // Deleted items conflict too: version 2 expected, no item found.
    Counter::delete(&db, "c").await.unwrap();
    let error = read.put(&db).await.unwrap_err();
    assert!(is_conflict(&error, 2, None), "{error:?}");
}

#[tokio::test]
async fn updates_bump_the_version_and_check_it_when_asked() {
    let db = db();
    Counter::table().create(&db).await.unwrap();
    let mut c = counter("c");
    c.put(&db).await.unwrap();
    let f = Counter::fields();

    let updated = Counter::update(&db, "c")
        .increment(&f.count, 1)
        .await
        .unwrap();
    assert_eq!((updated.count, updated.version), (1, 2));

    let updated = Counter::update(&db, "c")
        .increment(&f.count, 1)
        .if_version(2)
        .await
        .unwrap();
    assert_eq!(updated.version, 3);
    let error = Counter::update(&db, "c")
        .increment(&f.count, 1)
        .if_version(2)
        .await
        .unwrap_err();
    assert!(is_conflict(&error, 2, Some(3)), "{error:?}");

    // `modify` updates at the model's own version.
    let stale = c.clone();
    let error = stale
        .update_item(&db)
        .increment(&f.count, 1)
        .await
        .unwrap_err();
    assert!(is_conflict(&error, 1, Some(3)), "{error:?}");
    let fresh = Counter::get(&db, "c").await.unwrap().unwrap();
    let modified = fresh.update_item(&db).increment(&f.count, 1).await.unwrap();
    assert_eq!((modified.count, modified.version), (3, 4));

    // Deletes: by key with a version, or the model's own `remove`.
    let error = Counter::delete(&db, "c").if_version(1).await.unwrap_err();
    assert!(is_conflict(&error, 1, Some(4)), "{error:?}");
    let current = Counter::get(&db, "c").await.unwrap().unwrap();
    let error = c.delete_item(&db).await.unwrap_err();
    assert!(is_conflict(&error, 1, Some(4)), "{error:?}");
    current.delete_item(&db).await.unwrap();
    assert_eq!(Counter::get(&db, "c").await.unwrap(), None);
}

#[tokio::test]
async fn transactions_carry_the_version_condition() {
    let db = db();
    Counter::table().create(&db).await.unwrap();
    let mut a = counter("a");
    let mut b = counter("b");
    Transaction::new(&db)
        .put(&mut a)
        .create(&mut b)
        .await
        .unwrap();
    assert_eq!((a.version, b.version), (1, 1));

    let mut stale = counter("a");
    let f = Counter::fields();
    let error = Transaction::new(&db)
        .put(&mut stale)
        .update::<Counter>("b", Update::new().increment(&f.count, 1))
        .if_version(1)
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = error else {
        panic!("expected a cancelled transaction, got {error:?}");
    };
    assert_eq!(
        reasons[0],
        CancelReason::VersionConflict {
            expected: 0,
            found: Some(1)
        }
    );
    assert_eq!(reasons[1], CancelReason::None);
    assert_eq!(stale.version, 0);

    Transaction::new(&db)
        .update::<Counter>("b", Update::new().increment(&f.count, 1))
        .if_version(1)
        .delete::<Counter>("a")
        .if_version(1)
        .await
        .unwrap();
    let b = Counter::get(&db, "b").await.unwrap().unwrap();
    assert_eq!((b.count, b.version), (1, 2));
    assert_eq!(Counter::get(&db, "a").await.unwrap(), None);

    // A batch cannot carry the condition: it writes version + 1 unconditionally.
    let mut blind = counter("b");
    let written = BatchWrite::new(&db).put(&mut blind).await.unwrap();
    assert!(written.is_complete(), "{written:?}");
    assert_eq!(blind.version, 1);
    assert_eq!(Counter::get(&db, "b").await.unwrap().unwrap().version, 1);
}

// Two worker threads: the writers race in parallel, not only interleaved at their awaits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_tasks_increment_one_counter_without_losing_a_write() {
    const TASKS: u64 = 32;
    const INCREMENTS: u64 = 3;
    let db = Arc::new(db());
    Counter::table().create(&db).await.unwrap();
    counter("shared").create(&db).await.unwrap();

    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let db = Arc::clone(&db);
            tokio::spawn(async move {
                let mut conflicts = 0;
                for _ in 0..INCREMENTS {
                    loop {
                        let mut current = Counter::get(&db, "shared")
                            .consistent_read(true)
                            .await?
                            .expect("the counter exists");
                        current.count += 1;
                        match current.put(&db).await {
                            Ok(()) => break,
                            Err(Error::VersionConflict { .. }) => conflicts += 1,
                            Err(other) => return Err(other),
                        }
                    }
                }
                Ok::<u64, Error>(conflicts)
            })
        })
        .collect();
    let mut conflicts = 0;
    for task in tasks {
        conflicts += task.await.unwrap().unwrap();
    }
    let end = Counter::get(&db, "shared")
        .consistent_read(true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(end.count, TASKS * INCREMENTS);
    assert_eq!(end.version, TASKS * INCREMENTS + 1);
    // With 32 writers on one item, some must have lost a race and retried.
    assert!(conflicts > 0, "no conflicts: the test did not race");
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "small_counters")]
struct SmallCounter {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(version)]
    version: u8,
    #[dynamo(default)]
    hits: u32,
}

#[tokio::test]
async fn a_version_at_its_types_limit_refuses_the_write_instead_of_storing_an_unreadable_one() {
    let db = db();
    SmallCounter::table().create(&db).await.unwrap();
    let mut small = SmallCounter {
        id: "s".into(),
        version: 0,
        hits: 0,
    };
    small.put(&db).await.unwrap();
    // What 254 more writes would reach, without making them: the stored item at 255.
    tests::put_raw(
        &db,
        "small_counters",
        [
            ("id".to_owned(), AttributeValue::S("s".into())),
            ("version".to_owned(), AttributeValue::N("255".into())),
        ]
        .into(),
    )
    .await;
    let mut at_limit = SmallCounter::get(&db, "s").await.unwrap().unwrap();
    assert_eq!(at_limit.version, 255);
    let error = at_limit.put(&db).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::VersionExhausted {
                attribute: "version",
                max: 255,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("widen the field's type"),
        "{error}"
    );
    // An update, which adds 1 to the stored version, is refused by DynamoDB at the limit.
    let f = SmallCounter::fields();
    let error = SmallCounter::update(&db, "s")
        .add(&f.hits, 1)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::VersionExhausted {
                attribute: "version",
                max: 255,
                ..
            }
        ),
        "{error:?}"
    );
    let error = Transaction::new(&db)
        .update::<SmallCounter>("s", Update::new().add(&f.hits, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::TransactionCanceled { .. }),
        "{error:?}"
    );
    // Nothing was written: the item still reads.
    assert_eq!(
        SmallCounter::get(&db, "s")
            .await
            .unwrap()
            .map(|c| (c.version, c.hits)),
        Some((255, 0))
    );
    // Below the limit an update still bumps the version.
    tests::put_raw(
        &db,
        "small_counters",
        [
            ("id".to_owned(), AttributeValue::S("s".into())),
            ("version".to_owned(), AttributeValue::N("254".into())),
        ]
        .into(),
    )
    .await;
    let bumped = SmallCounter::update(&db, "s")
        .add(&f.hits, 1)
        .await
        .unwrap();
    assert_eq!((bumped.version, bumped.hits), (255, 1));
}
