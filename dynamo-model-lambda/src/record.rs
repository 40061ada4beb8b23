//! Recording the events a function receives, as JSON lines, to replay them locally.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use lambda_runtime::{LambdaEvent, Service};
use serde::Serialize;

/// Wraps a handler: each event it receives is written to `out` as one line of JSON before the
/// handler runs. Deployed, write to a file under `/tmp` or the log; replay the lines with
/// [`from_json_lines`](crate::from_json_lines) and [`Harness::run`](crate::Harness::run).
///
/// ```no_run
/// use dynamo_model_lambda::Recorder;
/// use lambda_runtime::{service_fn, Error, LambdaEvent};
/// # async fn demo() -> Result<(), Error> {
/// let handler = service_fn(|event: LambdaEvent<serde_json::Value>| async move {
///     Ok::<_, Error>(event.payload)
/// });
/// let log = std::fs::File::create("/tmp/events.jsonl")?;
/// lambda_runtime::run(Recorder::new(handler, log)).await
/// # }
/// ```
pub struct Recorder<S, W> {
    service: S,
    out: Arc<Mutex<W>>,
}

impl<S, W> Recorder<S, W> {
    /// `service`, recording into `out`.
    pub fn new(service: S, out: W) -> Self {
        Recorder {
            service,
            out: Arc::new(Mutex::new(out)),
        }
    }
}

impl<S, W, E> Service<LambdaEvent<E>> for Recorder<S, W>
where
    S: Service<LambdaEvent<E>>,
    E: Serialize,
    W: Write,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.service.poll_ready(cx)
    }

    fn call(&mut self, event: LambdaEvent<E>) -> Self::Future {
        if let Ok(line) = serde_json::to_string(&event.payload) {
            let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
            // A failed write loses the recording of one event, never the invocation.
            let _ = writeln!(out, "{line}").and_then(|()| out.flush());
        }
        self.service.call(event)
    }
}
