//! Running events through a handler, one invocation at a time as one Lambda instance does.

use std::future::poll_fn;
use std::path::Path;
use std::time::Instant;

use dynamo_model::Db;
use dynamo_model::capacity::CapacityMeter;
use dynamo_model::cost::{CostReport, Prices};
use lambda_runtime::{LambdaEvent, Service};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::binary::{BinaryError, Running, units_in_log};
use crate::function::Function;
use crate::prices::{Capacity, LambdaPrices};
use crate::profile::{Invocation, Profile, Status};

/// Drives events through a handler in this process and profiles each invocation.
pub struct Harness {
    function: Function,
    meter: CapacityMeter,
    dynamodb_prices: Prices,
    lambda_prices: LambdaPrices,
    capacity: Capacity,
    invocations: Vec<Invocation>,
}

impl Harness {
    /// A harness for `function`, with us-east-1 prices for DynamoDB on demand and Lambda.
    pub fn new(function: Function) -> Self {
        Harness {
            function,
            meter: CapacityMeter::new(),
            dynamodb_prices: Prices::us_east_1(),
            lambda_prices: LambdaPrices::us_east_1(),
            capacity: Capacity::OnDemand,
            invocations: Vec::new(),
        }
    }

    /// Prices DynamoDB's units with `prices` (us-east-1 on demand by default).
    pub fn dynamodb_prices(mut self, prices: Prices) -> Self {
        self.dynamodb_prices = prices;
        self
    }

    /// Prices DynamoDB's units as the table is billed: on demand (the default) or provisioned.
    pub fn capacity(mut self, capacity: Capacity) -> Self {
        self.capacity = capacity;
        self
    }

    /// Prices Lambda's requests and GB-seconds with `prices`.
    pub fn lambda_prices(mut self, prices: LambdaPrices) -> Self {
        self.lambda_prices = prices;
        self
    }

    /// `db`, metered by the harness: give this one to the handler, and each invocation's
    /// profile holds the DynamoDB requests it made, with the units DynamoDB reported for them.
    pub fn db(&self, db: &Db) -> Db {
        db.clone().with_capacity_meter(self.meter.clone())
    }

    /// The function's configuration.
    pub fn function(&self) -> &Function {
        &self.function
    }

    /// Runs one invocation of `service` with `payload`, as the Lambda runtime would: the payload
    /// read as the handler's event type (a payload it cannot read is [`Status::BadEvent`], as
    /// the runtime reports it), a fresh [`Context`](lambda_runtime::Context), cut off at the
    /// function's timeout ([`Status::Timeout`]).
    pub async fn invoke<S, E>(&mut self, service: &mut S, payload: Value) -> &Invocation
    where
        S: Service<LambdaEvent<E>>,
        S::Response: Serialize,
        S::Error: std::fmt::Debug,
        E: DeserializeOwned,
    {
        let number = self.invocations.len() + 1;
        let request_id = format!("00000000-0000-4000-8000-{number:012}");
        let context = self.function.context(&request_id);
        crate::alloc::start_invocation();
        self.meter.reset();
        let started = Instant::now();
        let (status, response) = match serde_json::from_value::<E>(payload) {
            Err(error) => (Status::BadEvent(error.to_string()), None),
            Ok(event) => {
                let call = async {
                    poll_fn(|cx| service.poll_ready(cx)).await?;
                    service.call(LambdaEvent::new(event, context)).await
                };
                match tokio::time::timeout(self.function.timeout, call).await {
                    Err(_) => (Status::Timeout, None),
                    Ok(Err(error)) => (Status::Error(format!("{error:?}")), None),
                    Ok(Ok(response)) => match serde_json::to_value(&response) {
                        Ok(value) => (Status::Ok, Some(value)),
                        Err(error) => (Status::Error(format!("response not JSON: {error}")), None),
                    },
                }
            }
        };
        let duration = started.elapsed();
        let dynamodb = self.meter.report(&self.dynamodb_prices);
        let invocation = Invocation::new(
            (request_id, status, response),
            duration,
            crate::alloc::peak(),
            dynamodb,
            (&self.function, &self.lambda_prices, self.capacity),
        );
        self.invocations.push(invocation);
        let last = self.invocations.len() - 1;
        &self.invocations[last]
    }

