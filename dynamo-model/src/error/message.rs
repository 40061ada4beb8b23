//! The sentences of errors that are more than one field: a cancelled transaction's reasons, a
//! missing table.

use super::cancel::CancelReason;
use crate::operation::Operation;

/// "action 1: condition failed; action 3: conflict", skipping the actions that were fine.
pub(super) fn describe_reasons(reasons: &[CancelReason]) -> String {
    let parts: Vec<String> = reasons
        .iter()
        .enumerate()
        .filter_map(|(i, reason)| {
            let what = match reason {
                CancelReason::None => return None,
                CancelReason::ConditionFailed { .. } => "condition failed".to_owned(),
                CancelReason::AlreadyExists { table, model } => {
                    format!("a `{model}` with this key already exists in table `{table}`")
                }
                CancelReason::VersionConflict { expected, found } => format!(
                    "version conflict (expected {expected}, found {})",
                    found.map_or_else(|| "no item".to_owned(), |v| v.to_string())
                ),
                CancelReason::OtherSchemaVersion {
                    model,
                    stored,
                    current,
                } => format!(
                    "the `{model}` item is stamped with schema version {stored}, not {current}: an update applies to items of the current version, so upgrade it first (`get(..).write_back()` or a migration)"
                ),
                CancelReason::Conflict => "conflict with another write".to_owned(),
                CancelReason::Throttled => "throttled".to_owned(),
                CancelReason::Validation { message } => format!("invalid: {message}"),
                CancelReason::Other { code, message } => format!("{code}: {message}"),
            };
            Some(format!("action {i}: {what}"))
        })
        .collect();
    if parts.is_empty() {
        "no reason given".to_owned()
    } else {
        parts.join("; ")
    }
}

/// `table `cats` does not exist (GetItem): create it ...`, or for a transaction, which does not
/// say which table is missing, the same about one of its tables.
pub(super) fn missing_table_message(operation: Operation, table: &str) -> String {
    let what = if table.starts_with('(') {
        "a table the transaction addresses does not exist".to_owned()
    } else {
        format!("table `{table}` does not exist")
    };
    format!(
        "{what} ({operation}): create it with `Model::table().create_if_missing(db)`, `sync`, or in your infrastructure, or check the `Db`'s table prefix"
    )
}

/// ``a `User` with this key already exists in table `users` `` or, for a unique value, ``a
/// `User` with `email` "ann@example.com" already exists in table `users` ``.
pub(super) fn already_exists_message(
    model: &str,
    table: &str,
    unique: Option<&(&'static str, String)>,
) -> String {
    match unique {
        Some((attribute, value)) => {
            format!("a `{model}` with `{attribute}` {value} already exists in table `{table}`")
        }
        None => format!("a `{model}` with this key already exists in table `{table}`"),
    }
}
