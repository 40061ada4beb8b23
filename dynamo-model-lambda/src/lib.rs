//! # dynamo-model-lambda
//!
//! A local Lambda harness: the handler you pass to `lambda_runtime::run` (a `service_fn`, or
//! `lambda_http`'s through `lambda_http::Adapter`), driven in your test process by events (one,
//! or a stream of many), each invocation with a realistic [`Context`](lambda_runtime::Context)
//! and cut off at its timeout, and profiled: status, duration, billed duration, the DynamoDB
//! requests it made with their read and write units per table, index and model, and what it
//! costs (DynamoDB on demand plus Lambda's requests and GB-seconds). A debugger and `tracing`
//! work as in any test. See `docs/harness.md`.
//!
//! ```no_run
//! use dynamo_model_lambda::{Function, Harness};
//! use lambda_runtime::{service_fn, Error, LambdaEvent};
//! use serde_json::{json, Value};
//!
//! # async fn demo(db: dynamo_model::Db) -> Result<(), Box<dyn std::error::Error>> {
//! let mut harness = Harness::new(Function::new("orders").memory_mb(512));
//! let db = harness.db(&db); // the handler's client, metered per invocation
//! let handler = service_fn(|event: LambdaEvent<Value>| {
//!     let db = db.clone();
//!     async move { Ok::<_, Error>(json!({"seen": event.payload})) }
//! });
//! let profile = harness.run(handler, [json!({"id": 1}), json!({"id": 2})]).await;
//! println!("{profile}");
//! # Ok(()) }
//! ```

mod alloc;
mod binary;
pub mod cli;
mod events;
mod function;
mod harness;
mod html;
mod prices;
mod profile;
mod record;
mod runtime_api;
mod stream;

pub use alloc::PeakAlloc;
pub use binary::{BinaryError, ColdStart};
pub use events::{from_dir, from_json_lines, from_json_lines_file};
pub use function::{Architecture, Function};
pub use harness::Harness;
pub use prices::{Capacity, LambdaPrices};
pub use profile::{Invocation, Profile, Regression, Status, Summary, Thresholds};
pub use record::Recorder;
pub use stream::{StreamError, StreamReader, batches};
