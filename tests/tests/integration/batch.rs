//! Batch reads and writes of many items against the local engine: chunking, duplicates, several
//! tables. (Retry of unprocessed items is unit-tested in the library: the local engine never
//! throttles, so it never returns unprocessed items.)

use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "pets")]
struct Pet {
    #[dynamo(hash_key)]
    id: u32,
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "owners")]
struct Owner {
    #[dynamo(hash_key)]
    name: String,
    #[dynamo(range_key)]
    since: i64,
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
    assert!(written.unprocessed.is_empty());
    assert_eq!(Pet::scan(&db).count().await.unwrap(), 1200);

    // 1,250 keys: 50 have no item, and every key of 0..100 appears twice.
    let keys: Vec<u32> = (0..1250).chain(0..100).collect();
    let got = Pet::batch_get(&db, keys).concurrency(6).await.unwrap();
    assert!(got.unprocessed.is_empty());
    let mut ids: Vec<u32> = got.items.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        (0..1200).collect::<Vec<_>>(),
        "each found item once, missing keys absent"
    );
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
    assert!(written.unprocessed.is_empty());
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
    assert!(batch.await.unwrap().unprocessed.is_empty());
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
    assert!(written.unprocessed.is_empty());
    let got = Pet::batch_get(&db, [7, 8]).project::<Name>().await.unwrap();
    let mut names: Vec<String> = got.items.into_iter().map(|n| n.name).collect();
    names.sort();
    assert_eq!(names, ["pet 7", "pet 8"]);
}
