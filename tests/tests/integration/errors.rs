//! Errors that explain themselves: the cause in the message, the SDK's failure kinds apart,
//! and the checks and HTTP statuses an API needs.

use dynamo_model::prelude::*;
use dynamo_model::{Retries, SdkFailure};
use dynamo_model_local::Faults;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "tickets")]
struct Ticket {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(validate(non_blank))]
    title: String,
    #[dynamo(version)]
    version: u64,
}

fn ticket(id: &str) -> Ticket {
    Ticket {
        id: id.into(),
        title: "t".into(),
        version: 0,
    }
}

fn no_retries() -> Retries {
    Retries {
        max_attempts: 1,
        ..Retries::standard()
    }
}

#[tokio::test]
async fn a_refused_connection_says_so_in_the_message() {
    // Port 1 on loopback: nothing listens there.
    let db = Db::local("http://127.0.0.1:1").with_retries(no_retries());
    let error = Ticket::table().create(&db).await.unwrap_err();
    let Error::Sdk { kind, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, SdkFailure::Connection);
    let message = error.to_string();
    assert!(
        message.starts_with(
            "DynamoDB CreateTable on table `tickets` failed: could not connect to http://127.0.0.1:1: connection refused (1 attempt in "
        ),
        "the cause and the endpoint are in the message itself: {message}"
    );
    assert!(message.ends_with(" s)"), "{message}");
    assert!(
        !message.contains('\n') && !message.contains("Unhandled"),
        "{message}"
    );
    // The SDK's chain of causes is the source.
    assert!(std::error::Error::source(&error).is_some());
    assert!(error.is_retryable() && !error.is_throttling());
    assert_eq!(error.http_status(), 503);
}

/// A refused connection retried until the operation's time ran out: the error says it timed
/// out, and still names the endpoint and what the last attempt met.
#[tokio::test]
async fn a_timeout_names_the_endpoint_and_the_last_attempt_s_cause() {
    let retries = Retries {
        max_attempts: 100,
        // Long enough for the first attempts to be refused on a busy machine.
        operation_timeout: std::time::Duration::from_millis(1500),
        ..Retries::standard()
    };
    let db = Db::local("http://127.0.0.1:1").with_retries(retries);
    let error = Ticket::get(&db, "t1").await.unwrap_err();
    let Error::Sdk { kind, attempts, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, SdkFailure::Timeout);
    assert!(attempts.count >= 1, "{attempts:?}");
    assert_eq!(attempts.endpoint.as_deref(), Some("http://127.0.0.1:1"));
    assert_eq!(attempts.last_failure.as_deref(), Some("connection refused"));
    let message = error.to_string();
    assert!(
        message.starts_with(
            "DynamoDB GetItem on table `tickets` failed: no answer from http://127.0.0.1:1 in time; the last attempt: connection refused ("
        ),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}

/// Throttled on every attempt: the error names DynamoDB's code and message and counts the
/// attempts.
#[tokio::test]
async fn a_throttled_final_attempt_names_the_code_and_the_attempts() {
    let clean = db();
    Ticket::table().create(&clean).await.unwrap();
    let retries = Retries {
        max_attempts: 3,
        ..Retries::standard()
    };
    let (throttled, _) = Faults::seeded(3)
        .throttle(1.0)
        .install(&clean.clone().with_retries(retries))
        .unwrap();
    let error = Ticket::get(&throttled, "t1").await.unwrap_err();
    let Error::Sdk { attempts, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(attempts.count, 3, "{attempts:?}");
    assert_eq!(attempts.last_failure.as_deref(), Some("HTTP 400"));
    assert!(attempts.endpoint.is_some());
    let message = error.to_string();
    assert!(
        message.contains("failed: ProvisionedThroughputExceededException: "),
        "{message}"
    );
    assert!(message.contains(" (3 attempts in "), "{message}");
    assert!(!message.contains('\n'), "{message}");
}

#[tokio::test]
async fn each_error_maps_to_what_an_http_api_answers() {
    let clean = db();
    Ticket::table().create(&clean).await.unwrap();
    let mut t = ticket("t1");
    t.create(&clean).await.unwrap();

    // Throttled after every retry: retryable, 503.
    let (throttled, _) = Faults::seeded(1)
        .throttle(1.0)
        .install(&clean.clone().with_retries(no_retries()))
        .unwrap();
    let error = Ticket::get(&throttled, "t1").await.unwrap_err();
    assert!(error.is_throttling() && error.is_retryable(), "{error:?}");
    assert!(
        matches!(&error, Error::Sdk { kind: SdkFailure::Service { code }, .. } if code == "ProvisionedThroughputExceededException"),
        "{error:?}"
    );
    assert_eq!(error.http_status(), 503);

    // A create of an existing item: a conflict, 409, not retryable.
    let error = ticket("t1").create(&clean).await.unwrap_err();
    assert!(error.is_conflict() && !error.is_retryable());
    assert_eq!(error.http_status(), 409);

    // A stale version: a conflict, 412 (an If-Match that no longer matches).
    let stale = t.clone();
    let f = Ticket::fields();
    t.update_item(&clean).set(&f.title, "new").await.unwrap();
    let error = stale
        .update_item(&clean)
        .set(&f.title, "old")
        .await
        .unwrap_err();
    assert!(error.is_conflict(), "{error:?}");
    assert_eq!(error.http_status(), 412);

    // No item: 404.
    let error = Ticket::update(&clean, "nope")
        .set(&f.title, "x")
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.http_status(), 404);

    // Invalid input: 422.
    let mut blank = ticket("t2");
    blank.title = " ".into();
    let error = blank.put(&clean).await.unwrap_err();
    assert!(matches!(error, Error::Validation(_)));
    assert_eq!(error.http_status(), 422);
    assert!(!error.is_retryable());

    // A missing table: named, not retryable, 500.
    let error = Ticket::get(&db(), "t1").await.unwrap_err();
    assert!(matches!(&error, Error::TableNotFound { .. }), "{error:?}");
    assert!(!error.is_retryable());
    assert_eq!(error.http_status(), 500);
}

#[tokio::test]
async fn a_failed_condition_says_what_it_found() {
    let db = db();
    Ticket::table().create(&db).await.unwrap();
    let mut t = ticket("t1");
    t.create(&db).await.unwrap();
    let f = Ticket::fields();

    // In another state: the stored item, typed as the model.
    let error = Ticket::delete(&db, "t1")
        .condition(f.title.eq("closed"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ConditionFailed { .. }), "{error:?}");
    let stored = error.stored_as::<Ticket>().unwrap().unwrap();
    assert_eq!(stored, t);

    // The same for a put and an update with a condition of their own.
    let mut changed = t.clone();
    changed.title = "changed".into();
    let error = changed
        .put(&db)
        .condition(f.title.eq("closed"))
        .await
        .unwrap_err();
    assert_eq!(error.stored_as::<Ticket>().unwrap().unwrap().title, "t");
    let error = Ticket::update(&db, "t1")
        .set(&f.title, "x")
        .condition(f.title.eq("closed"))
        .await
        .unwrap_err();
    assert_eq!(error.stored_as::<Ticket>().unwrap().unwrap(), t);

    // Not found: no item to show.
    let error = Ticket::delete(&db, "ghost")
        .condition(f.title.eq("closed"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ConditionFailed { stored: None, .. }),
        "{error:?}"
    );
    assert!(error.stored_as::<Ticket>().is_none());
}
