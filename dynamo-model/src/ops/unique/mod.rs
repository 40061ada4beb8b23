//! Unique attributes: no two items of a model hold the same value of a `#[dynamo(unique)]`
//! attribute. Each value held is a marker item in the table's marker table (`<table>-unique`),
//! keyed by the attribute and value and naming the item that holds it. A write that changes a
//! unique value is one transaction with its markers: the new value's marker is put only if no
//! other item holds it, the old one's deleted, and the item written only if its unique values
//! are still the ones read, so that two writers never both win and no marker is left behind.
//! A global index would not do: it is eventually consistent, so a check through it is a race.

mod marker;
mod write;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::db::Db;
use crate::error::{Error, OpFuture};
use crate::model::Model;
use crate::operation::Operation;
use crate::schema::Schema;
use crate::value::{ConversionError, Item};

use marker::marker_table;
pub(crate) use write::{ItemAction, UniqueWrite, refuse_in_batch, refuse_in_transaction};

/// The item of model `M` whose unique `attribute` holds `value`, if any: the value's marker
/// item read consistently, then the item it names. What `get_by_<field>` calls.
pub fn get_by_unique<'a, M: Model + Send + 'a>(
    db: &'a Db,
    attribute: &'static str,
    value: Result<Option<AttributeValue>, ConversionError>,
) -> OpFuture<'a, Option<M>> {
    Box::pin(async move {
        let Some(value) = value? else {
            return Ok(None);
        };
        let schema = M::SCHEMA;
        let marker = marker::key(&schema, attribute, &value)?;
        let Some(marker) = read(db, &marker_table(db, &schema), marker).await? else {
            return Ok(None);
        };
        let Some(AttributeValue::M(owner)) = marker.get(marker::OWNER) else {
            return Ok(None);
        };
        let table = db.table_name_of::<M>();
        let Some(item) = read(db, &table, owner.clone()).await? else {
            return Ok(None);
        };
        // The marker and the item are written together; an item that does not hold the value
        // is not the one asked for.
        if item.get(attribute) != Some(&value) {
            return Ok(None);
        }
        Ok(Some(M::from_item(item)?))
    })
}

/// The item with `key` in `table`, read consistently: before a unique write, for the values it
/// replaces; after one that returns the new item (a transaction returns none); and by
/// `get_by_<field>`.
pub(crate) async fn read(db: &Db, table: &str, key: Item) -> Result<Option<Item>, Error> {
    let request = db
        .client()
        .get_item()
        .table_name(table)
        .set_key(Some(key))
        .consistent_read(true)
        .send();
    match crate::db::watch(request).await {
        (Ok(output), _) => Ok(output.item),
        (Err(e), attempts) => Err(Error::sdk(Operation::GetItem, table, e, attempts)),
    }
}

/// The key item of `item`, by the schema's key attributes.
pub(crate) fn key_of(schema: &Schema, item: &Item) -> Item {
    let names =
        std::iter::once(schema.partition_key.name).chain(schema.sort_key.map(|key| key.name));
    names
        .filter_map(|name| Some((name.to_owned(), item.get(name)?.clone())))
        .collect()
}
