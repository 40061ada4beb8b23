//! What the SDK's attempts at a request met: how many there were, the endpoint they went to,
//! what the last one failed with and how long they took. A conditional write whose condition
//! fails on a retry may have landed on an earlier attempt whose answer was lost, and only a
//! retried request can be that; and an error whose last attempt was cut short by a time limit
//! should still say what that attempt met (a refused connection, say).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::interceptors::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;

tokio::task_local! {
    /// What the attempts of the request running in this task met, while [`watch`] watches it.
    static WATCHED: RefCell<Attempts>;
}

/// What the SDK's attempts at one request met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempts {
    /// How many attempts the SDK made (1 when it did not retry).
    pub count: u32,
    /// Where they went, as `scheme://host:port`, once one was sent.
    pub endpoint: Option<String>,
    /// What the last attempt failed with (`connection refused`, `HTTP 400`), or `None` when it
    /// was answered or never finished (cut short by the operation timeout).
    pub last_failure: Option<String>,
    /// From the start of the request to its end, retries and backoff included.
    pub elapsed: Duration,
}

impl fmt::Display for Attempts {
    /// `3 attempts in 2.0 s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attempts = if self.count == 1 {
            "attempt"
        } else {
            "attempts"
        };
        write!(
            f,
            "{} {attempts} in {:.1} s",
            self.count,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Records the attempts of the requests [`watch`] watches; installed on every `Db`'s client.
/// Outside `watch` it does nothing.
#[derive(Debug)]
pub(crate) struct AttemptCounter;

impl Intercept for AttemptCounter {
    fn name(&self) -> &'static str {
        "dynamo-model attempt counter"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let _ = WATCHED.try_with(|watched| watched.borrow_mut().count += 1);
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Only a watched request keeps it, and its retries all go to the same endpoint.
        let _ = WATCHED.try_with(|watched| {
            let mut watched = watched.borrow_mut();
            if watched.endpoint.is_none() {
                watched.endpoint = Some(endpoint_of(context.request().uri()));
            }
        });
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Only a watched request keeps it: no text is made for the others.
        let _ = WATCHED.try_with(|watched| {
            watched.borrow_mut().last_failure = match context.output_or_error() {
                Some(Err(error)) => Some(match error.as_connector_error() {
                    Some(connector) => innermost_cause(connector),
                    None => match context.response() {
                        Some(response) => format!("HTTP {}", response.status().as_u16()),
                        None => innermost_cause(error),
                    },
                }),
                _ => None,
            }
        });
        Ok(())
    }
}

/// `scheme://host:port` of a request's URI.
fn endpoint_of(uri: &str) -> String {
    match uri.find("://") {
        Some(scheme) => {
            let rest = &uri[scheme + 3..];
            let authority = rest.split('/').next().unwrap_or(rest);
            format!("{}{authority}", &uri[..scheme + 3])
        }
        None => uri.to_owned(),
    }
}

/// The deepest cause of `error`, in a few words: an I/O error by its kind (`connection
/// refused`), anything else by its own message.
fn innermost_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut deepest = error;
    while let Some(source) = deepest.source() {
        deepest = source;
    }
    match deepest.downcast_ref::<std::io::Error>() {
        Some(io) if io.kind() != std::io::ErrorKind::Other => io.kind().to_string(),
        _ => deepest.to_string(),
    }
}

/// Runs `request` and gives its output with what the SDK's attempts at it met.
pub(crate) async fn watch<F: Future>(request: F) -> (F::Output, Attempts) {
    let started = Instant::now();
    WATCHED
        .scope(RefCell::new(Attempts::default()), async move {
            let output = request.await;
            let mut attempts = WATCHED.with(|watched| watched.borrow().clone());
            attempts.elapsed = started.elapsed();
            (output, attempts)
        })
        .await
}
