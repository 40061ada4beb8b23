//! The library at scale: the migrations' proof, a table of items moved by two runners under
//! faults, one runner killed halfway.
//!
//! `cargo test --workspace` moves 2,000 items, enough for every fault to strike and for the
//! kill to land halfway; `DYNAMO_MODEL_PROOF_ITEMS=20000` moves 20,000, as CI does on every
//! change (`.ci/run`). The full size is about 36 s of processor time on the embedded engine,
//! which would double a warm run of the whole suite for everyone iterating on the library.
//!
//! It is still the suite's longest test. libtest starts tests in the order of their names, as
//! many at a time as it has threads, so this module's name sorts near the top: the proof starts
//! at once and the short tests run beside it, instead of the proof starting halfway and running
//! alone at the end.

use std::time::Duration;

use dynamo_model::migrate::Runner;
use dynamo_model::prelude::*;
use tests::db;

use super::migrations::{Parcel, seeded, stored, upgrade};

/// Retries for a faulty connection: many attempts, short waits.
fn patient() -> dynamo_model::Retries {
    dynamo_model::Retries {
        max_attempts: 12,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(20),
        ..dynamo_model::Retries::standard()
    }
}

/// The migrations' proof: [`proof_items`] items, 4 segments, 2 runners at once on a
/// connection that throttles, fails and drops answers; one runner killed halfway, the other
/// taking its segments over; the application writing all along. Every item ends at version 2
/// upgraded exactly once, none lost, the application's writes kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runners_one_killed_halfway_under_faults_move_every_item_once() {
    let items = proof_items();
    eprintln!("at_scale: {items} items (DYNAMO_MODEL_PROOF_ITEMS)");
    let clean = db();
    seeded(&clean, items).await;
    let migrations = std::sync::Arc::new(upgrade());
    let (faulty, log) = dynamo_model_local::Faults::seeded(28)
        .throttle(0.02)
        .server_error(0.01)
        .drop_after_write(0.01)
        .transaction_conflict(0.05)
        .install(&clean.clone().with_retries(patient()))
        .unwrap();

    let runner = |owner: &'static str| {
        let db = faulty.clone();
        let migrations = migrations.clone();
        tokio::spawn(async move {
            Runner::new(&db, &migrations)
                .segments(4)
                .concurrency(2)
                .page_size(100)
                .lease(Duration::from_secs(2))
                .owner(owner)
                .progress_bar(false)
                .run()
                .await
        })
    };
    let doomed = runner("runner-a");
    let survivor = runner("runner-b");

    // The application writes meanwhile: updates of some items (an old one is upgraded first),
    // whole new puts of others.
    let app = {
        let db = faulty.clone();
        tokio::spawn(async move {
            let f = Parcel::fields();
            for id in (0..items).step_by(98) {
                Parcel::update(&db, id)
                    .set(&f.note, Some("app".to_owned()))
                    .await
                    .unwrap();
            }
            for id in (51..items).step_by(102) {
                let mut parcel = Parcel {
                    id,
                    grams: 1,
                    moves: 1,
                    note: Some("put".into()),
                };
                parcel.put(&db).await.unwrap();
            }
        })
    };

    // Kill the first runner once half the items are scanned.
    loop {
        let status = migrations.status(&clean).await.unwrap();
        if status[0].counts.scanned >= u64::from(items) / 2 || status[0].is_done() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    doomed.abort();
    assert!(doomed.await.unwrap_err().is_cancelled());
    app.await.unwrap();
    let report = survivor.await.unwrap().unwrap();
    assert!(report.is_complete(), "{report:?}");
    // The survivor did not do it all: the killed runner's work before it died stands, and its
    // segments were taken over from their checkpoints.
    assert!(report.counts().changed < u64::from(items), "{report:?}");

    let stored = stored(&clean).await;
    assert_eq!(stored.len(), items as usize, "no item lost, none added");
    let wrong: Vec<_> = stored
        .iter()
        .filter(|(_, stamp, moves)| stamp.as_deref() != Some("2") || *moves != 1)
        .collect();
    assert!(
        wrong.is_empty(),
        "{} items not upgraded exactly once: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
    let notes: std::collections::HashMap<u32, Option<String>> = {
        use futures::TryStreamExt;
        Parcel::scan(&clean)
            .stream()
            .map_ok(|p| (p.id, p.note))
            .try_collect()
            .await
            .unwrap()
    };
    for id in (0..items).step_by(98) {
        assert_eq!(notes[&id].as_deref(), Some("app"), "update of {id} kept");
    }
    for id in (51..items).step_by(102) {
        assert_eq!(notes[&id].as_deref(), Some("put"), "put of {id} kept");
    }
    assert!(
        log.throttled() > 0 && log.dropped_after_write() > 0 && log.server_errors() > 0,
        "{log}"
    );
    let status = migrations.status(&clean).await.unwrap();
    assert!(status[0].is_done());
    assert!(status[0].failures.is_empty(), "{:?}", status[0].failures);
    let verified = Runner::new(&clean, &migrations)
        .verify("parcels to version 2")
        .await
        .unwrap();
    assert_eq!(
        (verified.scanned, verified.outstanding),
        (u64::from(items), 0)
    );
}

/// How many items the proof moves: `DYNAMO_MODEL_PROOF_ITEMS`, else 2,000. Fewer would let a
/// runner finish before the kill lands.
fn proof_items() -> u32 {
    const DEFAULT: u32 = 2_000;
    match std::env::var("DYNAMO_MODEL_PROOF_ITEMS") {
        Err(std::env::VarError::NotPresent) => DEFAULT,
        Ok(value) => match value.trim().parse::<u32>() {
            Ok(items) if items >= DEFAULT => items,
            _ => panic!(
                "DYNAMO_MODEL_PROOF_ITEMS is `{value}`: set it to a whole number of items, \
                 {DEFAULT} or more (CI uses 20000), or unset it for {DEFAULT}"
            ),
        },
        Err(error) => panic!("DYNAMO_MODEL_PROOF_ITEMS cannot be read: {error}"),
    }
}