    /// Runs every event through `service`, one invocation after another, and gives the profile
    /// of all the invocations this harness ran. A failed or timed-out invocation is reported in
    /// it, and the run goes on. A run of 100 events or more shows a progress bar on a terminal.
    pub async fn run<S, E>(
        &mut self,
        mut service: S,
        events: impl IntoIterator<Item = Value>,
    ) -> Profile
    where
        S: Service<LambdaEvent<E>>,
        S::Response: Serialize,
        S::Error: std::fmt::Debug,
        E: DeserializeOwned,
    {
        let events: Vec<Value> = events.into_iter().collect();
        let bar = progress_bar(&self.function.name, events.len());
        for event in events {
            let invocation = self.invoke(&mut service, event).await;
            if let Some(bar) = &bar {
                bar.set_message(invocation.outcome());
                bar.inc(1);
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        self.profile()
    }

    /// Runs every event through the function's built binary (its `bootstrap`), out of process:
    /// the harness serves the Lambda Runtime API on a loopback port and starts the binary
    /// against it with Lambda's environment (`AWS_LAMBDA_RUNTIME_API`, the function's name,
    /// memory, version and log names) and `env` besides, such as `AWS_ENDPOINT_URL_DYNAMODB` for
    /// a local engine. The profile has the cold start, each invocation's duration and the
    /// process's peak resident memory, and the DynamoDB units the function's log reports per
    /// invocation (a line printed from `dynamo_model::cost::CostReport`, as the `lambda_api`
    /// example prints). An invocation past the timeout is reported, the process is stopped as
    /// Lambda stops it, and the next invocation starts a new one.
    pub async fn run_binary(
        &mut self,
        binary: impl AsRef<Path>,
        env: &[(String, String)],
        events: impl IntoIterator<Item = Value>,
    ) -> Result<Profile, BinaryError> {
        let binary = binary.as_ref();
        let mut running = Running::start(binary, &self.function, env).await?;
        let mut cold_start = None;
        for payload in events {
            let number = self.invocations.len() + 1;
            let request_id = format!("00000000-0000-4000-8000-{number:012}");
            let arn = self.function.arn();
            let answered = running
                .invoke(request_id, payload, (arn, self.function.timeout))
                .await?;
            cold_start = cold_start.or(running.cold_start);
            let status = match (&answered.outcome, answered.timed_out) {
                (_, true) => Status::Timeout,
                (Ok(_), false) => Status::Ok,
                (Err(text), false) => Status::Error(text.clone()),
            };
            let (requests, write_units, read_units, on_demand) =
                units_in_log(&answered.log).unwrap_or_default();
            let dynamodb = CostReport {
                requests,
                reads: 0,
                writes: 0,
                write_units,
                read_units,
                on_demand,
                by_table: Vec::new(),
                by_model: Vec::new(),
                prices: self.dynamodb_prices.clone(),
            };
            let invocation = Invocation::new(
                (answered.request_id, status, answered.outcome.ok()),
                answered.duration,
                running.peak_rss_bytes(),
                dynamodb,
                (&self.function, &self.lambda_prices, self.capacity),
            );
            self.invocations.push(invocation);
            if answered.timed_out {
                running.stop().await;
                running = Running::start(binary, &self.function, env).await?;
            }
        }
        running.stop().await;
        let mut profile = self.profile();
        profile.cold_start = cold_start;
        Ok(profile)
    }

    /// The profile of every invocation so far.
    pub fn profile(&self) -> Profile {
        Profile::new(
            self.function.clone(),
            self.invocations.clone(),
            self.lambda_prices.clone(),
        )
    }
}

/// A progress bar for a run of `events` events, drawn on standard error when it is a terminal
/// and the run is long enough to watch.
fn progress_bar(name: &str, events: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if events < 100 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(events as u64);
    let template =
        "{prefix} [{bar:30}] {pos}/{len} invocations · {per_sec} · ETA {eta} · last {msg}";
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_owned());
    Some(bar)
}
