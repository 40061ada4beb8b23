//! Faults injected between the client and the local engine: throttling and 500s are retried,
//! a write whose answer was lost is not reported as a conflict on its retry, unprocessed batch
//! items are retried or reported one by one, and a transaction conflict is a cancel reason.

use std::time::Duration;

use dynamo_model::error::CancelReason;
use dynamo_model::ops::{BatchWrite, Transaction, WriteOutcome};
use dynamo_model::prelude::*;
use dynamo_model::{Error, Retries};
use dynamo_model_local::Faults;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "parcels")]
struct Parcel {
    #[dynamo(partition_key)]
    id: u32,
    status: String,
    #[dynamo(version)]
    version: u64,
}

fn parcel(id: u32) -> Parcel {
    Parcel {
        id,
        status: "new".into(),
        version: 0,
    }
}

/// Retries quick enough for a test: many attempts, millisecond backoff.
fn quick() -> Retries {
    Retries {
        max_attempts: 12,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
        ..Retries::standard()
    }
}

/// No retries at all: every fault reaches the caller.
fn none() -> Retries {
    Retries {
        max_attempts: 1,
        ..quick()
    }
}

async fn table() -> Db {
    let db = db();
    Parcel::table().create(&db).await.unwrap();
    db
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried_until_the_write_lands() {
    let clean = table().await;
    let (faulty, log) = Faults::seeded(1)
        .throttle(0.3)
        .server_error(0.1)
        .install(&clean.clone().with_retries(quick()))
        .unwrap();
    for id in 0..60 {
        parcel(id).create(&faulty).await.unwrap();
    }
    assert!(log.throttled() > 0 && log.server_errors() > 0, "{log}");
    assert_eq!(Parcel::scan(&clean).count().await.unwrap(), 60);

    // Without retries the same faults reach the caller, and nothing is written by them.
    let (faulty, log) = Faults::seeded(2)
        .throttle(1.0)
        .install(&clean.clone().with_retries(none()))
        .unwrap();
    let error = parcel(99).create(&faulty).await.unwrap_err();
    let Error::Sdk { source, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(
            **source,
            dynamo_model::sdk::Error::ProvisionedThroughputExceededException(_)
        ),
        "{source:?}"
    );
    assert_eq!(log.throttled(), 1);
    assert_eq!(Parcel::get(&clean, 99).await.unwrap(), None);
}

#[tokio::test]
async fn a_conditional_write_whose_answer_was_lost_is_not_a_false_conflict() {
    let clean = table().await;
    // Every first attempt lands and loses its answer; the retry meets the condition it broke.
    let (faulty, log) = Faults::seeded(3)
        .drop_after_write(1.0)
        .install(&clean.clone().with_retries(none()))
        .unwrap();
    // Without a retry the caller sees the dropped connection, though the write landed.
    let error = parcel(1).create(&faulty).await.unwrap_err();
    assert!(matches!(error, Error::Sdk { .. }), "{error:?}");
    assert_eq!(log.dropped_after_write(), 1);
    assert!(Parcel::get(&clean, 1).await.unwrap().is_some());

    // With retries: half of all attempts land and lose their answer, and the SDK retries them.
    let (faulty, log) = Faults::seeded(4)
        .drop_after_write(0.5)
        .install(&clean.clone().with_retries(quick()))
        .unwrap();
    for id in 10..70 {
        let mut p = parcel(id);
        p.create(&faulty).await.unwrap(); // never AlreadyExists: the stored item is this one
        assert_eq!(p.version, 1);
        let f = Parcel::fields();
        let updated = p.update_item(&faulty).set(&f.status, "sent").await.unwrap(); // never VersionConflict: the stored item shows this update
        assert_eq!((updated.status.as_str(), updated.version), ("sent", 2));
        updated.delete_item(&faulty).await.unwrap(); // never a conflict on an item it deleted
    }
    assert!(log.dropped_after_write() > 20, "{log}");
    assert_eq!(
        Parcel::scan(&clean).count().await.unwrap(),
        1,
        "only parcel 1"
    );

    // A real conflict still is one: the stored item is another writer's.
    let mut p = parcel(80);
    p.create(&clean).await.unwrap();
    let stale = p.clone();
    let f = Parcel::fields();
    p.update_item(&clean).set(&f.status, "lost").await.unwrap();
    let error = stale
        .update_item(&faulty)
        .set(&f.status, "sent")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::VersionConflict { .. }), "{error:?}");
}

#[tokio::test]
async fn unprocessed_batch_items_are_retried_or_reported_one_by_one() {
    let clean = table().await;
    let (faulty, log) = Faults::seeded(5)
        .unprocessed(1.0)
        .install(&clean.clone().with_retries(quick()))
        .unwrap();
    let mut parcels: Vec<Parcel> = (0..100).map(parcel).collect();
    let written = BatchWrite::new(&faulty)
        .put_all(&mut parcels)
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    assert!(written.retries > 0 && log.held_back() >= 50, "{log}");
    assert!(parcels.iter().all(|p| p.version == 1));
    let got = Parcel::batch_get(&faulty, 0..100).await.unwrap();
    assert!(got.is_complete(), "{:?}", got.unprocessed);
    assert_eq!(got.items.len(), 100);

    // With one attempt, what was held back is reported, and it really was not written.
    let (faulty, log) = Faults::seeded(6)
        .unprocessed(1.0)
        .install(&clean.clone().with_retries(none()))
        .unwrap();
    let mut more: Vec<Parcel> = (100..150).map(parcel).collect();
    let written = BatchWrite::new(&faulty).put_all(&mut more).await.unwrap();
    let unprocessed: Vec<usize> = written.unprocessed().map(|(i, _)| i).collect();
    assert_eq!(unprocessed.len() as u64, log.held_back(), "{log}");
    assert_eq!(written.written() + unprocessed.len(), 50);
    assert_eq!(
        Parcel::scan(&clean).count().await.unwrap(),
        100 + written.written()
    );
    for i in &unprocessed {
        assert!(matches!(written.outcomes[*i], WriteOutcome::Unprocessed(_)));
        assert_eq!(more[*i].version, 0, "an unwritten put keeps its version");
        assert_eq!(Parcel::get(&clean, more[*i].id).await.unwrap(), None);
    }
    let got = Parcel::batch_get(&faulty, 100..150).await.unwrap();
    assert_eq!(
        got.items.len() + got.missing.len() + got.unprocessed.len(),
        50,
        "every key accounted for"
    );
    assert!(!got.unprocessed.is_empty());
}

#[tokio::test]
async fn a_transaction_conflict_is_a_cancel_reason() {
    let clean = table().await;
    let (faulty, log) = Faults::seeded(7)
        .transaction_conflict(1.0)
        .install(&clean)
        .unwrap();
    let error = Transaction::new(&faulty)
        .put(&mut parcel(1))
        .put(&mut parcel(2))
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(reasons.len(), 2);
    assert!(matches!(reasons[0], CancelReason::Conflict), "{reasons:?}");
    assert_eq!(log.conflicts(), 1);
    assert_eq!(Parcel::scan(&clean).count().await.unwrap(), 0);
}
