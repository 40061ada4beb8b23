//! Fault injection: a [`Db`] whose requests meet throttling, server errors, connections
//! dropped after the write, unprocessed batch items and transaction conflicts, at given odds
//! and from a seed, against the real engine.
//!
//! The faults are made by an HTTP client wrapped around the `Db`'s own, so every layer above it
//! (the SDK's retries, dynamo-model's batch retries and outcomes) runs as it would against a
//! DynamoDB that misbehaves. Nothing is mocked: requests that are not failed reach the engine,
//! and a "dropped after the write" request is applied by the engine before its answer is lost.

use std::fmt;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use dynamo_model::Db;
use serde_json::{Map, Value};

use crate::LocalError;

mod unprocessed;

use unprocessed::{hold_back, return_unprocessed};

/// The odds of each fault, per request, and the seed they are drawn from. Build one with
/// [`Faults::seeded`] and the setters, or as a struct.
///
/// ```no_run
/// use dynamo_model_local::{Faults, LocalEngine};
///
/// let engine = LocalEngine::start()?;
/// let faults = Faults::seeded(7)
///     .throttle(0.2)              // answered ProvisionedThroughputExceededException, not applied
///     .server_error(0.05)         // answered 500, not applied
///     .drop_after_write(0.02)     // applied, then the connection drops before the answer
///     .unprocessed(0.3)           // batch calls: half the items held back, returned unprocessed
///     .transaction_conflict(0.1); // TransactWriteItems canceled with TransactionConflict
/// let (db, log) = faults.install(&engine.db())?;
/// // ... run the code under test on `db` ...
/// println!("{} requests throttled", log.throttled());
/// # Ok::<(), dynamo_model_local::LocalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faults {
    /// Where the draws start: the same seed gives the same sequence of faults (across
    /// concurrent requests, which request meets which fault depends on their order).
    pub seed: u64,
    /// Odds that a request is answered `ProvisionedThroughputExceededException` (400) without
    /// reaching the engine.
    pub throttle: f64,
    /// Odds that a request is answered `InternalServerError` (500) without reaching the engine.
    pub server_error: f64,
    /// Odds that a request reaches the engine and is applied, and then its connection drops,
    /// so the client sees an I/O error and does not know the write happened.
    pub drop_after_write: f64,
    /// Odds that a `BatchWriteItem` or `BatchGetItem` call that reaches the engine has half of
    /// its items (rounded down) held back: not sent to the engine, and returned in
    /// `UnprocessedItems` / `UnprocessedKeys` as DynamoDB does under throttling.
    pub unprocessed: f64,
    /// Odds that a `TransactWriteItems` call is canceled with `TransactionConflict` on its first
    /// action, without reaching the engine.
    pub transaction_conflict: f64,
}

impl Faults {
    /// No faults yet, drawing from `seed`.
    pub const fn seeded(seed: u64) -> Self {
        Faults {
            seed,
            throttle: 0.0,
            server_error: 0.0,
            drop_after_write: 0.0,
            unprocessed: 0.0,
            transaction_conflict: 0.0,
        }
    }

    /// Sets [`throttle`](Faults::throttle).
    pub const fn throttle(mut self, odds: f64) -> Self {
        self.throttle = odds;
        self
    }

    /// Sets [`server_error`](Faults::server_error).
    pub const fn server_error(mut self, odds: f64) -> Self {
        self.server_error = odds;
        self
    }

    /// Sets [`drop_after_write`](Faults::drop_after_write).
    pub const fn drop_after_write(mut self, odds: f64) -> Self {
        self.drop_after_write = odds;
        self
    }

    /// Sets [`unprocessed`](Faults::unprocessed).
    pub const fn unprocessed(mut self, odds: f64) -> Self {
        self.unprocessed = odds;
        self
    }

    /// Sets [`transaction_conflict`](Faults::transaction_conflict).
    pub const fn transaction_conflict(mut self, odds: f64) -> Self {
        self.transaction_conflict = odds;
        self
    }

