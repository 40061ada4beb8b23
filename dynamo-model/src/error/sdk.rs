//! How a request failed on its way to DynamoDB or in DynamoDB, and the one-sentence message
//! that says so.

use std::fmt;

use super::Error;
use crate::db::Attempts;
use crate::operation::Operation;

/// How a request to DynamoDB failed, kept apart as the SDK tells them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SdkFailure {
    /// No answer within the timeout (`Retries::attempt_timeout` or `operation_timeout`).
    Timeout,
    /// The request could not be sent or its connection broke (refused, reset, DNS, TLS).
    Connection,
    /// DynamoDB answered with an error; `code` is its name, e.g.
    /// `ProvisionedThroughputExceededException`.
    Service {
        /// The error code DynamoDB gave.
        code: String,
    },
    /// An answer came that could not be read as DynamoDB's.
    Response,
    /// The request could not be built (a missing or invalid parameter, no region, no
    /// credentials).
    Construction,
}

impl fmt::Display for SdkFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkFailure::Timeout => f.write_str("timed out"),
            SdkFailure::Connection => f.write_str("no connection"),
            SdkFailure::Service { code } => write!(f, "{code}"),
            SdkFailure::Response => f.write_str("unreadable response"),
            SdkFailure::Construction => f.write_str("request not built"),
        }
    }
}

/// A request's future, sent with what its attempts meet watched: an SDK error becomes
/// [`Error::Sdk`] naming the operation, the table and what the attempts met.
pub(crate) trait Watched<T, E, R>:
    std::future::Future<Output = Result<T, aws_sdk_dynamodb::error::SdkError<E, R>>> + Sized
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
    aws_sdk_dynamodb::error::SdkError<E, R>: Into<aws_sdk_dynamodb::Error>,
{
    async fn watched(self, operation: Operation, table: &str) -> Result<T, Error> {
        let (result, attempts) = crate::db::watch(self).await;
        result.map_err(|e| Error::sdk(operation, table, e, attempts))
    }
}

impl<F, T, E, R> Watched<T, E, R> for F
where
    F: std::future::Future<Output = Result<T, aws_sdk_dynamodb::error::SdkError<E, R>>>,
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
    aws_sdk_dynamodb::error::SdkError<E, R>: Into<aws_sdk_dynamodb::Error>,
{
}

/// The message of [`Error::Sdk`]: one sentence, the SDK's chain of causes left to `source()`.
pub(crate) fn sdk_message(
    operation: &Operation,
    table: &str,
    kind: &SdkFailure,
    source: &aws_sdk_dynamodb::Error,
    attempts: &Attempts,
) -> String {
    use aws_sdk_dynamodb::error::ProvideErrorMetadata;
    let endpoint = attempts.endpoint.as_deref().unwrap_or("DynamoDB");
    let last = attempts
        .last_failure
        .as_deref()
        .map(|failure| format!("; the last attempt: {failure}"))
        .unwrap_or_default();
    let what = match kind {
        SdkFailure::Connection => format!(
            "could not connect to {endpoint}: {}",
            attempts.last_failure.as_deref().unwrap_or("no connection")
        ),
        SdkFailure::Timeout => format!("no answer from {endpoint} in time{last}"),
        SdkFailure::Service { code } => match source.message() {
            Some(message) if !message.is_empty() => format!("{code}: {message}"),
            _ => code.clone(),
        },
        SdkFailure::Response => format!("the answer from {endpoint} could not be read{last}"),
        SdkFailure::Construction => format!(
            "the request could not be built: {}",
            source
                .message()
                .unwrap_or("no region or credentials, or a missing parameter")
        ),
    };
    let attempts = match attempts.count {
        0 => String::new(),
        _ => format!(" ({attempts})"),
    };
    format!("DynamoDB {operation} on table `{table}` failed: {what}{attempts}")
}

/// The DynamoDB error codes of throttling.
pub(crate) const THROTTLING: &[&str] = &[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
];

/// DynamoDB error codes worth another try as they are: server-side trouble.
pub(crate) const TRANSIENT: &[&str] = &[
    "InternalServerError",
    "ServiceUnavailable",
    "TransactionInProgressException",
];
