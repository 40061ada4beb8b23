//! Every future the library returns is boxed or small, so that a handler awaiting many of them
//! (an HTTP API's routes in one function) fits a default thread's stack in a debug build.

use std::future::IntoFuture;
use std::mem::size_of_val;

use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "sized",
    global_index(name = "by_kind", partition_key = "kind")
)]
struct Sized {
    #[dynamo(partition_key)]
    id: String,
    kind: String,
    n: u32,
    parent: Option<Ref<Sized>>,
}

fn sized(id: &str) -> Sized {
    Sized {
        id: id.into(),
        kind: "k".into(),
        n: 1,
        parent: None,
    }
}

/// The largest a future may be.
const SMALL: usize = 1024;

#[test]
fn the_futures_of_every_operation_are_under_a_kilobyte() {
    let db = tests::db();
    let f = Sized::fields();
    let mut item = sized("a");
    let mut other = sized("b");
    let loaded = sized("l");
    let sizes = [
        ("get", size_of_val(&Sized::get(&db, "a").into_future())),
        ("put", size_of_val(&item.put(&db).into_future())),
        ("create", size_of_val(&sized("c").create(&db).into_future())),
        (
            "update",
            size_of_val(&Sized::update(&db, "a").increment(&f.n, 1).into_future()),
        ),
        (
            "delete",
            size_of_val(&Sized::delete(&db, "a").into_future()),
        ),
        ("query", size_of_val(&Sized::query(&db, "a").into_future())),
        (
            "query page",
            size_of_val(&Sized::query(&db, "a").page(None)),
        ),
        ("query count", size_of_val(&Sized::query(&db, "a").count())),
        ("query first", size_of_val(&Sized::query(&db, "a").first())),
        ("query one", size_of_val(&Sized::query(&db, "a").one())),
        (
            "index query page",
            size_of_val(&Sized::indexes().by_kind.query(&db, "k").page(None)),
        ),
        ("scan", size_of_val(&Sized::scan(&db).into_future())),
        ("scan page", size_of_val(&Sized::scan(&db).page(None))),
        ("scan count", size_of_val(&Sized::scan(&db).count())),
        (
            "batch get",
            size_of_val(&Sized::batch_get(&db, ["a", "b"]).into_future()),
        ),
        (
            "batch write",
            size_of_val(&BatchWrite::new(&db).put(&mut other).into_future()),
        ),
        (
            "transaction",
            size_of_val(&Transaction::new(&db).delete::<Sized>("a").into_future()),
        ),
        (
            "return_old",
            size_of_val(&Sized::delete(&db, "a").return_old()),
        ),
        (
            "return_new",
            size_of_val(&Sized::update(&db, "a").return_new::<Sized>()),
        ),
        (
            "populate",
            size_of_val(
                &Sized::populate(&db, vec![sized("p")], Sized::relations().parent).into_future(),
            ),
        ),
        (
            "load",
            size_of_val(&loaded.load(&db, Sized::relations().parent).into_future()),
        ),
        ("table create", size_of_val(&Sized::table().create(&db))),
        ("table sync", size_of_val(&Sized::table().sync(&db))),
        ("Db::from_env", size_of_val(&dynamo_model::Db::from_env())),
    ];
    let large: Vec<_> = sizes.iter().filter(|(_, size)| *size > SMALL).collect();
    assert!(large.is_empty(), "futures over {SMALL} bytes: {large:?}");
}

/// What a handler does in one function: forty library calls of every kind, awaited in turn, as
/// an HTTP API's routes written in one `match` would.
async fn forty_calls(db: &dynamo_model::Db) -> Result<usize, Error> {
    let f = Sized::fields();
    Sized::table().create_if_missing(db).await?;
    Sized::table().sync(db).await?;
    Sized::table().describe(db).await?;
    Sized::table().verify(db).await?;
    let mut done = 4;
    for id in ["a", "b", "c"] {
        sized(id).create(db).await?;
        sized(id).put(db).await?;
        Sized::get(db, id).consistent_read(true).await?;
        Sized::update(db, id).increment(&f.n, 1).await?;
        done += 4;
    }
    Sized::update(db, "a")
        .set(&f.kind, "k")
        .return_old()
        .await?;
    Sized::update(db, "a")
        .increment(&f.n, 1)
        .return_new::<Sized>()
        .await?;
    sized("a").put(db).return_old().await?;
    Sized::query(db, "a").await?;
    Sized::query(db, "a").page(None).await?;
    Sized::query(db, "a").count().await?;
    Sized::query(db, "a").first().await?;
    Sized::query(db, "a").one().await?;
    Sized::indexes().by_kind.query(db, "k").await?;
    Sized::indexes().by_kind.query(db, "k").page(None).await?;
    Sized::scan(db).await?;
    Sized::scan(db).page(None).await?;
    Sized::scan(db).count().await?;
    Sized::scan(db).first().await?;
    let got = Sized::batch_get(db, ["a", "b"]).await?;
    assert!(got.is_complete());
    BatchWrite::new(db)
        .put(&mut sized("d"))
        .await?
        .ensure_complete()?;
    Transaction::new(db)
        .put(&mut sized("e"))
        .delete::<Sized>("d")
        .await?;
    dynamo_model::ops::TransactionGet::new(db)
        .get::<Sized>("a")
        .await?;
    let item = Sized::get(db, "b").await?.ok_or(Error::NotFound {
        table: "sized".into(),
    })?;
    item.update_item(db).increment(&f.n, 1).await?;
    item.delete_item(db).await?;
    Sized::delete(db, "c").return_old().await?;
    Sized::delete(db, "e").await?;
    done += 25;
    Ok(done)
}

/// A handler of forty calls runs on a default `#[tokio::test]` thread (2 MiB of stack in a debug
/// build), and its future is small.
#[tokio::test]
async fn a_handler_of_forty_calls_fits_a_test_thread_s_stack() {
    let db = tests::db();
    let handler = forty_calls(&db);
    let size = size_of_val(&handler);
    assert!(size <= 4 * SMALL, "the handler's future is {size} bytes");
    assert_eq!(handler.await.unwrap(), 41);
}
