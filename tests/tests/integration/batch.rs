//! Batch reads and writes of many items against the local engine: chunking, duplicates, several
//! tables, every key and write accounted for, hooks run when sent. (Retry of unprocessed items
//! is unit-tested in the library: the local engine never throttles, so it never returns
//! unprocessed items.)

use dynamo_model::ops::{BatchWrite, WriteOutcome};
use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, HookError, Item};
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "pets")]
struct Pet {
    #[dynamo(partition_key)]
    id: u32,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "owners")]
struct Owner {
    #[dynamo(partition_key)]
    name: String,
    #[dynamo(sort_key)]
    since: i64,
}

/// A model whose table no test creates: a call that writes to it fails.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "strays")]
struct Stray {
    #[dynamo(partition_key)]
    id: u32,
}

/// A versioned model whose hooks leave a trace on it.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "tallies", hooks)]
struct Tally {
    #[dynamo(partition_key)]
    id: u32,
    #[dynamo(version)]
    version: u64,
    before_saves: u32,
}

impl Hooks for Tally {
    fn before_save(&mut self) -> Result<(), HookError> {
        self.before_saves += 1;
        Ok(())
    }

    fn after_save(&self) -> Result<(), HookError> {
        if self.id == 13 {
            return Err("13 is unlucky".into());
        }
        Ok(())
    }
}

fn tally(id: u32) -> Tally {
    Tally {
        id,
        version: 0,
        before_saves: 0,
    }
}

fn pet(id: u32) -> Pet {
    Pet {
        id,
        name: format!("pet {id}"),
    }
}

async fn tables() -> Db {
    let db = db();
    Pet::table().create(&db).await.unwrap();
    Owner::table().create(&db).await.unwrap();
    db
}

#[tokio::test]
async fn a_thousand_items_are_written_and_read_in_chunks() {
    let db = tables().await;
    let mut pets: Vec<Pet> = (0..1200).map(pet).collect();
    let batch = BatchWrite::new(&db).put_all(&mut pets).concurrency(8);
    assert_eq!(batch.requests().unwrap().len(), 1200);
    let written = batch.await.unwrap();
    assert!(written.is_complete(), "{written:?}");
    assert_eq!(Pet::scan(&db).count().await.unwrap(), 1200);

    // 1,250 keys: 50 have no item, and every key of 0..100 appears twice.
    let keys: Vec<u32> = (0..1250).chain(0..100).collect();
    let got = Pet::batch_get(&db, keys).concurrency(6).await.unwrap();
    assert!(got.unprocessed.is_empty());
    assert!(got.is_complete());
    let ids: Vec<u32> = got.items.iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        (0..1200).collect::<Vec<_>>(),
        "each found item once, in the order of the keys"
    );
    let missing: Vec<Item> = (1200..1250).map(|id| Pet::key_item(id).unwrap()).collect();
    assert_eq!(got.missing, missing, "the keys with no item, in order");
}

