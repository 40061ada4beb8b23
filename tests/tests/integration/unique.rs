//! Unique attributes: marker items written in one transaction with the item keep two items
//! from holding one value, move with a changed value, go with a deleted item, and find the
//! item holding a value.

use dynamo_model::expr::Update;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;
use dynamo_model::{Operation, SharedTable};
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "users")]
struct User {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(unique)]
    email: String,
    #[dynamo(unique)]
    handle: Option<String>,
    name: String,
    #[dynamo(version)]
    version: u64,
}

fn user(id: &str, email: &str) -> User {
    User {
        id: id.into(),
        email: email.into(),
        handle: None,
        name: "Ann".into(),
        version: 0,
    }
}

async fn users() -> Db {
    let db = db();
    User::table().create(&db).await.unwrap();
    db
}

/// The attribute and value of an `AlreadyExists` for a unique value.
fn taken(error: &Error) -> Option<(&'static str, &str)> {
    match error {
        Error::AlreadyExists {
            unique: Some((attribute, value)),
            ..
        } => Some((*attribute, value.as_str())),
        _ => None,
    }
}

#[tokio::test]
async fn a_value_is_held_by_one_item_and_finds_it() {
    let db = users().await;
    let mut ann = user("u1", "ann@example.com");
    ann.handle = Some("ann".into());
    ann.create(&db).await.unwrap();
    let error = user("u2", "ann@example.com").create(&db).await.unwrap_err();
    assert_eq!(taken(&error), Some(("email", "\"ann@example.com\"")));
    assert_eq!(
        error.to_string(),
        format!(
            "a `User` with `email` \"ann@example.com\" already exists in table `{}`",
            db.table_name("users")
        )
    );
    assert!(error.is_conflict());
    assert_eq!(User::get(&db, "u2").await.unwrap(), None, "nothing written");
    // A put replacing another item is refused the same way.
    let error = user("u3", "ann@example.com").put(&db).await.unwrap_err();
    assert_eq!(taken(&error), Some(("email", "\"ann@example.com\"")));

    assert_eq!(
        User::get_by_email(&db, "ann@example.com").await.unwrap(),
        Some(ann.clone())
    );
    assert_eq!(User::get_by_handle(&db, "ann").await.unwrap(), Some(ann));
    assert_eq!(
        User::get_by_email(&db, "bob@example.com").await.unwrap(),
        None
    );
    // `None` holds no value: any number of items may leave it out.
    user("u4", "dan@example.com").create(&db).await.unwrap();
    user("u5", "eve@example.com").create(&db).await.unwrap();
}

