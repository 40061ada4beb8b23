//! Transactions against the local engine: all-or-nothing writes across tables, reads, idempotency,
//! and each cancellation reason that can be provoked here.

use std::future::IntoFuture;

use dynamo_model::error::CancelReason;
use dynamo_model::expr::Update;
use dynamo_model::ops::{Transaction, TransactionGet};
use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "accounts")]
struct Account {
    #[dynamo(partition_key)]
    id: String,
    balance: i64,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "transfers")]
struct Transfer {
    #[dynamo(partition_key)]
    id: String,
    amount: i64,
}

fn account(id: &str, balance: i64) -> Account {
    Account {
        id: id.into(),
        balance,
    }
}

async fn bank() -> Db {
    let db = db();
    Account::table().create(&db).await.unwrap();
    Transfer::table().create(&db).await.unwrap();
    account("alice", 100).put(&db).await.unwrap();
    account("bob", 0).put(&db).await.unwrap();
    db
}

/// A transfer of `record.amount` from alice to bob, recorded as `record`.
fn transfer<'a>(db: &'a Db, record: &'a mut Transfer) -> Transaction<'a> {
    let f = Account::fields();
    let amount = record.amount;
    Transaction::new(db)
        .update::<Account>("alice", Update::new().decrement(&f.balance, amount))
        .condition(f.balance.ge(amount))
        .update::<Account>("bob", Update::new().increment(&f.balance, amount))
        .create(record)
}

fn record(id: &str, amount: i64) -> Transfer {
    Transfer {
        id: id.into(),
        amount,
    }
}

async fn balances(db: &Db) -> (i64, i64) {
    let mut items = TransactionGet::new(db)
        .get::<Account>("alice")
        .get::<Account>("bob")
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    let alice: Account = items.take(0).unwrap().unwrap();
    let bob: Account = items.take(1).unwrap().unwrap();
    (alice.balance, bob.balance)
}

#[tokio::test]
async fn writes_across_tables_apply_together() {
    let db = bank().await;
    transfer(&db, &mut record("t1", 30)).await.unwrap();
    assert_eq!(balances(&db).await, (70, 30));
    assert_eq!(
        Transfer::get(&db, "t1").await.unwrap().map(|t| t.amount),
        Some(30)
    );
}

#[tokio::test]
async fn a_failed_condition_cancels_everything_and_says_which_action() {
    let db = bank().await;
    let error = transfer(&db, &mut record("t1", 500)).await.unwrap_err();
    let Error::TransactionCanceled { reasons } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(reasons.len(), 3);
    assert!(
        matches!(reasons[0], CancelReason::ConditionFailed { .. }),
        "{reasons:?}"
    );
    assert_eq!(reasons[1], CancelReason::None);
    assert!(
        error.to_string().contains("action 0: condition failed"),
        "{error}"
    );
    assert_eq!(balances(&db).await, (100, 0), "nothing was written");
    assert_eq!(Transfer::get(&db, "t1").await.unwrap(), None);
}

#[tokio::test]
async fn a_failed_condition_can_carry_the_item() {
    let db = bank().await;
    let f = Account::fields();
    let error = Transaction::new(&db)
        .return_items_on_condition_failure()
        .check::<Account>("alice", f.balance.gt(1000))
        .put(&mut account("carol", 5))
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = error else {
        panic!()
    };
    match &reasons[0] {
        CancelReason::ConditionFailed { item: Some(item) } => {
            assert_eq!(
                Account::from_item(item.clone()).unwrap(),
                account("alice", 100)
            );
        }
        other => panic!("expected the item with the failure, got {other:?}"),
    }
    assert_eq!(Account::get(&db, "carol").await.unwrap(), None);
}

