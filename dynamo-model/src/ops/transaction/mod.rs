//! Transactions: TransactWriteItems and TransactGetItems across models and tables, all or
//! nothing, with a typed reason for each action when DynamoDB cancels one.

mod action;
mod get;
mod write;

pub use get::{TransactionGet, TransactionItems};
pub use write::Transaction;

/// DynamoDB runs at most this many actions in one transaction.
pub const MAX_TRANSACTION_ACTIONS: usize = 100;

pub(crate) fn built<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    // Every builder below gets its required fields set just before `build`.
    result.unwrap_or_else(|e| unreachable!("transaction action with its required fields: {e:?}"))
}