#[tokio::test]
async fn of_concurrent_creates_with_one_email_exactly_one_wins() {
    let db = users().await;
    let creates = (0..8).map(|i| {
        let db = db.clone();
        tokio::spawn(async move {
            let mut candidate = user(&format!("u{i}"), "same@example.com");
            candidate.create(&db).await.map(|()| i)
        })
    });
    let results: Vec<_> = futures::future::join_all(creates).await;
    let (won, lost): (Vec<_>, Vec<_>) = results
        .into_iter()
        .map(|r| r.unwrap())
        .partition(Result::is_ok);
    assert_eq!(won.len(), 1, "{lost:?}");
    for error in lost.iter().map(|r| r.as_ref().unwrap_err()) {
        assert_eq!(
            taken(error),
            Some(("email", "\"same@example.com\"")),
            "{error:?}"
        );
    }
    let winner = format!("u{}", won[0].as_ref().unwrap());
    let holder = User::get_by_email(&db, "same@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(holder.id, winner);
}

#[tokio::test]
async fn a_changed_value_moves_its_marker() {
    let db = users().await;
    user("u1", "old@example.com").create(&db).await.unwrap();
    user("u2", "taken@example.com").create(&db).await.unwrap();
    let f = User::fields();

    // Changing to a value another item holds changes nothing.
    let error = User::update(&db, "u1")
        .set(&f.email, "taken@example.com")
        .await
        .unwrap_err();
    assert_eq!(taken(&error), Some(("email", "\"taken@example.com\"")));

    let changed = User::update(&db, "u1")
        .set(&f.email, "new@example.com")
        .await
        .unwrap();
    assert_eq!(
        (changed.email.as_str(), changed.version),
        ("new@example.com", 2)
    );
    assert_eq!(
        User::get_by_email(&db, "old@example.com").await.unwrap(),
        None
    );
    assert_eq!(
        User::get_by_email(&db, "new@example.com")
            .await
            .unwrap()
            .map(|u| u.id),
        Some("u1".to_owned())
    );
    // The old value is free again.
    user("u3", "old@example.com").create(&db).await.unwrap();

    // A put that changes it moves it too; unset frees an optional one.
    let mut u1 = User::get(&db, "u1").await.unwrap().unwrap();
    u1.email = "put@example.com".into();
    u1.handle = Some("one".into());
    u1.put(&db).await.unwrap();
    user("u4", "new@example.com").create(&db).await.unwrap();
    User::update(&db, "u1").unset(&f.handle).await.unwrap();
    let mut other = user("u5", "five@example.com");
    other.handle = Some("one".into());
    other.create(&db).await.unwrap();

    // A unique value changes by `set` or `unset` only.
    let error = User::update(&db, "u1")
        .set(&f.email, &f.name)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                operation: Operation::UpdateItem,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_deleted_item_frees_its_values() {
    let db = users().await;
    let mut ann = user("u1", "ann@example.com");
    ann.handle = Some("ann".into());
    ann.create(&db).await.unwrap();
    User::delete(&db, "u1").await.unwrap();
    assert_eq!(
        User::get_by_email(&db, "ann@example.com").await.unwrap(),
        None
    );
    let mut again = user("u2", "ann@example.com");
    again.handle = Some("ann".into());
    again.create(&db).await.unwrap();
    // Deleting an absent item changes nothing, as a plain delete.
    User::delete(&db, "u9").await.unwrap();
}

#[tokio::test]
async fn batches_and_transactions_refuse_what_would_skip_the_markers() {
    let db = users().await;
    let f = User::fields();
    let error = BatchWrite::new(&db)
        .put(&mut user("u1", "a@example.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                operation: Operation::BatchWriteItem,
                ..
            }
        ),
        "{error:?}"
    );
    let error = Transaction::new(&db)
        .update::<User>("u1", Update::new().set(&f.email, "b@example.com"))
        .await
        .unwrap_err();
    let Error::InvalidRequest { operation, reason } = &error else {
        panic!("expected a refused transaction, got {error:?}");
    };
    assert_eq!(*operation, Operation::TransactWriteItems);
    assert_eq!(
        reason,
        "an update of a unique attribute of `User`, whose unique attributes (`email`, `handle`) are kept by marker items, cannot be in a transaction: write it on its own (`put`, `create`, `update`, `delete`), which keeps its markers in a transaction of its own"
    );
    // An update of other attributes is fine in a transaction.
    user("u1", "a@example.com").create(&db).await.unwrap();
    Transaction::new(&db)
        .update::<User>("u1", Update::new().set(&f.name, "Annie"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_marker_table_comes_and_goes_with_the_table() {
    let db = users().await;
    let markers = || async {
        db.client()
            .describe_table()
            .table_name(db.table_name("users-unique"))
            .send()
            .await
    };
    assert!(markers().await.is_ok());
    User::table().create_if_missing(&db).await.unwrap();
    User::table().delete(&db).await.unwrap();
    assert!(markers().await.is_err());
}

#[derive(SharedTable)]
#[dynamo(name = "app", partition_key = "pk", sort_key = "sk", entities(Member))]
struct App;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = App, entity = "member", partition_key = "MEMBER#{id}", sort_key = "PROFILE")]
struct Member {
    id: String,
    #[dynamo(unique)]
    email: String,
}

#[tokio::test]
async fn unique_values_work_in_a_shared_table() {
    let db = db();
    Member::table().create(&db).await.unwrap();
    let mut ann = Member {
        id: "m1".into(),
        email: "ann@example.com".into(),
    };
    ann.create(&db).await.unwrap();
    let error = Member {
        id: "m2".into(),
        email: "ann@example.com".into(),
    }
    .create(&db)
    .await
    .unwrap_err();
    assert_eq!(taken(&error), Some(("email", "\"ann@example.com\"")));
    assert_eq!(
        Member::get_by_email(&db, "ann@example.com").await.unwrap(),
        Some(ann)
    );
}
