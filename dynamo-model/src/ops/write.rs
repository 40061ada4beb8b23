//! The write path of whole models and keys: the model's behaviours in their order, the item
//! with its next version, the condition every write carries (the caller's, the version check,
//! the create's key check), and what a failed condition means.

use crate::operation::Operation;
use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::error::Error;
use crate::expr::{Condition, Placeholders};
use crate::model::Model;
use crate::schema::Schema;
use crate::value::ConversionError;
use crate::value::Item;

/// The condition options of a write by key (delete, update), written once: the builder holds
/// `condition` and `expected_version`. `$verb` starts the docs ("Deletes"), `$more` ends
/// `if_version`'s.
macro_rules! condition_options {
    ($verb:literal, $more:literal) => {
        #[doc = concat!(
            $verb, " only if `condition` holds for the stored item; otherwise `.await` fails ",
            "with [`Error::ConditionFailed`]. A second call combines both conditions with AND."
        )]
        pub fn condition(mut self, condition: Condition) -> Self {
            Condition::and_into(&mut self.condition, condition);
            self
        }

        #[doc = concat!(
            $verb, " only if the stored item has this `#[dynamo(version)]` (the version of ",
            "the model as it was read); otherwise `.await` fails with ",
            "[`Error::VersionConflict`]. Does nothing for a model without a version.", $more
        )]
        pub fn if_version(mut self, version: u64) -> Self {
            self.expected_version = M::SCHEMA.version.map(|_| version);
            self
        }
    };
}

/// Whether an SDK error is DynamoDB's "the condition did not hold".
pub(crate) fn is_condition_failure<E, R>(error: &aws_sdk_dynamodb::error::SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    error.as_service_error().and_then(|e| e.code()) == Some("ConditionalCheckFailedException")
}

/// The service errors of conditional writes, which carry the stored item when the condition
/// failed and the request asked for it (as versioned writes do).
pub(crate) trait ConditionFailure {
    /// The item as it was when the condition failed.
    fn stored_item(&self) -> Option<&Item>;
}

macro_rules! condition_failures {
    ($($error:ty),*) => {$(
        impl ConditionFailure for $error {
            fn stored_item(&self) -> Option<&Item> {
                match self {
                    Self::ConditionalCheckFailedException(failed) => failed.item.as_ref(),
                    _ => None,
                }
            }
        }
    )*};
}

condition_failures!(PutItemError, DeleteItemError, UpdateItemError);

/// The item stored when a conditional write's condition failed, if DynamoDB returned it.
pub(crate) fn stored_item<E: ConditionFailure, R>(
    error: &aws_sdk_dynamodb::error::SdkError<E, R>,
) -> Option<&Item> {
    error
        .as_service_error()
        .and_then(ConditionFailure::stored_item)
}

/// When a write's condition failed on a retry (the SDK made more than one attempt), the item
/// DynamoDB found then (`None` inside for no item): the case where an earlier attempt may have
/// landed and lost its answer. `None` for any other outcome.
pub(crate) fn retried_condition_failure<E, R>(
    attempts: u32,
    error: &aws_sdk_dynamodb::error::SdkError<E, R>,
) -> Option<Option<&Item>>
where
    E: ConditionFailure + aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    (attempts > 1 && is_condition_failure(error)).then(|| stored_item(error))
}

/// The error of a failed conditional write of a model whose version attribute is `version`:
/// [`Error::VersionConflict`] when the stored item has another version than `expected`,
/// [`Error::ConditionFailed`] when another condition did not hold, else the SDK's error.
pub(crate) fn write_error<E, R>(
    operation: Operation,
    version: Option<&'static str>,
    table: String,
    expected: Option<u64>,
    error: aws_sdk_dynamodb::error::SdkError<E, R>,
    attempts: crate::db::Attempts,
) -> Error
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata + ConditionFailure,
    aws_sdk_dynamodb::error::SdkError<E, R>: Into<aws_sdk_dynamodb::Error>,
{
    if !is_condition_failure(&error) {
        return Error::sdk(operation, &table, error, attempts);
    }
    version_conflict(version, &table, expected, stored_item(&error)).unwrap_or_else(|| {
        Error::ConditionFailed {
            operation,
            table,
            stored: stored_item(&error)
                .filter(|item| !item.is_empty())
                .map(|item| Box::new(item.clone())),
        }
    })
}

/// A model's item, ready to write, with the version it was read at.
pub(crate) struct PreparedWrite {
    pub(crate) item: Item,
    /// The version the stored item must have (0: no item), for a versioned model.
    pub(crate) expected_version: Option<u64>,
}

/// Runs the write behaviours in their documented order: `before_save`, timestamps, validation;
/// then builds the item, carrying the next version for a versioned model. `creating` sets
/// `created_at` even when the model has one.
pub(crate) fn prepare<M: Model>(model: &mut M, creating: bool) -> Result<PreparedWrite, Error> {
    model
        .before_save()
        .map_err(|e| Error::hook::<M>("before_save", e))?;
    if M::SCHEMA.created_at.is_some() || M::SCHEMA.updated_at.is_some() {
        model.stamp(std::time::SystemTime::now(), creating);
    }
    build_write(model)
}

