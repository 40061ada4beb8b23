//! How long a caller waits at most: the `lambda` retry preset answers within its 5 seconds
//! when the endpoint never does, and any `Retries` gives up at its operation timeout however
//! many attempts it still has.
//!
//! These tests wait on the clock on purpose. libtest starts tests in the order of their names,
//! so this module's name sorts early: its waits overlap the short tests instead of being the
//! last thing the suite does.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use dynamo_model::prelude::*;
use dynamo_model::{Retries, SdkFailure};
use dynamo_model_local::Faults;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "deadlines")]
struct Reading {
    #[dynamo(partition_key)]
    id: u32,
}

#[tokio::test]
async fn lambda_answers_within_five_seconds_when_the_endpoint_never_does() {
    // A listener that accepts connections and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", silent.local_addr().unwrap());
    let db = Db::local(&endpoint).with_retries(Retries::lambda());
    let started = Instant::now();
    let error = Reading::get(&db, 1).await.unwrap_err();
    let took = started.elapsed();
    let Error::Sdk { kind, attempts, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, SdkFailure::Timeout, "{error}");
    assert_eq!(attempts.endpoint.as_deref(), Some(endpoint.as_str()));
    // The operation timeout bounds the wait; a little slack for a busy machine.
    assert!(took >= Duration::from_millis(4_500), "{took:?}");
    assert!(took < Duration::from_millis(6_500), "{took:?}");
    drop(silent);
}

#[tokio::test]
async fn retries_are_bounded_in_time() {
    let clean = tests::db();
    Reading::table().create(&clean).await.unwrap();
    let (faulty, _) = Faults::seeded(8)
        .server_error(1.0)
        .install(&clean.clone().with_retries(Retries {
            max_attempts: 1_000,
            initial_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_millis(50),
            operation_timeout: Duration::from_millis(600),
            ..Retries::standard()
        }))
        .unwrap();
    let started = Instant::now();
    let error = Reading { id: 1 }.put(&faulty).await.unwrap_err();
    assert!(matches!(error, Error::Sdk { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "gave up after {:?}",
        started.elapsed()
    );
}
