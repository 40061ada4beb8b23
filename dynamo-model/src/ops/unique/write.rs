//! A write of an item with unique attributes, sent as one transaction with its marker items.

use std::collections::HashMap;

use aws_sdk_dynamodb::operation::delete_item::builders::DeleteItemInputBuilder;
use aws_sdk_dynamodb::operation::put_item::builders::PutItemInputBuilder;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::update_item::builders::UpdateItemInputBuilder;
use aws_sdk_dynamodb::types::{
    AttributeValue, CancellationReason, Delete, Put, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update,
};

use super::{key_of, marker, marker_table, read};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::{CancelReason, Error};
use crate::operation::Operation;
use crate::ops::{built, finish, request_span};
use crate::schema::Schema;
use crate::value::Item;

/// How many times a write is tried when another writer changed the item's unique values
/// between the read and the write.
const RACES: usize = 4;

/// The single-item request a unique write sends in its transaction.
pub(crate) enum ItemAction {
    Put(PutItemInputBuilder),
    Update(UpdateItemInputBuilder),
    Delete(DeleteItemInputBuilder),
}

/// A write of an item of a model with unique attributes.
pub(crate) struct UniqueWrite<'u> {
    pub(crate) schema: Schema,
    pub(crate) operation: Operation,
    pub(crate) action: ItemAction,
    /// A create: the item must be new, so there is nothing to read.
    pub(crate) only_if_new: bool,
    /// An update that may create the item.
    pub(crate) upsert: bool,
    pub(crate) expected_version: Option<u64>,
    /// The item after the write, given the item before it (`None`: no item).
    pub(crate) after: Box<After<'u>>,
}

/// The item after a write, given the item before it.
pub(crate) type After<'u> = dyn Fn(Option<&Item>) -> Result<Option<Item>, Error> + Send + Sync + 'u;

/// What became of one try.
enum Tried {
    /// Written; the item as it was before.
    Written(Option<Item>),
    /// Another writer changed the item or a marker meanwhile: read again and retry.
    Raced(Error),
}

