//! Why DynamoDB cancelled a transaction, action by action.

use crate::value::Item;

/// Why DynamoDB cancelled one action of a transaction (or `None` for an action that would have
/// succeeded: when one action fails, every action gets a reason).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CancelReason {
    /// This action was fine; another one cancelled the transaction.
    None,
    /// The action's condition did not hold. `item` is the item as it was, when the transaction
    /// asked for it with [`Transaction::return_items_on_condition_failure`].
    ///
    /// [`Transaction::return_items_on_condition_failure`]:
    /// crate::ops::Transaction::return_items_on_condition_failure
    ConditionFailed {
        /// The item the condition was checked against.
        item: Option<Item>,
    },
    /// The action was a `create`, and an item with the key is there, as
    /// [`Error::AlreadyExists`](crate::Error::AlreadyExists) says of a single `create`.
    AlreadyExists {
        /// The table written to.
        table: String,
        /// The model created, by its Rust type name.
        model: &'static str,
    },
    /// The action wrote a versioned model, and the stored item has another version than the
    /// one the model was read at.
    VersionConflict {
        /// The version the action expected (0: no item).
        expected: u64,
        /// The version stored, or `None` when there was no item.
        found: Option<u64>,
    },
    /// The action was an update of a model with a schema version, and the stored item is
    /// stamped with another version: an update applies to items of the current version, so
    /// upgrade the item first (`get(..).write_back()`, or a migration).
    OtherSchemaVersion {
        /// The model updated, by its Rust type name.
        model: &'static str,
        /// The version the item is stamped with.
        stored: u32,
        /// The model's version.
        current: u32,
    },
    /// Another transaction or write touched the same item at the same time.
    Conflict,
    /// The request rate was too high for the table or partition.
    Throttled,
    /// DynamoDB found the action invalid for the stored item (e.g. arithmetic on an absent
    /// attribute).
    Validation {
        /// DynamoDB's message.
        message: String,
    },
    /// Any other reason DynamoDB gives.
    Other {
        /// DynamoDB's code.
        code: String,
        /// DynamoDB's message.
        message: String,
    },
}

impl CancelReason {
    /// The reason of one action; `version` is the version a versioned action expected, which
    /// tells a version conflict from a failed condition of the caller's, and `creates` the table
    /// and model of a `create`, whose failure with an item there is [`AlreadyExists`].
    ///
    /// [`AlreadyExists`]: CancelReason::AlreadyExists
    pub(crate) fn from_sdk(
        reason: &aws_sdk_dynamodb::types::CancellationReason,
        version: Option<(&'static str, u64)>,
        creates: Option<&(String, &'static str)>,
        shape: Option<(crate::schema::SchemaVersion, &'static str)>,
    ) -> Self {
        let message = reason.message().unwrap_or_default().to_owned();
        match reason.code().unwrap_or("None") {
            "None" => CancelReason::None,
            "ConditionalCheckFailed" => {
                let stored = reason.item().is_some_and(|item| !item.is_empty());
                if let (Some((table, model)), true) = (creates, stored) {
                    return CancelReason::AlreadyExists {
                        table: table.clone(),
                        model,
                    };
                }
                if let (Some((versions, model)), Some(item)) = (shape, reason.item())
                    && let Ok(stored) = versions.of(item)
                    && !item.is_empty()
                    && stored != versions.current
                {
                    return CancelReason::OtherSchemaVersion {
                        model,
                        stored,
                        current: versions.current,
                    };
                }
                if let Some((attribute, expected)) = version {
                    let found = crate::behaviour::version::stored(reason.item(), attribute);
                    if found.unwrap_or(0) != expected {
                        return CancelReason::VersionConflict { expected, found };
                    }
                }
                CancelReason::ConditionFailed {
                    item: reason.item().cloned(),
                }
            }
            "TransactionConflict" => CancelReason::Conflict,
            "ThrottlingError" | "ProvisionedThroughputExceeded" | "RequestLimitExceeded" => {
                CancelReason::Throttled
            }
            "ValidationError" => CancelReason::Validation { message },
            code => CancelReason::Other {
                code: code.to_owned(),
                message,
            },
        }
    }
}
