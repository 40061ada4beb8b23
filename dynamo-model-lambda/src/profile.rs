//! What each invocation did and cost, and the summary of a run: a table on a terminal, JSON for
//! CI, and a regression check against an earlier run's JSON.

use std::fmt;
use std::time::Duration;

use dynamo_model::cost::CostReport;
use serde_json::{Value, json};

use crate::function::Function;
use crate::prices::LambdaPrices;

/// How an invocation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The handler answered.
    Ok,
    /// The handler failed; its error, as `Debug` shows it.
    Error(String),
    /// The handler ran past the function's timeout and was cut off.
    Timeout,
    /// The payload did not read as the handler's event type (the runtime's deserialization
    /// error).
    BadEvent(String),
}

impl Status {
    /// `ok`, `error`, `timeout` or `bad event`.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error(_) => "error",
            Status::Timeout => "timeout",
            Status::BadEvent(_) => "bad event",
        }
    }
}

/// One invocation's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// Its request id.
    pub request_id: String,
    /// How it ended.
    pub status: Status,
    /// The handler's response, as JSON.
    pub response: Option<Value>,
    /// The HTTP status of an HTTP handler's response (its `statusCode`).
    pub http_status: Option<u16>,
    /// How long it ran.
    pub duration: Duration,
    /// What Lambda bills: the duration rounded up to the millisecond.
    pub billed_ms: u64,
    /// The memory high-water mark during it: in process, the heap's (with
    /// [`PeakAlloc`](crate::PeakAlloc) installed); out of process, the process's peak resident
    /// memory, from the operating system.
    pub peak_memory_bytes: Option<usize>,
    /// Its DynamoDB requests: units per table, index and model, as DynamoDB reported them, and
    /// their on-demand cost.
    pub dynamodb: CostReport,
    /// What its DynamoDB units cost: on demand, or at provisioned prices (see
    /// [`Capacity`](crate::Capacity)).
    pub dynamodb_cost_usd: f64,
    /// Lambda's charge for it: the request and the GB-seconds billed.
    pub lambda_cost_usd: f64,
}

impl Invocation {
    pub(crate) fn new(
        (request_id, status, response): (String, Status, Option<Value>),
        duration: Duration,
        peak_memory_bytes: Option<usize>,
        dynamodb: CostReport,
        (function, prices, capacity): (&Function, &LambdaPrices, crate::Capacity),
    ) -> Self {
        let dynamodb_cost_usd = capacity.cost(&dynamodb);
        let billed_ms = u64::try_from(duration.as_micros().div_ceil(1000))
            .unwrap_or(u64::MAX)
            .max(1);
        let http_status = response
            .as_ref()
            .and_then(|r| r.get("statusCode"))
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        Invocation {
            request_id,
            status,
            response,
            http_status,
            duration,
            billed_ms,
            peak_memory_bytes,
            dynamodb,
            dynamodb_cost_usd,
            lambda_cost_usd: prices.invocation(
                function.architecture,
                function.memory_mb,
                billed_ms,
            ),
        }
    }

    /// What it cost in all: DynamoDB on demand and Lambda.
    pub fn cost_usd(&self) -> f64 {
        self.dynamodb_cost_usd + self.lambda_cost_usd
    }

    /// Its outcome as the table shows it: the HTTP status of an HTTP handler, else the status.
    pub fn outcome(&self) -> String {
        match (&self.status, self.http_status) {
            (Status::Ok, Some(code)) => code.to_string(),
            (status, _) => status.name().to_owned(),
        }
    }
}

/// The invocations of a run and what they add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The function's configuration.
    pub function: Function,
    /// Every invocation, in order.
    pub invocations: Vec<Invocation>,
    /// For a built binary, its cold start.
    pub cold_start: Option<crate::ColdStart>,
    prices: LambdaPrices,
}

