//! Replacing a stored item by a new form of it, on the condition that it is still as read:
//! what `Get::write_back`, an update that finds an item of an earlier schema version, and the
//! migration runner do.
//!
//! A writer that changed the item meanwhile never loses its write: the replacement is
//! conditional ([`Guard`]), and when the condition fails nothing is written and the caller reads
//! the item again. A replacement that moves the item's key (a changed key template) deletes the
//! old item and puts the new one in one transaction.

use aws_sdk_dynamodb::operation::put_item::{PutItemError, PutItemInput, PutItemOutput};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    ConsumedCapacity, Delete, Put, ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem,
};

use super::telemetry::send_one;
use super::{built, finish, load, request_span};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::expr::Placeholders;
use crate::model::Model;
use crate::operation::Operation;
use crate::schema::{Schema, SchemaVersion};
use crate::value::Item;

/// How many times an update that found an item of an earlier version upgrades it and tries
/// again, and a `write_back` reads again after the item changed under it.
pub(crate) const RACES: usize = 4;

/// What became of a write-back ([`write_back`](crate::migrate::write_back)).
#[derive(Debug)]
pub enum WriteBack<M> {
    /// The item was of the current version: nothing written.
    Current(M),
    /// The item was written in the current shape.
    Upgraded(M),
    /// The stored item changed (or went) since it was read: nothing written. Read it again.
    Changed,
}

impl<M> WriteBack<M> {
    /// The model, unless the item changed meanwhile.
    pub fn model(self) -> Option<M> {
        match self {
            WriteBack::Current(model) | WriteBack::Upgraded(model) => Some(model),
            WriteBack::Changed => None,
        }
    }
}

/// Writes `stored`, an item of model `M` as read, back in the current shape if it has an
/// earlier schema version.
pub(crate) async fn write_back<M: Model>(db: &Db, stored: Item) -> Result<WriteBack<M>, Error> {
    let Some(versions) = M::SCHEMA.schema_version else {
        return load::<M, M>(stored).map(WriteBack::Current);
    };
    let version = versions.of(&stored)?;
    let model = load::<M, M>(stored.clone())?;
    if version == versions.current {
        return Ok(WriteBack::Current(model));
    }
    let item = model.to_item()?;
    let guard = Guard::Stamp(versions, version);
    Ok(match replace(db, &M::SCHEMA, &stored, guard, item).await? {
        Replaced::Written { .. } => WriteBack::Upgraded(model),
        Replaced::Changed => WriteBack::Changed,
    })
}

/// What must still hold of the stored item for a replacement to be written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Guard {
    /// The item is there, stamped with this version. Enough for an upgrade: an update applies
    /// only to items of the current version, and a put stamps the current one, so an item still
    /// stamped as read is unchanged.
    Stamp(SchemaVersion, u32),
    /// Every attribute of the model (and every other attribute the item had) is as read:
    /// present ones equal, absent ones still absent.
    AsRead,
}

/// What became of a replacement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Replaced {
    /// Written; the write units it consumed, as DynamoDB reported them (0 when not reported).
    Written { units: f64 },
    /// The stored item was not as read: nothing written.
    Changed,
}

/// Replaces `stored`, an item of the model with `schema` as read, by `item`, if `guard` holds.
pub(crate) async fn replace(
    db: &Db,
    schema: &Schema,
    stored: &Item,
    guard: Guard,
    item: Item,
) -> Result<Replaced, Error> {
    let old_key = super::unique::key_of(schema, stored);
    let new_key = super::unique::key_of(schema, &item);
    let unique_changed = schema
        .uniques
        .iter()
        .any(|a| stored.get(*a) != item.get(*a));
    if !schema.uniques.is_empty() && (old_key != new_key || unique_changed) {
        return Err(Error::InvalidRequest {
            operation: Operation::PutItem,
            reason: format!(
                "the new form of an item of `{}` changes its key or a unique attribute, whose marker items a replacement does not move: keep them as they are, or write the item with `put`",
                schema.name
            ),
        });
    }
    let target = Target { db, schema };
    if old_key == new_key {
        target.put(stored, guard, item).await
    } else {
        target.moved(stored, guard, old_key, item).await
    }
}

/// The condition that `stored` is still as read, by `guard`.
fn as_read(
    schema: &Schema,
    stored: &Item,
    guard: Guard,
    placeholders: &mut Placeholders,
) -> String {
    let exists = crate::expr::exists_text(schema.partition_key.name, placeholders);
    match guard {
        Guard::Stamp(versions, version) => {
            let stamp =
                crate::behaviour::upgrade::stamp_condition(&versions, version, placeholders);
            format!("{exists} AND {stamp}")
        }
        Guard::AsRead => {
            let mut names: Vec<&str> = schema.attributes.to_vec();
            names.extend(schema.version);
            names.extend(schema.schema_version.map(|v| v.attribute));
            names.extend(stored.keys().map(String::as_str));
            names.sort_unstable();
            names.dedup();
            let mut text = exists;
            for name in names {
                text.push_str(" AND ");
                match stored.get(name) {
                    Some(value) => {
                        placeholders.name(name, &mut text);
                        text.push_str(" = ");
                        placeholders.value(value.clone(), &mut text);
                    }
                    None => text.push_str(&crate::expr::not_exists_text(name, placeholders)),
                }
            }
            text
        }
    }
}