/// The item of a write of `model` as it is, after validation, carrying the next version for a
/// versioned model; the part of [`prepare`] that changes nothing.
pub(crate) fn build_write<M: Model>(model: &M) -> Result<PreparedWrite, Error> {
    model.validate()?;
    let item = model.to_item()?;
    let version = M::SCHEMA.version.map(|_| (model.version(), M::VERSION_MAX));
    checked_write(&M::SCHEMA, item, version)
}

/// The item of a write checked against DynamoDB's limits (key and item sizes), with the next
/// version when `version` gives the model's current one and the largest it can hold.
fn checked_write(
    schema: &Schema,
    mut item: Item,
    version: Option<(u64, u64)>,
) -> Result<PreparedWrite, Error> {
    crate::schema::check_item_keys(schema, &item)?;
    let size = crate::value::item_size(&item);
    if size > crate::value::MAX_ITEM_SIZE {
        return Err(Error::ItemTooLarge {
            table: schema.table.to_owned(),
            size,
            limit: crate::value::MAX_ITEM_SIZE,
            largest: crate::value::largest_attributes(&item, 3),
        });
    }
    let expected_version = match schema.version.zip(version) {
        Some((attribute, (current, max))) => {
            if current >= max {
                return Err(Error::VersionExhausted {
                    table: schema.table.to_owned(),
                    attribute,
                    max,
                });
            }
            item.insert(
                attribute.to_owned(),
                AttributeValue::N((current + 1).to_string()),
            );
            Some(current)
        }
        None => None,
    };
    Ok(PreparedWrite {
        item,
        expected_version,
    })
}

/// The condition of a write of a model with `schema` (put, create, update or delete, alone or in a
/// transaction), rendered into `placeholders`: the caller's `condition`, the version check of a versioned model (the stored item must have
/// version `expected`), and for a create "no item with this key" (the partition key is present in
/// every item of the table, so its absence means that).
pub(crate) fn write_condition(
    schema: &Schema,
    condition: Option<&Condition>,
    expected: Option<u64>,
    only_if_new: bool,
    placeholders: &mut Placeholders,
) -> Result<Option<String>, ConversionError> {
    let mut text = condition.map(|c| c.render(placeholders)).transpose()?;
    if let (Some(attribute), Some(expected)) = (schema.version, expected) {
        let version = crate::behaviour::version::condition(attribute, expected, placeholders);
        text = Some(and_text(version, text));
    }
    if only_if_new {
        let key = crate::expr::not_exists_text(schema.partition_key.name, placeholders);
        text = Some(and_text(key, text));
    }
    Ok(text)
}

/// `required AND (other)`, or `required` alone. `other` keeps its own parentheses when it is
/// already one group: DynamoDB refuses redundant ones.
pub(crate) fn and_text(required: String, other: Option<String>) -> String {
    match other {
        Some(other) if is_one_group(&other) => format!("{required} AND {other}"),
        Some(other) => format!("{required} AND ({other})"),
        None => required,
    }
}

/// Whether `text` is wholly inside one pair of parentheses: `(a OR b)`, not `(a) OR (b)`.
fn is_one_group(text: &str) -> bool {
    if !text.starts_with('(') {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a failed write of a model versioned by attribute `version` failed for its version:
/// the stored item's version is not the expected one. `stored` is the item DynamoDB returned
/// with the failure.
pub(crate) fn version_conflict(
    version: Option<&'static str>,
    table: &str,
    expected: Option<u64>,
    stored: Option<&Item>,
) -> Option<Error> {
    let (attribute, expected) = (version?, expected?);
    let found = crate::behaviour::version::stored(stored, attribute);
    // No item, or one without a version, is version 0.
    (found.unwrap_or(0) != expected).then(|| Error::VersionConflict {
        table: table.to_owned(),
        expected,
        found,
    })
}

/// What a successful write of a whole model does to it: record the version written, then run
/// `after_save`.
pub(crate) fn saved<M: Model>(model: &mut M, expected: Option<u64>) -> Result<(), Error> {
    if let Some(expected) = expected {
        model.set_version(expected.saturating_add(1));
    }
    model
        .after_save()
        .map_err(|e| Error::hook::<M>("after_save", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_join_without_redundant_parentheses() {
        let cap = "(attribute_not_exists(#v) OR #v < :m)".to_owned();
        assert_eq!(
            and_text("attribute_exists(#k)".into(), Some(cap.clone())),
            "attribute_exists(#k) AND (attribute_not_exists(#v) OR #v < :m)"
        );
        assert_eq!(
            and_text("attribute_exists(#k)".into(), Some("#a = :a".into())),
            "attribute_exists(#k) AND (#a = :a)"
        );
        assert_eq!(
            and_text("#v = :v".into(), Some("(#a = :a) OR (#b = :b)".into())),
            "#v = :v AND ((#a = :a) OR (#b = :b))"
        );
        assert_eq!(and_text(cap.clone(), None), cap);
    }
}