/// A run's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Invocations.
    pub invocations: usize,
    /// How many ended each way (`200`, `404`, `ok`, `timeout`, ...), in order of first sight.
    pub by_outcome: Vec<(String, usize)>,
    /// The median duration.
    pub p50: Duration,
    /// The 95th percentile duration.
    pub p95: Duration,
    /// The longest.
    pub max: Duration,
    /// The memory high-water mark, when measured.
    pub peak_memory_bytes: Option<usize>,
    /// DynamoDB read units per invocation, on average.
    pub read_units_per_invocation: f64,
    /// DynamoDB write units per invocation, on average.
    pub write_units_per_invocation: f64,
    /// Dollars per invocation, DynamoDB and Lambda together, on average.
    pub cost_per_invocation: f64,
}

impl Summary {
    /// What a month (30 days) at `per_second` invocations a second would cost, at the run's
    /// average per invocation.
    pub fn monthly_cost(&self, per_second: f64) -> f64 {
        self.cost_per_invocation * per_second * 30.0 * 24.0 * 3600.0
    }
}

impl Profile {
    pub(crate) fn new(
        function: Function,
        invocations: Vec<Invocation>,
        prices: LambdaPrices,
    ) -> Self {
        Profile {
            function,
            invocations,
            cold_start: None,
            prices,
        }
    }

    /// The Lambda prices the costs were figured at.
    pub fn lambda_prices(&self) -> &LambdaPrices {
        &self.prices
    }

    /// The run's figures.
    pub fn summary(&self) -> Summary {
        let count = self.invocations.len();
        let mut durations: Vec<Duration> = self.invocations.iter().map(|i| i.duration).collect();
        durations.sort_unstable();
        let percentile = |p: f64| -> Duration {
            if durations.is_empty() {
                return Duration::ZERO;
            }
            let at = ((p * durations.len() as f64).ceil() as usize).clamp(1, durations.len());
            durations[at - 1]
        };
        let mut by_outcome: Vec<(String, usize)> = Vec::new();
        for invocation in &self.invocations {
            let outcome = invocation.outcome();
            match by_outcome.iter_mut().find(|(o, _)| *o == outcome) {
                Some((_, n)) => *n += 1,
                None => by_outcome.push((outcome, 1)),
            }
        }
        let per = |total: f64| {
            if count == 0 {
                0.0
            } else {
                total / count as f64
            }
        };
        let sum = |f: &dyn Fn(&Invocation) -> f64| self.invocations.iter().map(f).sum::<f64>();
        Summary {
            invocations: count,
            by_outcome,
            p50: percentile(0.5),
            p95: percentile(0.95),
            max: durations.last().copied().unwrap_or_default(),
            peak_memory_bytes: self
                .invocations
                .iter()
                .filter_map(|i| i.peak_memory_bytes)
                .max(),
            read_units_per_invocation: per(sum(&|i| i.dynamodb.read_units)),
            write_units_per_invocation: per(sum(&|i| i.dynamodb.write_units)),
            cost_per_invocation: per(sum(&Invocation::cost_usd)),
        }
    }

    /// The profile as JSON: each invocation and the summary, for CI to keep and compare.
    pub fn to_json(&self) -> Value {
        let invocations: Vec<Value> = self
            .invocations
            .iter()
            .map(|i| {
                json!({
                    "request_id": i.request_id,
                    "outcome": i.outcome(),
                    "duration_ms": i.duration.as_secs_f64() * 1000.0,
                    "billed_ms": i.billed_ms,
                    "peak_memory_bytes": i.peak_memory_bytes,
                    "dynamodb_requests": i.dynamodb.requests,
                    "read_units": i.dynamodb.read_units,
                    "write_units": i.dynamodb.write_units,
                    "dynamodb_cost_usd": i.dynamodb_cost_usd,
                    "lambda_cost_usd": i.lambda_cost_usd,
                })
            })
            .collect();
        let s = self.summary();
        json!({
            "cold_start_ms": self.cold_start.map(|c| json!({
                "init": c.init.as_secs_f64() * 1000.0,
                "first_response": c.first_response.as_secs_f64() * 1000.0,
            })),
            "function": self.function.name,
            "memory_mb": self.function.memory_mb,
            "timeout_ms": self.function.timeout.as_millis() as u64,
            "invocations": invocations,
            "summary": {
                "invocations": s.invocations,
                "by_outcome": s.by_outcome.iter().map(|(o, n)| json!([o, n])).collect::<Vec<_>>(),
                "p50_ms": s.p50.as_secs_f64() * 1000.0,
                "p95_ms": s.p95.as_secs_f64() * 1000.0,
                "max_ms": s.max.as_secs_f64() * 1000.0,
                "peak_memory_bytes": s.peak_memory_bytes,
                "read_units_per_invocation": s.read_units_per_invocation,
                "write_units_per_invocation": s.write_units_per_invocation,
                "cost_per_invocation_usd": s.cost_per_invocation,
            },
        })
    }

