//! The keys and the table name: one partition key, at most one sort key, of key types; a name
//! DynamoDB accepts.

use super::*;

pub(super) fn check_keys(cx: &Ctxt, cont: &Container) {
    let partition_keys: Vec<_> = cont
        .fields()
        .iter()
        .filter_map(|f| f.attrs.partition_key.as_ref())
        .collect();
    match partition_keys.as_slice() {
        [] => cx.error_spanned_by(
            cont.ident,
            "a model needs a partition key: mark one field with #[dynamo(partition_key)]",
        ),
        [_] => {}
        [_, extra @ ..] => {
            for word in extra {
                cx.error_spanned_by(
                    word,
                    "a model has exactly one partition key; another field is already #[dynamo(partition_key)]",
                );
            }
        }
    }
    let sort_keys = cont
        .fields()
        .iter()
        .filter_map(|f| f.attrs.sort_key.as_ref());
    for word in sort_keys.skip(1) {
        cx.error_spanned_by(
            word,
            "a model has at most one sort key; another field is already #[dynamo(sort_key)]",
        );
    }
    for field in cont.fields() {
        if let (Some(_), Some(range)) = (&field.attrs.partition_key, &field.attrs.sort_key) {
            cx.error_spanned_by(
                range,
                "a field cannot be both the partition key and the sort key",
            );
        }
    }
}

/// DynamoDB table names are 3 to 255 characters of `a-z A-Z 0-9 _ . -`.
pub(super) fn check_table_name(cx: &Ctxt, cont: &Container) {
    let name = cont.table_name();
    if is_valid_name(&name) {
        return;
    }
    let message = format!(
        "invalid DynamoDB table name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"
    );
    match &cont.attrs.table {
        Some(table) => cx.error_spanned_by(table, message),
        None => cx.error_spanned_by(cont.ident, message),
    }
}

/// The naming rule DynamoDB applies to tables and indexes.
pub fn is_valid_name(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}
