//! Mistakes refused before any request, each as `Error::InvalidRequest` (400) naming what to do,
//! and the errors after a request that name what happened: a missing table, an existing item
//! in a transaction's `create`.

use dynamo_model::Operation;
use dynamo_model::error::CancelReason;
use dynamo_model::expr::Update;
use dynamo_model::ops::Transaction;
use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "notes")]
struct Note {
    #[dynamo(partition_key)]
    owner: String,
    #[dynamo(sort_key)]
    id: u32,
    text: String,
}

fn note(id: u32) -> Note {
    Note {
        owner: "ann".into(),
        id,
        text: "hello".into(),
    }
}

/// The reason of a refused request, after checking it is one of `operation`, answered 400.
fn refused(error: Error, operation: Operation) -> String {
    assert_eq!(error.http_status(), 400, "{error}");
    match error {
        Error::InvalidRequest {
            operation: o,
            reason,
        } if o == operation => reason,
        other => panic!("expected {operation} refused before sending, got {other:?}"),
    }
}

// Each test below runs on a `Db` whose tables do not exist: a request that was sent would fail
// with `TableNotFound`, so a refusal shows that nothing was sent.

#[tokio::test]
async fn a_page_size_of_zero_is_refused() {
    let db = db();
    let error = Note::query(&db, "ann").page_size(0).await.unwrap_err();
    let reason = refused(error, Operation::Query);
    assert!(
        reason.starts_with("`page_size(0)` reads nothing"),
        "{reason}"
    );
    let error = Note::scan(&db).page_size(0).page(None).await.unwrap_err();
    refused(error, Operation::Scan);
}

#[tokio::test]
async fn a_query_filter_on_the_query_s_own_key_is_refused() {
    let db = db();
    let f = Note::fields();
    let error = Note::query(&db, "ann")
        .filter(f.id.gt(3u32))
        .await
        .unwrap_err();
    let reason = refused(error, Operation::Query);
    assert_eq!(
        reason,
        "a query's filter cannot use the key attribute `id`, which DynamoDB refuses: narrow the sort key with `.sort_key(..)`, and give the partition key to `query(..)`"
    );
}

#[tokio::test]
async fn a_transaction_touching_one_item_twice_is_refused() {
    let db = db();
    let f = Note::fields();
    let error = Transaction::new(&db)
        .put(&mut note(1))
        .put(&mut note(2))
        .update::<Note>(("ann", 1), Update::new().set(&f.text, "again"))
        .await
        .unwrap_err();
    let reason = refused(error, Operation::TransactWriteItems);
    assert_eq!(
        reason,
        format!(
            "actions 0 and 2 both touch the item with key `id = 1, owner = \"ann\"` in table `{}`, and DynamoDB refuses a transaction that touches one item twice: merge them into one action",
            db.table_name("notes")
        )
    );
}

#[tokio::test]
async fn a_missing_table_is_named_with_what_to_do() {
    let db = db();
    let error = note(1).put(&db).await.unwrap_err();
    assert!(
        matches!(&error, Error::TableNotFound { operation: Operation::PutItem, table, .. } if *table == db.table_name("notes")),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    let error = Transaction::new(&db).put(&mut note(1)).await.unwrap_err();
    assert!(
        error.to_string().starts_with(
            "a table the transaction addresses does not exist (TransactWriteItems): create it"
        ),
        "{error}"
    );
}

#[tokio::test]
async fn a_transaction_create_of_an_existing_item_says_it_exists() {
    let db = db();
    Note::table().create(&db).await.unwrap();
    note(1).create(&db).await.unwrap();
    let error = Transaction::new(&db)
        .create(&mut note(2))
        .create(&mut note(1))
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = &error else {
        panic!("expected a cancelled transaction, got {error:?}");
    };
    assert_eq!(reasons[0], CancelReason::None);
    assert_eq!(
        reasons[1],
        CancelReason::AlreadyExists {
            table: db.table_name("notes"),
            model: "Note",
        }
    );
    assert_eq!(
        error.to_string(),
        format!(
            "the transaction was cancelled: action 1: a `Note` with this key already exists in table `{}`",
            db.table_name("notes")
        )
    );
    assert!(error.is_conflict());
}