impl UniqueWrite<'_> {
    /// Sends the write with its marker actions, reading the item first (unless it is a
    /// create); gives the item as it was before.
    pub(crate) async fn send(self, db: &Db) -> Result<Option<Item>, Error> {
        let mut raced = None;
        for _ in 0..RACES {
            match self.try_once(db).await? {
                Tried::Written(old) => return Ok(old),
                Tried::Raced(error) => raced = Some(error),
            }
        }
        Err(raced.unwrap_or(Error::TransactionCanceled {
            reasons: vec![CancelReason::Conflict],
        }))
    }

    async fn try_once(&self, db: &Db) -> Result<Tried, Error> {
        let (table, key) = self.action.target(&self.schema);
        let old = match self.only_if_new {
            true => None,
            false => read(db, &table, key.clone()).await?,
        };
        let new = (self.after)(old.as_ref())?;
        let mut actions = vec![
            self.action
                .guarded(&self.schema, old.as_ref(), self.only_if_new),
        ];
        // Per action after the item's: the attribute and value a marker put claims.
        let mut claims: Vec<Option<(&'static str, AttributeValue)>> = Vec::new();
        let markers = marker_table(db, &self.schema);
        for &attribute in self.schema.uniques {
            let before = old.as_ref().and_then(|item| item.get(attribute));
            let after = new.as_ref().and_then(|item| item.get(attribute));
            if before == after {
                continue;
            }
            if let Some(value) = before {
                let marker = marker::key(&self.schema, attribute, value)?;
                actions.push(marker::delete(&markers, marker, &key));
                claims.push(None);
            }
            if let Some(value) = after {
                let marker = marker::key(&self.schema, attribute, value)?;
                actions.push(marker::put(&markers, marker, &key));
                claims.push(Some((attribute, value.clone())));
            }
        }
        let span = request_span(
            Operation::TransactWriteItems,
            Models::One(self.schema.name),
            &table,
            None,
        );
        let count = actions.len();
        let request = db
            .client()
            .transact_write_items()
            .set_transact_items(Some(actions))
            .client_request_token(format!("{:032x}", fastrand::u128(..)))
            .set_return_consumed_capacity(db.return_capacity())
            .send();
        let (result, attempts) =
            crate::db::watch(tracing::Instrument::instrument(request, span.clone())).await;
        match result {
            Ok(output) => {
                let models = Models::One(self.schema.name);
                let consumed = output.consumed_capacity();
                finish(
                    db,
                    &span,
                    Operation::TransactWriteItems,
                    models,
                    count,
                    consumed,
                );
                Ok(Tried::Written(old))
            }
            Err(e) => match e.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
                    let reasons = canceled.cancellation_reasons();
                    self.canceled(&table, old.as_ref(), reasons, &claims)
                }
                _ => Err(Error::sdk(
                    Operation::TransactWriteItems,
                    &table,
                    e,
                    attempts,
                )),
            },
        }
    }

    /// The error of a cancelled try, or a race to retry.
    fn canceled(
        &self,
        table: &str,
        old: Option<&Item>,
        reasons: &[CancellationReason],
        claims: &[Option<(&'static str, AttributeValue)>],
    ) -> Result<Tried, Error> {
        let failed = |reason: &CancellationReason| reason.code() == Some("ConditionalCheckFailed");
        for (reason, claim) in reasons.iter().skip(1).zip(claims) {
            match (failed(reason), claim) {
                (true, Some((attribute, value))) => {
                    return Err(Error::AlreadyExists {
                        table: table.to_owned(),
                        model: self.schema.name,
                        unique: Some((attribute, crate::value::describe_value(value))),
                    });
                }
                // A marker this item held is another's now: the item changed meanwhile.
                (true, None) => return Ok(Tried::Raced(self.conflict(reasons))),
                _ => {}
            }
        }
        if reasons
            .iter()
            .any(|r| r.code() == Some("TransactionConflict"))
        {
            return Ok(Tried::Raced(self.conflict(reasons)));
        }
        match reasons.first() {
            Some(reason) if failed(reason) => self.item_failed(table, old, reason.item()),
            _ => Err(self.conflict(reasons)),
        }
    }

    /// The error of the item's own action, whose condition failed on `stored`.
    fn item_failed(
        &self,
        table: &str,
        old: Option<&Item>,
        stored: Option<&Item>,
    ) -> Result<Tried, Error> {
        let stored = stored.filter(|item| !item.is_empty());
        if self.only_if_new && stored.is_some() {
            return Err(Error::AlreadyExists {
                table: table.to_owned(),
                model: self.schema.name,
                unique: None,
            });
        }
        // The item's unique values are not the ones read: read again.
        let values = |item: Option<&Item>| -> Vec<Option<AttributeValue>> {
            let value = |a: &&str| item.and_then(|item| item.get(*a).cloned());
            self.schema.uniques.iter().map(value).collect()
        };
        let moved = old.is_some() != stored.is_some() || values(old) != values(stored);
        if !self.only_if_new && moved {
            return Ok(Tried::Raced(self.conflict(&[])));
        }
        let version = self.schema.version;
        if let Some(conflict) =
            crate::ops::write::version_conflict(version, table, self.expected_version, stored)
        {
            return Err(conflict);
        }
        if matches!(self.action, ItemAction::Update(_)) && !self.upsert && stored.is_none() {
            return Err(Error::NotFound {
                table: table.to_owned(),
            });
        }
        Err(Error::ConditionFailed {
            operation: self.operation,
            table: table.to_owned(),
            stored: stored.map(|item| Box::new(item.clone())),
        })
    }

    /// A cancellation for another reason, as a transaction's error.
    fn conflict(&self, reasons: &[CancellationReason]) -> Error {
        let reasons = reasons
            .iter()
            .map(|reason| CancelReason::from_sdk(reason, None, None, None))
            .collect::<Vec<_>>();
        Error::TransactionCanceled {
            reasons: if reasons.is_empty() {
                vec![CancelReason::Conflict]
            } else {
                reasons
            },
        }
    }
}

/// The condition that the item's unique values are the ones read (`old`), to keep a write
/// from losing a race with another writer between the read and the write: its text, names and
/// values, with placeholders of their own (`#u0`, `:u0`).
fn as_read(schema: &Schema, old: Option<&Item>) -> (String, HashMap<String, String>, Item) {
    let mut names = HashMap::new();
    let mut values = Item::new();
    let Some(old) = old else {
        names.insert("#u0".to_owned(), schema.partition_key.name.to_owned());
        return ("attribute_not_exists(#u0)".to_owned(), names, values);
    };
    let mut parts = Vec::new();
    for (i, attribute) in schema.uniques.iter().enumerate() {
        let name = format!("#u{i}");
        names.insert(name.clone(), (*attribute).to_owned());
        match old.get(*attribute) {
            Some(value) => {
                let placeholder = format!(":u{i}");
                parts.push(format!("{name} = {placeholder}"));
                values.insert(placeholder, value.clone());
            }
            None => parts.push(format!("attribute_not_exists({name})")),
        }
    }
    (parts.join(" AND "), names, values)
}

/// The request's condition, names and values with `extra` added.
fn merged(
    condition: Option<&String>,
    names: Option<&HashMap<String, String>>,
    values: Option<&Item>,
    extra: Option<(String, HashMap<String, String>, Item)>,
) -> (
    Option<String>,
    Option<HashMap<String, String>>,
    Option<Item>,
) {
    let mut names = names.cloned().unwrap_or_default();
    let mut values = values.cloned().unwrap_or_default();
    let condition = match extra {
        Some((text, more_names, more_values)) => {
            names.extend(more_names);
            values.extend(more_values);
            Some(crate::ops::write::and_text(text, condition.cloned()))
        }
        None => condition.cloned(),
    };
    let names = (!names.is_empty()).then_some(names);
    let values = (!values.is_empty()).then_some(values);
    (condition, names, values)
}

impl ItemAction {
    /// The table written and the key of the item.
    fn target(&self, schema: &Schema) -> (String, Item) {
        match self {
            ItemAction::Put(input) => (
                input.get_table_name().clone().unwrap_or_default(),
                input
                    .get_item()
                    .as_ref()
                    .map(|item| key_of(schema, item))
                    .unwrap_or_default(),
            ),
            ItemAction::Update(input) => (
                input.get_table_name().clone().unwrap_or_default(),
                input.get_key().clone().unwrap_or_default(),
            ),
            ItemAction::Delete(input) => (
                input.get_table_name().clone().unwrap_or_default(),
                input.get_key().clone().unwrap_or_default(),
            ),
        }
    }

    /// The action as a transaction's, conditional also on the item's unique values being the
    /// ones read (not for a create, whose item must not exist at all).
    fn guarded(&self, schema: &Schema, old: Option<&Item>, only_if_new: bool) -> TransactWriteItem {
        let extra = (!only_if_new).then(|| as_read(schema, old));
        let on_failure = ReturnValuesOnConditionCheckFailure::AllOld;
        let item = TransactWriteItem::builder();
        match self {
            ItemAction::Put(input) => {
                let (condition, names, values) = merged(
                    input.get_condition_expression().as_ref(),
                    input.get_expression_attribute_names().as_ref(),
                    input.get_expression_attribute_values().as_ref(),
                    extra,
                );
                let put = Put::builder()
                    .set_table_name(input.get_table_name().clone())
                    .set_item(input.get_item().clone())
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(names)
                    .set_expression_attribute_values(values)
                    .return_values_on_condition_check_failure(on_failure)
                    .build();
                item.put(built(put)).build()
            }
            ItemAction::Update(input) => {
                let (condition, names, values) = merged(
                    input.get_condition_expression().as_ref(),
                    input.get_expression_attribute_names().as_ref(),
                    input.get_expression_attribute_values().as_ref(),
                    extra,
                );
                let update = Update::builder()
                    .set_table_name(input.get_table_name().clone())
                    .set_key(input.get_key().clone())
                    .set_update_expression(input.get_update_expression().clone())
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(names)
                    .set_expression_attribute_values(values)
                    .return_values_on_condition_check_failure(on_failure)
                    .build();
                item.update(built(update)).build()
            }
            ItemAction::Delete(input) => {
                let (condition, names, values) = merged(
                    input.get_condition_expression().as_ref(),
                    input.get_expression_attribute_names().as_ref(),
                    input.get_expression_attribute_values().as_ref(),
                    extra,
                );
                let delete = Delete::builder()
                    .set_table_name(input.get_table_name().clone())
                    .set_key(input.get_key().clone())
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(names)
                    .set_expression_attribute_values(values)
                    .return_values_on_condition_check_failure(on_failure)
                    .build();
                item.delete(built(delete)).build()
            }
        }
    }
}

/// A write of a model with unique attributes in a transaction of the caller's, refused: its
/// marker items need a transaction of its own.
pub(crate) fn refuse_in_transaction(schema: &Schema, what: &str) -> Result<(), Error> {
    refuse(
        schema,
        Operation::TransactWriteItems,
        what,
        "write it on its own (`put`, `create`, `update`, `delete`), which keeps its markers in a transaction of its own",
    )
}

/// A write of a model with unique attributes in a batch, refused: a batch write takes no
/// condition, so it could not keep two items from holding one value.
pub(crate) fn refuse_in_batch(schema: &Schema, what: &str) -> Result<(), Error> {
    refuse(
        schema,
        Operation::BatchWriteItem,
        what,
        "write it on its own (`put`, `create`, `delete`), which checks its unique values",
    )
}

fn refuse(schema: &Schema, operation: Operation, what: &str, instead: &str) -> Result<(), Error> {
    if schema.uniques.is_empty() {
        return Ok(());
    }
    Err(Error::InvalidRequest {
        operation,
        reason: format!(
            "{what} of `{}`, whose unique attributes ({}) are kept by marker items, cannot be in a {}: {instead}",
            schema.name,
            schema
                .uniques
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if operation == Operation::BatchWriteItem {
                "batch"
            } else {
                "transaction"
            },
        ),
    })
}