#[tokio::test]
async fn a_failed_call_fails_only_its_own_writes_and_says_which() {
    let db = tables().await;
    // 25 pets fill the first call; the strays' table does not exist, so the second call fails.
    let mut pets: Vec<Pet> = (0..25).map(pet).collect();
    let mut strays: Vec<Stray> = (0..5).map(|id| Stray { id }).collect();
    let written = BatchWrite::new(&db)
        .put_all(&mut pets)
        .put_all(&mut strays)
        .await
        .expect("a batch that started sending reports per write, never one error");
    assert_eq!(written.outcomes.len(), 30, "one outcome per write");
    assert!(
        written.outcomes[..25]
            .iter()
            .all(|o| matches!(o, WriteOutcome::Written))
    );
    let failed: Vec<usize> = written.failed().map(|(i, _, _)| i).collect();
    assert_eq!(failed, (25..30).collect::<Vec<_>>());
    let (_, write, error) = written.failed().next().unwrap();
    assert!(write.table.ends_with("strays"), "{write:?}");
    assert!(
        matches!(
            error,
            Error::TableNotFound {
                operation: dynamo_model::Operation::BatchWriteItem,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(written.written(), 25);
    assert!(!written.is_complete());
    let error = written.ensure_complete().unwrap_err();
    assert!(
        matches!(
            error,
            Error::BatchIncomplete {
                written: 25,
                unprocessed: 0,
                failed: 5,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("5 failed"), "{error}");
    assert_eq!(Pet::scan(&db).count().await.unwrap(), 25);
}

#[tokio::test]
async fn a_batch_get_accounts_for_every_key() {
    let db = tables().await;
    let written = BatchWrite::new(&db)
        .put_all(&mut [pet(1), pet(2), pet(3)])
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    // An item the model cannot read: its name is a number.
    db.client()
        .put_item()
        .table_name(db.table_name_of::<Pet>())
        .item("id", AttributeValue::N("4".into()))
        .item("name", AttributeValue::N("4".into()))
        .send()
        .await
        .unwrap();

    let got = Pet::batch_get(&db, [3, 9, 1, 4, 3]).await.unwrap();
    assert_eq!(
        got.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        [3, 1],
        "in key order, 3 once"
    );
    assert_eq!(got.missing, [Pet::key_item(9).unwrap()]);
    assert!(got.unprocessed.is_empty());
    assert_eq!(got.failed.len(), 1, "{:?}", got.failed);
    assert_eq!(got.failed[0].key, Pet::key_item(4).unwrap());
    assert!(
        got.failed[0].error.to_string().contains("name"),
        "the error names the attribute: {}",
        got.failed[0].error
    );
    assert!(!got.is_complete());

    // A table that does not exist fails every key, each with the error.
    let got = Stray::batch_get(&db, [1, 2]).await.unwrap();
    assert_eq!(got.failed.len(), 2);
    assert!(got.items.is_empty() && got.missing.is_empty());
}

#[tokio::test]
async fn batch_puts_run_their_behaviours_when_sent_and_after_save_when_written() {
    let db = db();
    Tally::table().create(&db).await.unwrap();
    let (mut a, mut b, mut unlucky) = (tally(1), tally(2), tally(13));
    let batch = BatchWrite::new(&db)
        .put(&mut a)
        .put(&mut b)
        .put(&mut unlucky);
    let requests = batch.requests().unwrap();
    assert_eq!(requests.len(), 3);
    let sent = requests[0].request.put_request().unwrap();
    assert_eq!(
        sent.item()["before_saves"],
        AttributeValue::N("0".into()),
        "requests() runs no hook"
    );
    let written = batch.await.unwrap();
    assert_eq!(written.written(), 3);
    assert_eq!((a.before_saves, a.version), (1, 1), "before_save ran once");
    assert_eq!((b.before_saves, b.version), (1, 1));
    let stored = Tally::get(&db, 1).await.unwrap().unwrap();
    assert_eq!((stored.before_saves, stored.version), (1, 1));
    // The unlucky after_save failed: reported by index, after the write, not instead of it.
    assert_eq!(written.hook_errors.len(), 1);
    assert_eq!(written.hook_errors[0].0, 2);
    assert!(!written.is_complete());
    assert!(Tally::get(&db, 13).await.unwrap().is_some());

    // A put whose call fails keeps its version, since nothing was written, and runs no
    // after_save. (Another prefix: its table does not exist.)
    let elsewhere = tests::db();
    let mut lost = tally(5);
    let written = BatchWrite::new(&elsewhere).put(&mut lost).await.unwrap();
    assert_eq!(written.failed().count(), 1);
    assert!(written.hook_errors.is_empty());
    assert_eq!((lost.before_saves, lost.version), (1, 0));
}

#[tokio::test]
async fn the_later_write_of_a_key_wins() {
    let db = tables().await;
    let written = BatchWrite::new(&db)
        .put(&mut pet(1))
        .put(&mut Pet {
            id: 1,
            name: "renamed".into(),
        })
        .put(&mut pet(2))
        .delete::<Pet>(2)
        .delete::<Pet>(3)
        .put(&mut pet(3))
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    assert_eq!(
        Pet::get(&db, 1).await.unwrap().map(|p| p.name),
        Some("renamed".into())
    );
    assert_eq!(Pet::get(&db, 2).await.unwrap(), None);
    assert_eq!(Pet::get(&db, 3).await.unwrap(), Some(pet(3)));
}

#[tokio::test]
async fn one_batch_writes_to_several_tables() {
    let db = tables().await;
    let mut owners: Vec<Owner> = (0..30)
        .map(|i| Owner {
            name: format!("o{}", i % 3),
            since: i,
        })
        .collect();
    let mut pets: Vec<Pet> = (0..30).map(pet).collect();
    let batch = BatchWrite::new(&db)
        .put_all(&mut owners)
        .put_all(&mut pets)
        .delete::<Owner>(("o0", 0));
    let requests = batch.requests().unwrap();
    assert_eq!(
        requests.len(),
        60,
        "the put of (o0, 0) is replaced by its delete"
    );
    assert!(requests.iter().any(|r| r.table.ends_with("owners")));
    assert!(batch.await.unwrap().is_complete());
    assert_eq!(Owner::query(&db, "o0").count().await.unwrap(), 9);
    assert_eq!(Pet::scan(&db).count().await.unwrap(), 30);
}

#[tokio::test]
async fn batch_gets_read_projections() {
    #[derive(Projection, Debug)]
    #[dynamo(model = Pet)]
    struct Name {
        name: String,
    }
    let db = tables().await;
    let written = BatchWrite::new(&db)
        .put_all(&mut [pet(7), pet(8)])
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    let got = Pet::batch_get(&db, [7, 8]).project::<Name>().await.unwrap();
    let mut names: Vec<String> = got.items.into_iter().map(|n| n.name).collect();
    names.sort();
    assert_eq!(names, ["pet 7", "pet 8"]);
}
