//! How requests are retried and timed out: [`Retries`], set on a [`Db`](crate::Db).

use std::time::Duration;

use aws_sdk_dynamodb::config::retry::{RetryConfig, RetryPartition, TokenBucket};
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;

/// How a [`Db`](crate::Db) retries and times out its requests: the SDK's retry and timeout
/// configuration, with settings made for DynamoDB, and the retries of the items a batch call
/// leaves unprocessed.
///
/// `Db::from_env` and `Db::local` use [`Retries::standard`];
/// [`Db::with_retries`](crate::Db::with_retries) sets another. (A `Db` made with
/// [`Db::new`](crate::Db::new) from your own client keeps that client's settings.)
///
/// | | [`standard`](Retries::standard) | [`lambda`](Retries::lambda) | [`bulk`](Retries::bulk) |
/// |---|---|---|---|
/// | attempts per request | 10 | 4 | 20 |
/// | first backoff, longest backoff | 25 ms, 2 s | 25 ms, 250 ms | 50 ms, 10 s |
/// | connect timeout | 3 s | 1 s | 5 s |
/// | per-attempt timeout | 10 s | 2 s | 30 s |
/// | whole request, retries included | 30 s | 5 s | 5 min |
/// | retry quota (tokens) | 5,000 | 500 | 50,000 |
///
/// Backoff is exponential with full jitter: before retry `n` the SDK waits a random time up
/// to `initial_backoff × 2^n`, at most `max_backoff`. The SDK retries throttling
/// (`ProvisionedThroughputExceededException`, `ThrottlingException`, `RequestLimitExceeded`),
/// 5xx answers, timeouts and broken connections; not a failed condition or a validation error.
/// The retry quota is the SDK's token bucket: each retry spends tokens and each success earns
/// one back, so a service that fails most requests is not hammered by every client at once;
/// DynamoDB's own throttling under load costs fewer tokens than other errors.
///
/// ```
/// use std::time::Duration;
/// use dynamo_model::{Db, Retries};
///
/// // A Lambda handler behind API Gateway: give up early rather than time out the function.
/// let db = Db::local("http://127.0.0.1:8000").with_retries(Retries::lambda());
///
/// // Start from a preset and change what differs.
/// let patient = Retries { max_attempts: 30, ..Retries::bulk() };
/// assert_eq!(patient.operation_timeout, Duration::from_secs(300));
/// # let _ = db.with_retries(patient);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retries {
    /// Attempts per request, the first included (1 turns retries off).
    pub max_attempts: u32,
    /// The backoff ceiling before the first retry; it doubles with each retry.
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// How long opening a connection may take.
    pub connect_timeout: Duration,
    /// How long one attempt may take.
    pub attempt_timeout: Duration,
    /// How long a request may take, every retry and backoff included: the bound on the time a
    /// caller waits.
    pub operation_timeout: Duration,
    /// The tokens of the client's retry quota (the SDK's default is 500).
    pub retry_quota: usize,
}

impl Retries {
    /// For services and scripts: patient enough to ride out a burst of throttling, bounded at
    /// 30 s a request. The default of `Db::from_env` and `Db::local`.
    pub const fn standard() -> Self {
        Retries {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(25),
            max_backoff: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(3),
            attempt_timeout: Duration::from_secs(10),
            operation_timeout: Duration::from_secs(30),
            retry_quota: 5_000,
        }
    }

    /// For a Lambda handler behind API Gateway: a few quick retries and at most 5 s a request,
    /// so the function answers (or fails) well within its own timeout.
    pub const fn lambda() -> Self {
        Retries {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(25),
            max_backoff: Duration::from_millis(250),
            connect_timeout: Duration::from_secs(1),
            attempt_timeout: Duration::from_secs(2),
            operation_timeout: Duration::from_secs(5),
            retry_quota: 500,
        }
    }

    /// For bulk jobs (imports, migrations, backfills): many retries with long backoff, up to
    /// 5 minutes a request, so that throttling slows the job down instead of failing it.
    pub const fn bulk() -> Self {
        Retries {
            max_attempts: 20,
            initial_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(30),
            operation_timeout: Duration::from_secs(300),
            retry_quota: 50_000,
        }
    }

    /// The SDK's retry configuration for these settings.
    pub fn retry_config(&self) -> RetryConfig {
        RetryConfig::standard()
            .with_max_attempts(self.max_attempts.max(1))
            .with_initial_backoff(self.initial_backoff)
            .with_max_backoff(self.max_backoff)
    }

    /// The SDK's timeout configuration for these settings.
    pub fn timeout_config(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect_timeout)
            .operation_attempt_timeout(self.attempt_timeout)
            .operation_timeout(self.operation_timeout)
            .build()
    }

    /// The retry partition holding the quota, a token bucket of its own for each `Db` it is set
    /// on (clones of the `Db` share it).
    pub(crate) fn retry_partition(&self) -> RetryPartition {
        RetryPartition::custom(format!("dynamo-model-{}", self.retry_quota))
            .token_bucket(TokenBucket::new(self.retry_quota))
            .build()
    }

    /// How a batch retries the items DynamoDB leaves unprocessed: as many calls as a request
    /// has attempts, with the same backoff.
    pub(crate) fn batch_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.max_attempts.max(1),
            base_delay: self.initial_backoff,
            max_delay: self.max_backoff,
        }
    }
}

impl Default for Retries {
    fn default() -> Self {
        Retries::standard()
    }
}

/// How unprocessed batch items are retried, from a [`Retries`]: up to `max_attempts` calls in
/// all, waiting a random time between zero and `base_delay × 2^attempt` (capped at
/// `max_delay`) before each retry ("full jitter", so that many clients backing off do not retry
/// in step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Calls per chunk, the first included.
    pub(crate) max_attempts: u32,
    /// The backoff before the first retry.
    pub(crate) base_delay: Duration,
    /// The longest backoff.
    pub(crate) max_delay: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
            .min(self.max_delay);
        ceiling.mul_f64(jitter())
    }
}

/// A number in [0, 1) that differs from call to call; backoff needs spread, not secrecy.
fn jitter() -> f64 {
    fastrand::f64()
}