    /// Compares this run with an earlier one's [`to_json`](Profile::to_json): the regressions
    /// past `thresholds` (none: the run holds up).
    pub fn regressions(&self, baseline: &Value, thresholds: Thresholds) -> Vec<Regression> {
        let now = self.summary();
        let before = |name: &str| baseline["summary"][name].as_f64();
        let mut found = Vec::new();
        let mut check = |what: &'static str, before: Option<f64>, now: f64, allowed: f64| {
            if let Some(before) = before
                && now > before * (1.0 + allowed)
                && now - before > f64::EPSILON
            {
                found.push(Regression { what, before, now });
            }
        };
        check(
            "cost per invocation (USD)",
            before("cost_per_invocation_usd"),
            now.cost_per_invocation,
            thresholds.cost,
        );
        check(
            "p95 duration (ms)",
            before("p95_ms"),
            now.p95.as_secs_f64() * 1000.0,
            thresholds.p95,
        );
        found
    }
}

/// How much worse than the baseline a run may be, as fractions (0.10: 10% more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// The cost per invocation.
    pub cost: f64,
    /// The 95th percentile duration.
    pub p95: f64,
}

/// A figure that grew past its threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    /// What grew.
    pub what: &'static str,
    /// Its value in the baseline.
    pub before: f64,
    /// Its value now.
    pub now: f64,
}

impl fmt::Display for Regression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} grew from {:.6} to {:.6} ({:+.1}%)",
            self.what,
            self.before,
            self.now,
            (self.now / self.before - 1.0) * 100.0
        )
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

/// A table: one line per invocation, then the summary.
impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({} MB, {:?} timeout)",
            self.function.name, self.function.memory_mb, self.function.timeout
        )?;
        writeln!(
            f,
            "{:>4}  {:<9} {:>10} {:>7} {:>5} {:>7} {:>7} {:>12}",
            "#", "outcome", "duration", "billed", "reqs", "RCU", "WCU", "cost"
        )?;
        for (n, i) in self.invocations.iter().enumerate() {
            writeln!(
                f,
                "{:>4}  {:<9} {:>10} {:>5}ms {:>5} {:>7.1} {:>7.1} {:>12.9}",
                n + 1,
                i.outcome(),
                ms(i.duration),
                i.billed_ms,
                i.dynamodb.requests,
                i.dynamodb.read_units,
                i.dynamodb.write_units,
                i.cost_usd()
            )?;
        }
        if let Some(cold) = self.cold_start {
            writeln!(
                f,
                "cold start: init {}, first response {}",
                ms(cold.init),
                ms(cold.first_response)
            )?;
        }
        let s = self.summary();
        let outcomes: Vec<String> = s
            .by_outcome
            .iter()
            .map(|(o, n)| format!("{n} × {o}"))
            .collect();
        writeln!(f, "{} invocations: {}", s.invocations, outcomes.join(", "))?;
        writeln!(
            f,
            "duration p50 {}, p95 {}, max {}",
            ms(s.p50),
            ms(s.p95),
            ms(s.max)
        )?;
        if let Some(peak) = s.peak_memory_bytes {
            writeln!(
                f,
                "memory high-water mark {:.1} MB of {} MB",
                peak as f64 / 1_048_576.0,
                self.function.memory_mb
            )?;
        }
        write!(
            f,
            "per invocation: {:.2} RCU, {:.2} WCU, ${:.9}; at 100 a second, ${:.2} a month",
            s.read_units_per_invocation,
            s.write_units_per_invocation,
            s.cost_per_invocation,
            s.monthly_cost(100.0)
        )
    }
}
