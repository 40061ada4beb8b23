//! Return values of single-item writes: the old item of a put or delete, the new or old item or
//! attributes of an update.

use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "accounts")]
struct Account {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
    balance: i64,
}

#[derive(Projection, Debug, PartialEq)]
#[dynamo(model = Account)]
struct Balance {
    balance: i64,
}

fn account(balance: i64) -> Account {
    Account {
        id: "a".into(),
        owner: "ann".into(),
        balance,
    }
}

#[tokio::test]
async fn put_and_delete_give_the_item_they_replaced() {
    let db = db();
    Account::table().create(&db).await.unwrap();
    assert_eq!(account(1).put(&db).return_old().await.unwrap(), None);
    assert_eq!(
        account(2).put(&db).return_old().await.unwrap(),
        Some(account(1))
    );
    assert_eq!(
        Account::delete(&db, "a").return_old().await.unwrap(),
        Some(account(2))
    );
    assert_eq!(Account::delete(&db, "a").return_old().await.unwrap(), None);
}

#[tokio::test]
async fn updates_give_new_old_or_just_the_updated_attributes() {
    let db = db();
    Account::table().create(&db).await.unwrap();
    account(10).put(&db).await.unwrap();
    let f = Account::fields();

    let old = Account::update(&db, "a")
        .add(&f.balance, 5)
        .return_old()
        .await
        .unwrap();
    assert_eq!(old, Some(account(10)));
    let new: Account = Account::update(&db, "a").add(&f.balance, 5).await.unwrap();
    assert_eq!(new, account(20));
    let updated: Balance = Account::update(&db, "a")
        .add(&f.balance, 5)
        .return_updated()
        .await
        .unwrap();
    assert_eq!(updated, Balance { balance: 25 });
    let before: Option<Balance> = Account::update(&db, "a")
        .add(&f.balance, 5)
        .return_updated_old()
        .await
        .unwrap();
    assert_eq!(before, Some(Balance { balance: 25 }));
    let as_projection: Balance = Account::update(&db, "a")
        .add(&f.balance, 1)
        .return_new()
        .await
        .unwrap();
    assert_eq!(as_projection, Balance { balance: 31 });
}
