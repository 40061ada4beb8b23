//! The errors of dynamo-model: one [`Error`] enum for every operation. [`ConversionError`],
//! for values that do not map between Rust and DynamoDB, lives in the value layer and is
//! re-exported here.

use crate::operation::Operation;
use std::time::Duration;

mod cancel;
mod message;
mod sdk;
mod unresolved;

use crate::db::Attempts;

pub use crate::value::{ConversionError, ConversionProblem};
pub use cancel::CancelReason;
use message::{already_exists_message, describe_reasons, missing_table_message};
pub use sdk::SdkFailure;
pub(crate) use sdk::{THROTTLING, TRANSIENT, Watched, sdk_message};
pub use unresolved::{Unread, Unresolved};

/// The future of an operation: what a builder turns into when awaited, and what every method
/// of the library that sends requests returns. Boxed, so that a handler awaiting many of them
/// stays small enough for a default thread's stack.
pub type OpFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'a>>;

/// Everything an operation of dynamo-model can fail with.
///
/// Match on the variants to react to a specific failure; the SDK's own error stays available as
/// the [`source`](std::error::Error::source) of [`Error::Sdk`].
///
/// ```
/// # async fn demo(db: &dynamo_model::Db, cat: &mut Cat) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::{Error, Model, ModelExt};
/// match cat.create(db).await {
///     Ok(()) => println!("created"),
///     Err(Error::AlreadyExists { table, .. }) => println!("a cat with this id is already in {table}"),
///     Err(other) => return Err(other),
/// }
/// # Ok(()) }
/// # #[derive(dynamo_model::Model)]
/// # struct Cat { #[dynamo(partition_key)] id: String }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `create` found an item with the same key already in the table, or a write would have
    /// given a `#[dynamo(unique)]` value another item holds.
    #[error("{}", already_exists_message(model, table, unique.as_ref()))]
    AlreadyExists {
        /// The table written to.
        table: String,
        /// The model written, by its Rust type name.
        model: &'static str,
        /// For a unique value another item holds: the attribute and the value, as a message
        /// shows it (`"ann@example.com"`); `None` when the key is taken.
        unique: Option<(&'static str, String)>,
    },

    /// The condition of a put, update or delete did not hold, so nothing was written.
    #[error("the condition of {operation} on table `{table}` did not hold; nothing was written")]
    ConditionFailed {
        /// The DynamoDB API call, e.g. `UpdateItem`.
        operation: Operation,
        /// The table written to.
        table: String,
        /// The item as it was stored when the condition failed (DynamoDB's
        /// `ReturnValuesOnConditionCheckFailure`), or `None` when there was no item: "not
        /// found" and "in another state" told apart without a second read. Read it as the
        /// model with [`Error::stored_as`].
        stored: Option<Box<crate::value::Item>>,
    },

    /// DynamoDB cancelled a transaction; nothing of it was written.
    #[error("the transaction was cancelled: {}", describe_reasons(reasons))]
    TransactionCanceled {
        /// One reason per action, in the order the actions were added.
        reasons: Vec<CancelReason>,
    },

    /// The model broke validation rules; nothing was written. Every broken rule is listed,
    /// with the attribute's path and the rule's name.
    #[error(transparent)]
    Validation(#[from] crate::behaviour::ValidationErrors),

    /// A hook returned an error, which aborted the operation (except `after_save`, which runs
    /// when the write has happened).
    #[error("the `{hook}` hook of a model of table `{table}` failed")]
    Hook {
        /// The hook: `before_save`, `after_save`, `after_load`, `before_delete`, or one of
        /// the `_async` variants.
        hook: &'static str,
        /// The model's table.
        table: String,
        /// The hook's error.
        #[source]
        source: std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>,
    },

    /// A versioned write found another version of the item stored than the one it expected:
    /// someone else wrote it since it was read. Read it again and retry.
    #[error("version conflict on table `{table}`: expected version {expected}, found {}", found.map_or_else(|| "no item".to_owned(), |v| v.to_string()))]
    VersionConflict {
        /// The table written to.
        table: String,
        /// The version the write expected (0: that the item did not exist).
        expected: u64,
        /// The version stored, or `None` when there was no item.
        found: Option<u64>,
    },

    /// A versioned model is at the largest version its field's type holds, so the next write
    /// would store a version the model could not read back. Nothing was written.
    #[error(
        "`{attribute}` of table `{table}` is at {max}, the largest version its type holds: nothing was written; widen the field's type (e.g. u64)"
    )]
    VersionExhausted {
        /// The table.
        table: String,
        /// The version attribute.
        attribute: &'static str,
        /// The largest version the type holds.
        max: u64,
    },

    /// The write was applied, but `after_save` hooks failed: from a transaction that
    /// committed, each failing hook's error (every hook ran).
    #[error(
        "the write was applied, but {} after_save hooks failed; the first: {}",
        errors.len(),
        errors.first().map(ToString::to_string).unwrap_or_default()
    )]
    AfterWrite {
        /// The hooks' errors, in the order of the actions.
        errors: Vec<Error>,
    },

    /// A batch write did not fully land: from [`BatchWritten::ensure_complete`]. The batch's
    /// outcomes say which writes are missing; this error only counts them.
    ///
    /// [`BatchWritten::ensure_complete`]: crate::ops::BatchWritten::ensure_complete
    #[error(
        "a batch write left {unprocessed} writes unprocessed and {failed} failed ({written} written, {hook_errors} after_save hooks failed){}",
        first_error.as_ref().map(|e| format!("; first error: {e}")).unwrap_or_default()
    )]
    BatchIncomplete {
        /// How many writes DynamoDB applied.
        written: usize,
        /// How many were left unprocessed after every retry.
        unprocessed: usize,
        /// How many were carried by a call that failed.
        failed: usize,
        /// How many `after_save` hooks of written puts failed.
        hook_errors: usize,
        /// The message of the first error, when there was one.
        first_error: Option<String>,
    },

    /// An upsert would create an item the model cannot read: the update does not write an
    /// attribute the model requires. Nothing was written.
    #[error(
        "an upsert in table `{table}` could create an item the model cannot read ({problem}); write every required attribute in the upsert, or update existing items only"
    )]
    IncompleteUpsert {
        /// The table.
        table: String,
        /// What reading the item it would create failed on, naming the attribute.
        problem: ConversionError,
    },

    /// An item is larger than DynamoDB stores (400 KB, names included, as
    /// [`item_size`](crate::value::item_size) counts); nothing was sent.
    #[error(
        "an item of table `{table}` is {size} bytes, over DynamoDB's limit of {limit}; nothing was sent. Largest attributes: {}",
        largest.iter().map(|(name, bytes)| format!("`{name}` {bytes} bytes")).collect::<Vec<_>>().join(", ")
    )]
    ItemTooLarge {
        /// The table.
        table: String,
        /// The item's size in bytes.
        size: usize,
        /// DynamoDB's limit, [`MAX_ITEM_SIZE`](crate::value::MAX_ITEM_SIZE).
        limit: usize,
        /// The largest attributes and their sizes (name included), largest first, at most 3.
        largest: Vec<(String, usize)>,
    },

    /// A transaction has more actions than DynamoDB runs at once.
    #[error("a transaction has {actions} actions; DynamoDB runs at most {limit}")]
    TooManyActions {
        /// How many actions it had.
        actions: usize,
        /// DynamoDB's limit.
        limit: usize,
    },

    /// `one()` found no matching item, or an update found no item with its key (nothing was
    /// written; use `.upsert()` to create it).
    #[error("no matching item in table `{table}`")]
    NotFound {
        /// The table read.
        table: String,
    },

    /// `one()` found more than one matching item.
    #[error("more than one matching item in table `{table}`")]
    NotUnique {
        /// The table read.
        table: String,
    },

    /// A request the library refuses to send, because DynamoDB would refuse it or because it
    /// cannot mean what was written; nothing was sent.
    #[error("{operation} was not sent: {reason}")]
    InvalidRequest {
        /// The call that was not made.
        operation: Operation,
        /// What is wrong, and what to do instead.
        reason: String,
    },

    /// A cursor could not be read, or belongs to another table or index.
    #[error("invalid cursor: {reason}")]
    InvalidCursor {
        /// What is wrong with it.
        reason: String,
    },

    /// A reference a populate did not resolve: its item is missing, or was not read. A populate
    /// reports this per reference; `?` on one of them gives this error.
    #[error(transparent)]
    Unresolved(#[from] Box<Unresolved>),

    /// A value could not be converted between Rust and DynamoDB.
    #[error(transparent)]
    Conversion(#[from] ConversionError),

    /// The table a request addressed does not exist (DynamoDB's `ResourceNotFoundException`);
    /// nothing was read or written. The SDK's error is the [`source`](std::error::Error::source).
    #[error("{}", missing_table_message(*operation, table))]
    TableNotFound {
        /// The DynamoDB API call, e.g. `GetItem`.
        operation: Operation,
        /// The table it addressed (`(transaction)` for a transaction, whose error does not say
        /// which of its tables is missing).
        table: String,
        /// The SDK's error.
        #[source]
        source: Box<aws_sdk_dynamodb::Error>,
    },

    /// A table did not become ACTIVE within the allowed time.
    #[error("table `{table}` did not become ACTIVE within {waited:?}")]
    TableNotActive {
        /// The table waited for.
        table: String,
        /// How long we waited.
        waited: Duration,
    },

    /// DynamoDB (or the network on the way to it) refused the request, after the SDK's
    /// retries. The message is one sentence: how it failed, where, what the last attempt met,
    /// and how many attempts in how long, e.g. ``DynamoDB GetItem on table `cats` failed: could
    /// not connect to http://127.0.0.1:8000: connection refused (3 attempts in 0.2 s)``. The
    /// SDK's error, with its whole chain of causes, is the [`source`](std::error::Error::source).
    #[error("{}", sdk_message(operation, table, kind, source, attempts))]
    Sdk {
        /// The DynamoDB API call, e.g. `PutItem`.
        operation: Operation,
        /// The table it addressed.
        table: String,
        /// How it failed: no answer in time, no connection, an error DynamoDB answered, an
        /// answer that could not be read.
        kind: SdkFailure,
        /// The SDK's error; match on it for service errors such as
        /// `ResourceNotFoundException`.
        #[source]
        source: Box<aws_sdk_dynamodb::Error>,
        /// What the SDK's attempts at the request met: how many, the endpoint, the last
        /// attempt's failure, how long.
        attempts: Box<Attempts>,
    },
}

impl Error {
    /// The error of hook `hook` of model `M`.
    pub(crate) fn hook<M: crate::Model>(
        hook: &'static str,
        source: crate::behaviour::HookError,
    ) -> Self {
        Self::hook_of_table(M::SCHEMA.table, hook, source)
    }

    /// [`hook`](Self::hook) for the model of `table`, compiled once for every model.
    fn hook_of_table(
        table: &'static str,
        hook: &'static str,
        source: crate::behaviour::HookError,
    ) -> Self {
        // A hook that refuses with validation failures reports them as validation.
        match source.downcast::<crate::behaviour::ValidationErrors>() {
            Ok(failures) => Error::Validation(*failures),
            Err(source) => Error::Hook {
                hook,
                table: table.to_owned(),
                source: source.into(),
            },
        }
    }

    /// Wraps an SDK error with the operation and table it came from, and what the request's
    /// attempts met.
    pub(crate) fn sdk<E, R>(
        operation: Operation,
        table: &str,
        source: aws_sdk_dynamodb::error::SdkError<E, R>,
        attempts: Attempts,
    ) -> Self
    where
        E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
        aws_sdk_dynamodb::error::SdkError<E, R>: Into<aws_sdk_dynamodb::Error>,
    {
        use aws_sdk_dynamodb::error::SdkError;
        let missing_table = matches!(&source, SdkError::ServiceError(service)
            if service.err().code() == Some("ResourceNotFoundException"));
        if missing_table {
            return Error::TableNotFound {
                operation,
                table: table.to_owned(),
                source: Box::new(source.into()),
            };
        }
        let kind = match &source {
            SdkError::TimeoutError(_) => SdkFailure::Timeout,
            SdkError::DispatchFailure(failure) if failure.is_timeout() => SdkFailure::Timeout,
            SdkError::DispatchFailure(_) => SdkFailure::Connection,
            SdkError::ResponseError(_) => SdkFailure::Response,
            SdkError::ServiceError(service) => SdkFailure::Service {
                code: service.err().code().unwrap_or("unknown").to_owned(),
            },
            _ => SdkFailure::Construction,
        };
        Error::Sdk {
            operation,
            table: table.to_owned(),
            kind,
            source: Box::new(source.into()),
            attempts: Box::new(attempts),
        }
    }

    /// The item a failed condition found, read as model `M`: `None` when the error is not a
    /// failed condition or there was no item, else the model (or why the item does not read
    /// as one).
    ///
    /// ```no_run
    /// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
    /// use dynamo_model::prelude::*;
    /// # #[derive(Model)] struct Order { #[dynamo(partition_key)] id: String, status: String }
    /// let f = Order::fields();
    /// match Order::delete(db, "o1").condition(f.status.eq("cancelled")).await {
    ///     Err(e @ Error::ConditionFailed { .. }) => match e.stored_as::<Order>() {
    ///         None => println!("no such order"),
    ///         Some(Ok(order)) => println!("order is {}, not cancelled", order.status),
    ///         Some(Err(unreadable)) => return Err(unreadable.into()),
    ///     },
    ///     other => other?,
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stored_as<M: crate::Model>(&self) -> Option<Result<M, ConversionError>> {
        match self {
            Error::ConditionFailed {
                stored: Some(item), ..
            } => Some(M::from_item((**item).clone())),
            _ => None,
        }
    }

    /// Whether DynamoDB throttled the request (after the SDK's own retries): the table's or
    /// account's throughput was exceeded. Worth retrying later, more slowly.
    pub fn is_throttling(&self) -> bool {
        match self {
            Error::Sdk {
                kind: SdkFailure::Service { code },
                ..
            } => THROTTLING.contains(&code.as_str()),
            Error::TransactionCanceled { reasons } => {
                reasons.iter().any(|r| matches!(r, CancelReason::Throttled))
            }
            _ => false,
        }
    }

    /// Whether the same request may succeed if sent again as it is: throttling, a timeout, a
    /// lost connection, a server-side error, a transaction canceled only by conflicts or
    /// throttling, or a batch with items left unprocessed. Not a failed condition, invalid
    /// input or a missing table, which fail again.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Sdk { kind, .. } => match kind {
                SdkFailure::Timeout | SdkFailure::Connection | SdkFailure::Response => true,
                SdkFailure::Service { code } => {
                    THROTTLING.contains(&code.as_str()) || TRANSIENT.contains(&code.as_str())
                }
                SdkFailure::Construction => false,
            },
            Error::TransactionCanceled { reasons } => {
                reasons
                    .iter()
                    .any(|r| matches!(r, CancelReason::Conflict | CancelReason::Throttled))
                    && reasons.iter().all(|r| {
                        matches!(
                            r,
                            CancelReason::None | CancelReason::Conflict | CancelReason::Throttled
                        )
                    })
            }
            Error::BatchIncomplete {
                unprocessed,
                failed,
                hook_errors: 0,
                ..
            } => *unprocessed > 0 || *failed > 0,
            Error::TableNotActive { .. } => true,
            _ => false,
        }
    }

    /// Whether there was no item: [`Error::NotFound`] (from `one()` or an update of a missing
    /// item).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// Whether the stored item was not in the state the write required: it exists already
    /// (`create`), a condition failed, its version moved on, or a transaction was canceled
    /// by a failed condition or version check.
    pub fn is_conflict(&self) -> bool {
        match self {
            Error::AlreadyExists { .. }
            | Error::ConditionFailed { .. }
            | Error::VersionConflict { .. } => true,
            Error::TransactionCanceled { reasons } => reasons.iter().any(|r| {
                matches!(
                    r,
                    CancelReason::ConditionFailed { .. }
                        | CancelReason::AlreadyExists { .. }
                        | CancelReason::VersionConflict { .. }
                        | CancelReason::OtherSchemaVersion { .. }
                )
            }),
            _ => false,
        }
    }

    /// The HTTP status an API would answer this error with; the table in the guide's
    /// `docs/getting-started.md` gives the reasoning. Input the caller sent is 4xx; state the
    /// caller can change is 404, 409 or 412; DynamoDB's load and reach are 503 and 504; the
    /// rest is the server's fault, 500.
    pub fn http_status(&self) -> u16 {
        match self {
            Error::NotFound { .. } => 404,
            Error::AlreadyExists { .. } | Error::ConditionFailed { .. } => 409,
            Error::VersionConflict { .. } => 412,
            Error::TransactionCanceled { .. } if self.is_throttling() => 503,
            Error::TransactionCanceled { .. } => 409,
            Error::Validation(_) => 422,
            Error::ItemTooLarge { .. } => 413,
            Error::InvalidCursor { .. } | Error::InvalidRequest { .. } => 400,
            Error::BatchIncomplete { .. } | Error::TableNotActive { .. } => 503,
            Error::Sdk { kind, .. } => match kind {
                SdkFailure::Timeout => 504,
                SdkFailure::Connection | SdkFailure::Response => 503,
                SdkFailure::Service { .. } if self.is_retryable() => 503,
                _ => 500,
            },
            _ => 500,
        }
    }
}

impl From<Unresolved> for Error {
    fn from(unresolved: Unresolved) -> Self {
        Error::Unresolved(Box::new(unresolved))
    }
}
