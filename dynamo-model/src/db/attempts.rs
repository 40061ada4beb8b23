//! How many attempts the SDK made at a request: a conditional write whose condition fails on a
//! retry may have landed on an earlier attempt whose answer was lost, and only a retried
//! request can be that.

use std::cell::Cell;
use std::future::Future;

use aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;

tokio::task_local! {
    /// The attempts of the request running in this task, while [`counting`] watches it.
    static ATTEMPTS: Cell<u32>;
}

/// Counts the attempts of the requests [`counting`] watches; installed on every `Db`'s client.
/// Outside `counting` it does nothing.
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
        let _ = ATTEMPTS.try_with(|attempts| attempts.set(attempts.get() + 1));
        Ok(())
    }
}

/// Runs `request` and gives its output with the number of attempts the SDK made at it.
pub(crate) async fn counting<F: Future>(request: F) -> (F::Output, u32) {
    ATTEMPTS
        .scope(Cell::new(0), async move {
            let output = request.await;
            (output, ATTEMPTS.with(Cell::get))
        })
        .await
}