    /// A copy of `db` whose requests meet these faults, and the log that counts them. `db`
    /// itself is unchanged: read back through it to see what really reached the engine.
    ///
    /// The faults are made below the SDK, after signing: a request whose items are held back
    /// no longer matches its signature, which a local engine does not check. Use them against
    /// a local engine, not AWS.
    pub fn install(self, db: &Db) -> Result<(Db, FaultLog), LocalError> {
        let inner = db
            .client()
            .config()
            .http_client()
            .ok_or(LocalError::NoHttpClient)?;
        let log = FaultLog::default();
        let client = FaultyClient {
            inner,
            state: Arc::new(State {
                faults: self,
                rng: Mutex::new(fastrand::Rng::with_seed(self.seed)),
                log: log.clone(),
            }),
        };
        let faulty = db
            .clone()
            .with_sdk_config(|config| config.http_client(SharedHttpClient::new(client)));
        Ok((faulty, log))
    }
}

/// How many faults of each kind a [`Faults::install`]ed `Db` has made so far. Clones share the
/// counts.
#[derive(Debug, Clone, Default)]
pub struct FaultLog(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    requests: AtomicU64,
    throttled: AtomicU64,
    server_errors: AtomicU64,
    dropped_after_write: AtomicU64,
    held_back: AtomicU64,
    conflicts: AtomicU64,
}

impl FaultLog {
    /// Requests seen, faulted or not.
    pub fn requests(&self) -> u64 {
        self.0.requests.load(Ordering::Relaxed)
    }

    /// Requests answered with throttling.
    pub fn throttled(&self) -> u64 {
        self.0.throttled.load(Ordering::Relaxed)
    }

    /// Requests answered with a 500.
    pub fn server_errors(&self) -> u64 {
        self.0.server_errors.load(Ordering::Relaxed)
    }

    /// Requests applied whose connection then dropped.
    pub fn dropped_after_write(&self) -> u64 {
        self.0.dropped_after_write.load(Ordering::Relaxed)
    }

    /// Batch items (writes or keys) held back and returned unprocessed.
    pub fn held_back(&self) -> u64 {
        self.0.held_back.load(Ordering::Relaxed)
    }

    /// Transactions canceled with a conflict.
    pub fn conflicts(&self) -> u64 {
        self.0.conflicts.load(Ordering::Relaxed)
    }
}

impl fmt::Display for FaultLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} requests: {} throttled, {} answered 500, {} dropped after the write, {} batch items held back, {} transactions canceled by a conflict",
            self.requests(),
            self.throttled(),
            self.server_errors(),
            self.dropped_after_write(),
            self.held_back(),
            self.conflicts()
        )
    }
}

struct State {
    faults: Faults,
    rng: Mutex<fastrand::Rng>,
    log: FaultLog,
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("faults", &self.faults)
            .finish()
    }
}

impl State {
    /// A draw in [0, 1).
    fn draw(&self) -> f64 {
        match self.rng.lock() {
            Ok(mut rng) => rng.f64(),
            Err(poisoned) => poisoned.into_inner().f64(),
        }
    }

    /// `count` distinct indexes below `len`, drawn from the seed.
    fn pick(&self, len: usize, count: usize) -> Vec<usize> {
        let mut indexes: Vec<usize> = (0..len).collect();
        match self.rng.lock() {
            Ok(mut rng) => rng.shuffle(&mut indexes),
            Err(poisoned) => poisoned.into_inner().shuffle(&mut indexes),
        }
        indexes.truncate(count);
        indexes.sort_unstable();
        indexes
    }
}

#[derive(Debug)]
struct FaultyClient {
    inner: SharedHttpClient,
    state: Arc<State>,
}

impl HttpClient for FaultyClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(FaultyConnector {
            inner: self.inner.http_connector(settings, components),
            state: self.state.clone(),
        })
    }
}

#[derive(Debug)]
struct FaultyConnector {
    inner: SharedHttpConnector,
    state: Arc<State>,
}

/// What happens to one request.
#[derive(Clone, Copy)]
enum Fate {
    Throttle,
    ServerError,
    DropAfterWrite,
    Conflict,
    Pass,
}

impl HttpConnector for FaultyConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let state = self.state.clone();
        HttpConnectorFuture::new(async move { fault(&inner, &state, request).await })
    }
}