/// The table a replacement writes.
struct Target<'r> {
    db: &'r Db,
    schema: &'r Schema,
}

impl Target<'_> {
    async fn put(&self, stored: &Item, guard: Guard, item: Item) -> Result<Replaced, Error> {
        let mut placeholders = Placeholders::new();
        let condition = as_read(self.schema, stored, guard, &mut placeholders);
        let table = self.db.table_name(self.schema.table);
        let sent = item.clone();
        let input = PutItemInput::builder()
            .table_name(&table)
            .set_item(Some(item))
            .condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .return_consumed_capacity(self.capacity());
        let (result, attempts) = crate::db::watch(send_one(
            self.db,
            Operation::PutItem,
            self.schema.name,
            &table,
            input.send_with(self.db.client()),
            |_| 1,
            PutItemOutput::consumed_capacity,
        ))
        .await;
        match result {
            Ok(output) => Ok(Replaced::Written {
                units: units(output.consumed_capacity()),
            }),
            // The condition failed on a retry, and the stored item is the one sent: an earlier
            // attempt landed and its answer was lost.
            Err(e)
                if super::write::retried_condition_failure(attempts.count, &e)
                    == Some(Some(&sent)) =>
            {
                Ok(Replaced::Written { units: 0.0 })
            }
            Err(e) if super::write::is_condition_failure(&e) => Ok(Replaced::Changed),
            Err(e) => Err(Error::sdk::<PutItemError, _>(
                Operation::PutItem,
                &table,
                e,
                attempts,
            )),
        }
    }

    /// What the replacement asks DynamoDB to report: the total, which a migration's budget
    /// counts, or the meter's detail when one listens.
    fn capacity(&self) -> ReturnConsumedCapacity {
        self.db
            .return_capacity()
            .unwrap_or(ReturnConsumedCapacity::Total)
    }

    /// The new form moved the key: delete the old item (as read) and put the new one (where no
    /// item is) in one transaction.
    async fn moved(
        &self,
        stored: &Item,
        guard: Guard,
        old_key: Item,
        item: Item,
    ) -> Result<Replaced, Error> {
        let table = self.db.table_name(self.schema.table);
        let actions = self.move_actions(&table, stored, guard, old_key, item);
        let models = Models::One(self.schema.name);
        let span = request_span(Operation::TransactWriteItems, models, &table, None);
        // The token makes a retried transaction (a lost answer) one transaction.
        let request = self
            .db
            .client()
            .transact_write_items()
            .set_transact_items(Some(actions))
            .client_request_token(format!("{:032x}", fastrand::u128(..)))
            .return_consumed_capacity(self.capacity())
            .send();
        let (result, attempts) =
            crate::db::watch(tracing::Instrument::instrument(request, span.clone())).await;
        let canceled = match result {
            Ok(output) => {
                let consumed = output.consumed_capacity();
                finish(
                    self.db,
                    &span,
                    Operation::TransactWriteItems,
                    models,
                    2,
                    consumed,
                );
                return Ok(Replaced::Written {
                    units: consumed.iter().filter_map(|c| c.capacity_units).sum(),
                });
            }
            Err(e) => match e.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
                    canceled.cancellation_reasons().to_vec()
                }
                _ => {
                    return Err(Error::sdk(
                        Operation::TransactWriteItems,
                        &table,
                        e,
                        attempts,
                    ));
                }
            },
        };
        let failed = |at: usize| {
            canceled
                .get(at)
                .is_some_and(|r| r.code() == Some("ConditionalCheckFailed"))
        };
        if failed(1) && !failed(0) {
            return Err(Error::AlreadyExists {
                table,
                model: self.schema.name,
                unique: None,
            });
        }
        // The old item changed, or another writer raced this one: read it again.
        Ok(Replaced::Changed)
    }
}

impl Target<'_> {
    /// The delete of the old item, as read, and the put of the new one where no item is.
    fn move_actions(
        &self,
        table: &str,
        stored: &Item,
        guard: Guard,
        old_key: Item,
        item: Item,
    ) -> Vec<TransactWriteItem> {
        let mut placeholders = Placeholders::new();
        let condition = as_read(self.schema, stored, guard, &mut placeholders);
        let delete = Delete::builder()
            .table_name(table)
            .set_key(Some(old_key))
            .condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .build();
        let mut placeholders = Placeholders::new();
        let free = crate::expr::not_exists_text(self.schema.partition_key.name, &mut placeholders);
        let put = Put::builder()
            .table_name(table)
            .set_item(Some(item))
            .condition_expression(free)
            .set_expression_attribute_names(placeholders.names())
            .build();
        vec![
            TransactWriteItem::builder().delete(built(delete)).build(),
            TransactWriteItem::builder().put(built(put)).build(),
        ]
    }
}

/// The units a response reported, 0 when it reported none.
fn units(consumed: Option<&ConsumedCapacity>) -> f64 {
    consumed.and_then(|c| c.capacity_units).unwrap_or(0.0)
}
