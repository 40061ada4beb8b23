//! The retry presets keep their promises against an engine that throttles: `lambda` gives up
//! after 4 attempts (and within 5 s a request: `deadlines`), `bulk` rides out heavy throttling
//! (half of all requests) instead of failing, and both are the one settings type batches take
//! too.

use std::time::Instant;

use dynamo_model::Retries;
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model_local::Faults;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "presets")]
struct Reading {
    #[dynamo(partition_key)]
    id: u32,
}

#[tokio::test]
async fn lambda_gives_up_after_four_attempts_when_every_one_is_throttled() {
    let clean = tests::db();
    Reading::table().create(&clean).await.unwrap();
    let (throttled, log) = Faults::seeded(5)
        .throttle(1.0)
        .install(&clean.clone().with_retries(Retries::lambda()))
        .unwrap();
    let started = Instant::now();
    let error = Reading::get(&throttled, 1).await.unwrap_err();
    assert!(started.elapsed() < Retries::lambda().operation_timeout);
    let Error::Sdk { attempts, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(attempts.count, Retries::lambda().max_attempts);
    assert_eq!(log.throttled(), 4);
    assert!(error.is_throttling(), "{error}");
}

#[tokio::test]
async fn bulk_rides_out_heavy_throttling_for_single_writes_and_batches() {
    let clean = tests::db();
    Reading::table().create(&clean).await.unwrap();
    let (throttled, log) = Faults::seeded(9)
        .throttle(0.5)
        .install(&clean.clone().with_retries(Retries::bulk()))
        .unwrap();
    for id in 0..10 {
        Reading { id }.put(&throttled).await.unwrap();
    }
    let mut readings: Vec<Reading> = (10..60).map(|id| Reading { id }).collect();
    let written = BatchWrite::new(&throttled)
        .put_all(&mut readings)
        .retries(Retries::bulk())
        .await
        .unwrap();
    written.ensure_complete().unwrap();
    assert!(log.throttled() > 10, "{log}");
    let stored = Reading::scan(&clean).count().await.unwrap();
    assert_eq!(stored, 60);
}