async fn fault(
    inner: &SharedHttpConnector,
    state: &State,
    mut request: HttpRequest,
) -> Result<HttpResponse, ConnectorError> {
    let counts = &state.log.0;
    counts.requests.fetch_add(1, Ordering::Relaxed);
    let operation = request
        .headers()
        .get("x-amz-target")
        .and_then(|target| target.rsplit('.').next())
        .unwrap_or("")
        .to_owned();
    let faults = &state.faults;
    let fate = state.fate(&operation);
    if let Some(answer) = answer_without_sending(fate, state, &request) {
        return Ok(answer);
    }
    let held = match operation.as_str() {
        "BatchWriteItem" | "BatchGetItem" if state.draw() < faults.unprocessed => {
            hold_back(state, &operation, &mut request)
        }
        _ => None,
    };
    let mut response = inner.call(request).await?;
    if let Some(held) = held {
        counts.held_back.fetch_add(held.count, Ordering::Relaxed);
        response = return_unprocessed(response, held).await?;
    }
    if let Fate::DropAfterWrite = fate {
        counts.dropped_after_write.fetch_add(1, Ordering::Relaxed);
        // Read the whole answer first, so the engine has certainly applied the request.
        let _ = ByteStream::new(response.take_body()).collect().await;
        return Err(ConnectorError::io(
            "injected: the connection dropped after the request was sent".into(),
        ));
    }
    Ok(response)
}

impl State {
    /// What happens to the next request, drawn from the odds.
    fn fate(&self, operation: &str) -> Fate {
        let faults = &self.faults;
        let draw = self.draw();
        let throttled = faults.throttle;
        let server_error = throttled + faults.server_error;
        let dropped = server_error + faults.drop_after_write;
        if draw < throttled {
            Fate::Throttle
        } else if draw < server_error {
            Fate::ServerError
        } else if draw < dropped {
            Fate::DropAfterWrite
        } else if operation == "TransactWriteItems" && self.draw() < faults.transaction_conflict {
            Fate::Conflict
        } else {
            Fate::Pass
        }
    }
}

/// The answer of a request that never reaches the engine: throttled, a server error, or a
/// transaction conflict; `None` for a request the engine is to see.
fn answer_without_sending(
    fate: Fate,
    state: &State,
    request: &HttpRequest,
) -> Option<HttpResponse> {
    let counts = &state.log.0;
    match fate {
        Fate::Throttle => {
            counts.throttled.fetch_add(1, Ordering::Relaxed);
            Some(error_response(
                400,
                "ProvisionedThroughputExceededException",
                "injected: the level of configured provisioned throughput for the table was exceeded",
                Map::new(),
            ))
        }
        Fate::ServerError => {
            counts.server_errors.fetch_add(1, Ordering::Relaxed);
            Some(error_response(
                500,
                "InternalServerError",
                "injected: internal server error",
                Map::new(),
            ))
        }
        Fate::Conflict => {
            counts.conflicts.fetch_add(1, Ordering::Relaxed);
            let actions = body_json(request)
                .and_then(|body| body.get("TransactItems")?.as_array().map(Vec::len))
                .unwrap_or(1);
            let reasons: Vec<Value> = (0..actions.max(1))
                .map(|i| match i {
                    0 => serde_json::json!({"Code": "TransactionConflict", "Message": "injected: transaction is ongoing for the item"}),
                    _ => serde_json::json!({"Code": "None"}),
                })
                .collect();
            let mut extra = Map::new();
            extra.insert("CancellationReasons".to_owned(), Value::Array(reasons));
            Some(error_response(
                400,
                "TransactionCanceledException",
                "injected: transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
                extra,
            ))
        }
        Fate::DropAfterWrite | Fate::Pass => None,
    }
}

/// The request's JSON body, when it is one in memory (every DynamoDB request is).
fn body_json(request: &HttpRequest) -> Option<Map<String, Value>> {
    match serde_json::from_slice(request.body().bytes()?) {
        Ok(Value::Object(body)) => Some(body),
        _ => None,
    }
}

/// An answer in DynamoDB's error format: `__type` names the error, `message` says it.
fn error_response(
    status: u16,
    code: &str,
    message: &str,
    mut extra: Map<String, Value>,
) -> HttpResponse {
    extra.insert(
        "__type".to_owned(),
        Value::String(format!("com.amazonaws.dynamodb.v20120810#{code}")),
    );
    extra.insert("message".to_owned(), Value::String(message.to_owned()));
    let bytes = serde_json::to_vec(&Value::Object(extra)).unwrap_or_default();
    let status = StatusCode::try_from(status).unwrap_or_else(|_| unreachable!("a valid status"));
    let mut response = HttpResponse::new(status, SdkBody::from(bytes.clone()));
    response
        .headers_mut()
        .insert("content-type", "application/x-amz-json-1.0");
    response
        .headers_mut()
        .insert("content-length", bytes.len().to_string());
    response
        .headers_mut()
        .insert("x-amzn-requestid", "dynamo-model-local-injected");
    response
}