#[tokio::test]
async fn asking_for_items_last_in_the_chain_applies_to_every_action() {
    let db = bank().await;
    let f = Account::fields();
    let transaction = Transaction::new(&db)
        .check::<Account>("alice", f.balance.gt(1000))
        .return_items_on_condition_failure();
    let requests = transaction.requests().unwrap();
    let check = requests[0].condition_check().unwrap();
    assert_eq!(
        check.return_values_on_condition_check_failure(),
        Some(&dynamo_model::sdk::types::ReturnValuesOnConditionCheckFailure::AllOld)
    );
    let Error::TransactionCanceled { reasons } = transaction.await.unwrap_err() else {
        panic!()
    };
    assert!(
        matches!(&reasons[0], CancelReason::ConditionFailed { item: Some(item) } if item.contains_key("balance")),
        "{reasons:?}"
    );
}

/// DynamoDB answers an action that is invalid for the stored item with a cancellation reason
/// `ValidationError` (mapped to `CancelReason::Validation`); the local engine may answer it with a
/// plain ValidationException instead, which is what this test can check here.
#[tokio::test]
async fn an_action_invalid_for_the_stored_item_fails_the_transaction() {
    #[derive(Model, Debug)]
    #[dynamo(table = "accounts")]
    struct Loose {
        #[dynamo(partition_key)]
        id: String,
        bonus: Option<i64>,
    }
    let db = bank().await;
    let f = Loose::fields();
    // `bonus = bonus + 1` on an item without `bonus`.
    let error = Transaction::new(&db)
        .update::<Loose>("alice", Update::new().increment(&f.bonus, 1))
        .await
        .unwrap_err();
    match &error {
        Error::TransactionCanceled { reasons } => {
            assert!(
                matches!(&reasons[0], CancelReason::Validation { .. }),
                "{reasons:?}"
            )
        }
        Error::Sdk {
            operation: dynamo_model::Operation::TransactWriteItems,
            source,
            ..
        } => {
            assert!(
                source.to_string().contains("ValidationException")
                    || format!("{source:?}").contains("does not exist"),
                "{source:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(balances(&db).await, (100, 0));
}

#[tokio::test]
async fn concurrent_transactions_on_one_item_conflict_or_apply_in_turn() {
    let db = bank().await;
    let f = Account::fields();
    let runs = (0..16).map(|_| {
        Transaction::new(&db)
            .update::<Account>("alice", Update::new().decrement(&f.balance, 1))
            .update::<Account>("bob", Update::new().increment(&f.balance, 1))
            .into_future()
    });
    let results = futures::future::join_all(runs).await;
    let applied = results.iter().filter(|r| r.is_ok()).count() as i64;
    for result in &results {
        if let Err(error) = result {
            let Error::TransactionCanceled { reasons } = error else {
                panic!("{error:?}")
            };
            assert!(reasons.contains(&CancelReason::Conflict), "{reasons:?}");
        }
    }
    assert_eq!(
        balances(&db).await,
        (100 - applied, applied),
        "each applied transfer counted once"
    );
}

#[tokio::test]
async fn create_and_delete_take_part_in_a_transaction() {
    let db = bank().await;
    let f = Account::fields();
    Transaction::new(&db)
        .create(&mut account("carol", 1))
        .delete::<Account>("bob")
        .condition(f.balance.eq(0))
        .put(&mut account("alice", 99))
        .condition(f.balance.eq(100))
        .await
        .unwrap();
    assert_eq!(
        Account::get(&db, "carol").await.unwrap(),
        Some(account("carol", 1))
    );
    assert_eq!(Account::get(&db, "bob").await.unwrap(), None);
    let again = Transaction::new(&db)
        .create(&mut account("carol", 2))
        .await
        .unwrap_err();
    assert!(matches!(again, Error::TransactionCanceled { .. }));
}

#[tokio::test]
async fn an_idempotency_token_makes_a_retry_harmless() {
    if tests::gaps::lacks(
        &tests::gaps::IDEMPOTENCY_TOKENS,
        "transactions::an_idempotency_token_makes_a_retry_harmless",
    ) {
        return;
    }
    let db = bank().await;
    transfer(&db, &mut record("t1", 10))
        .idempotency_token("transfer-t1")
        .await
        .unwrap();
    transfer(&db, &mut record("t1", 10))
        .idempotency_token("transfer-t1")
        .await
        .unwrap();
    assert_eq!(
        balances(&db).await,
        (90, 10),
        "the second run changed nothing"
    );
}

#[tokio::test]
async fn a_condition_applies_to_the_action_before_it_and_a_misplaced_one_is_refused() {
    let db = bank().await;
    let f = Account::fields();
    // The condition on alice holds, the one on bob does not: only bob's action fails.
    let error = Transaction::new(&db)
        .update::<Account>("alice", Update::new().decrement(&f.balance, 1))
        .condition(f.balance.ge(1))
        .update::<Account>("bob", Update::new().increment(&f.balance, 1))
        .condition(f.balance.ge(1))
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = error else {
        panic!("expected a cancelled transaction, got {error:?}");
    };
    assert_eq!(reasons[0], CancelReason::None);
    assert!(
        matches!(reasons[1], CancelReason::ConditionFailed { .. }),
        "{reasons:?}"
    );

    // A condition with nothing before it, and a version after a put, are refused unsent.
    let first = Transaction::new(&db)
        .condition(f.balance.ge(0))
        .put(&mut account("carol", 5))
        .await
        .unwrap_err();
    let second = Transaction::new(&db)
        .put(&mut account("carol", 5))
        .if_version(3)
        .await
        .unwrap_err();
    for (error, option) in [(first, "`.condition(..)`"), (second, "`.if_version(..)`")] {
        let Error::InvalidRequest { operation, reason } = &error else {
            panic!("expected a refused request, got {error:?}");
        };
        assert_eq!(*operation, dynamo_model::Operation::TransactWriteItems);
        assert!(reason.starts_with(option), "{reason}");
        assert!(
            error
                .to_string()
                .starts_with("TransactWriteItems was not sent: "),
            "{error}"
        );
        assert_eq!(error.http_status(), 400);
    }
    assert_eq!(Account::get(&db, "carol").await.unwrap(), None);
    assert_eq!(balances(&db).await, (100, 0));
}

#[tokio::test]
async fn more_than_a_hundred_actions_are_refused_before_sending() {
    let db = bank().await;
    let mut accounts: Vec<Account> = (0..101).map(|i| account(&format!("a{i}"), i)).collect();
    let many = accounts
        .iter_mut()
        .fold(Transaction::new(&db), |t, account| t.put(account));
    let error = many.await.unwrap_err();
    assert!(matches!(
        error,
        Error::TooManyActions {
            actions: 101,
            limit: 100
        }
    ));
}

/// A versioned model whose `after_save` fails for names starting with "bad".
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "ledgers", hooks)]
struct Ledger {
    #[dynamo(partition_key)]
    name: String,
    #[dynamo(version)]
    version: u64,
}

impl Hooks for Ledger {
    fn after_save(&self) -> Result<(), dynamo_model::HookError> {
        if self.name.starts_with("bad") {
            return Err(format!("{} at version {} refused", self.name, self.version).into());
        }
        Ok(())
    }
}

#[tokio::test]
async fn after_a_commit_every_version_is_set_and_every_after_save_runs() {
    let db = db();
    Ledger::table().create(&db).await.unwrap();
    let ledger = |name: &str| Ledger {
        name: name.into(),
        version: 0,
    };
    let (mut bad1, mut good, mut bad2) = (ledger("bad-1"), ledger("good"), ledger("bad-2"));
    let error = Transaction::new(&db)
        .put(&mut bad1)
        .put(&mut good)
        .put(&mut bad2)
        .await
        .unwrap_err();
    let Error::AfterWrite { errors } = &error else {
        panic!("{error:?}")
    };
    // Both failing hooks ran, each seeing its model at the version written.
    let messages: Vec<String> = errors
        .iter()
        .map(|e| std::error::Error::source(e).unwrap().to_string())
        .collect();
    assert_eq!(
        messages,
        ["bad-1 at version 1 refused", "bad-2 at version 1 refused"]
    );
    assert!(
        error.to_string().contains("the write was applied"),
        "{error}"
    );
    assert_eq!((bad1.version, good.version, bad2.version), (1, 1, 1));
    assert_eq!(Ledger::scan(&db).count().await.unwrap(), 3, "it committed");
}
