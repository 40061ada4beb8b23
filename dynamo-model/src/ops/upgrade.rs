//! Writing an item of an earlier schema version back in the current shape: what
//! `Get::write_back`, an update that finds an old item, and the migration runner do.
//!
//! The write replaces the stored item on the condition that it is still there with the stamp it
//! was read with, so a writer that changed it meanwhile never loses its write: a put stamps the
//! current version, and an update applies only to an item of the current version. An upgrade
//! that moves the item's key (a changed key template) deletes the old item and puts the new one
//! in one transaction.

use aws_sdk_dynamodb::operation::put_item::{PutItemInput, PutItemOutput};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};

use super::telemetry::send_one;
use super::{built, finish, load, request_span};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::expr::Placeholders;
use crate::model::Model;
use crate::operation::Operation;
use crate::schema::Schema;
use crate::schema::SchemaVersion;
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
    let written = Replace {
        db,
        schema: &M::SCHEMA,
        versions,
    }
    .send(&stored, version, item)
    .await?;
    Ok(match written {
        true => WriteBack::Upgraded(model),
        false => WriteBack::Changed,
    })
}

/// One replacement of a stored item by its upgraded form.
struct Replace<'r> {
    db: &'r Db,
    schema: &'r Schema,
    versions: SchemaVersion,
}

impl Replace<'_> {
    /// Replaces `stored` (stamped `version`) by `item`; false when the stored item changed.
    async fn send(&self, stored: &Item, version: u32, item: Item) -> Result<bool, Error> {
        let old_key = super::unique::key_of(self.schema, stored);
        let new_key = super::unique::key_of(self.schema, &item);
        let unique_changed = self
            .schema
            .uniques
            .iter()
            .any(|a| stored.get(*a) != item.get(*a));
        if !self.schema.uniques.is_empty() && (old_key != new_key || unique_changed) {
            return Err(Error::InvalidRequest {
                operation: Operation::PutItem,
                reason: format!(
                    "the upgrade of an item of `{}` changes its key or a unique attribute, whose marker items an upgrade does not move: keep them in the upgrade, or migrate with a transform that writes the item with `put`",
                    self.schema.name
                ),
            });
        }
        if old_key == new_key {
            self.put(version, item).await
        } else {
            self.moved(version, old_key, item).await
        }
    }

    /// `attribute_exists(pk) AND <the stamp is `version`>`: the item is still there as read.
    fn as_read(&self, version: u32, placeholders: &mut Placeholders) -> String {
        let exists = crate::expr::exists_text(self.schema.partition_key.name, placeholders);
        let stamp =
            crate::behaviour::upgrade::stamp_condition(&self.versions, version, placeholders);
        format!("{exists} AND {stamp}")
    }

    async fn put(&self, version: u32, item: Item) -> Result<bool, Error> {
        let mut placeholders = Placeholders::new();
        let condition = self.as_read(version, &mut placeholders);
        let table = self.db.table_name(self.schema.table);
        let input = PutItemInput::builder()
            .table_name(&table)
            .set_item(Some(item))
            .condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .set_return_consumed_capacity(self.db.return_capacity());
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
            Ok(_) => Ok(true),
            Err(e) if super::write::is_condition_failure(&e) => Ok(false),
            Err(e) => Err(Error::sdk(Operation::PutItem, &table, e, attempts)),
        }
    }

    /// The upgrade moved the key: delete the old item (as read) and put the new one (where no
    /// item is) in one transaction.
    async fn moved(&self, version: u32, old_key: Item, item: Item) -> Result<bool, Error> {
        let table = self.db.table_name(self.schema.table);
        let mut placeholders = Placeholders::new();
        let condition = self.as_read(version, &mut placeholders);
        let delete = Delete::builder()
            .table_name(&table)
            .set_key(Some(old_key))
            .condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .build();
        let mut placeholders = Placeholders::new();
        let free = crate::expr::not_exists_text(self.schema.partition_key.name, &mut placeholders);
        let put = Put::builder()
            .table_name(&table)
            .set_item(Some(item))
            .condition_expression(free)
            .set_expression_attribute_names(placeholders.names())
            .build();
        let actions = vec![
            TransactWriteItem::builder().delete(built(delete)).build(),
            TransactWriteItem::builder().put(built(put)).build(),
        ];
        let models = Models::One(self.schema.name);
        let span = request_span(Operation::TransactWriteItems, models, &table, None);
        let request = self
            .db
            .client()
            .transact_write_items()
            .set_transact_items(Some(actions))
            .client_request_token(format!("{:032x}", fastrand::u128(..)))
            .set_return_consumed_capacity(self.db.return_capacity())
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
                return Ok(true);
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
        Ok(false)
    }
}
