//! Marker items: one per unique value held, in the table's marker table, keyed by the attribute
//! and the value (`email#S:ann@example.com`; in a shared table the entity name first) and
//! naming the item that holds it.

use aws_sdk_dynamodb::types::{
    AttributeValue, Delete, Put, ReturnValuesOnConditionCheckFailure, TransactWriteItem,
};

use crate::db::Db;
use crate::error::Error;
use crate::ops::built;
use crate::schema::Schema;
use crate::value::{ConversionError, Item};

use crate::schema::MARKER_KEY;
/// The attribute of a marker holding the key of the item that holds the value.
pub(super) const OWNER: &str = "owner";

/// The marker table of a model's table, as the `Db` names tables: `<table>-unique`.
pub(crate) fn marker_table(db: &Db, schema: &Schema) -> String {
    db.table_name(&schema.marker_table())
}

/// The marker item key of `value` of unique `attribute`.
pub(super) fn key(schema: &Schema, attribute: &str, value: &AttributeValue) -> Result<Item, Error> {
    let text = text(schema, attribute, value)?;
    Ok(Item::from([(
        MARKER_KEY.to_owned(),
        AttributeValue::S(text),
    )]))
}

/// `[entity#]attribute#S:value`: the type is part of it, so that the string "1" and the number
/// 1 are two values.
fn text(schema: &Schema, attribute: &str, value: &AttributeValue) -> Result<String, Error> {
    let value = match value {
        AttributeValue::S(text) => format!("S:{text}"),
        AttributeValue::N(number) => format!("N:{number}"),
        AttributeValue::B(bytes) => format!(
            "B:{}",
            base64_simd::STANDARD.encode_to_string(bytes.as_ref())
        ),
        _ => {
            return Err(ConversionError::custom(format!(
                "a unique attribute holds a string, number or binary value, and `{attribute}` holds another"
            ))
            .into());
        }
    };
    Ok(match schema.entity {
        Some(entity) => format!("{}#{attribute}#{value}", entity.name),
        None => format!("{attribute}#{value}"),
    })
}

/// The condition of every marker action: no marker, or one naming `owner` (written by an
/// earlier attempt of this write, or by an earlier write of this item).
fn mine(owner: &Item) -> (String, std::collections::HashMap<String, String>, Item) {
    let names = [
        ("#mk".to_owned(), MARKER_KEY.to_owned()),
        ("#mo".to_owned(), OWNER.to_owned()),
    ];
    let values = Item::from([(":mo".to_owned(), AttributeValue::M(owner.clone()))]);
    (
        "attribute_not_exists(#mk) OR #mo = :mo".to_owned(),
        names.into_iter().collect(),
        values,
    )
}

/// Puts the marker of a value `owner` now holds.
pub(super) fn put(table: &str, key: Item, owner: &Item) -> TransactWriteItem {
    let (condition, names, values) = mine(owner);
    let mut item = key;
    item.insert(OWNER.to_owned(), AttributeValue::M(owner.clone()));
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression(condition)
        .set_expression_attribute_names(Some(names))
        .set_expression_attribute_values(Some(values))
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build();
    TransactWriteItem::builder().put(built(put)).build()
}

/// Deletes the marker of a value `owner` held and holds no more.
pub(super) fn delete(table: &str, key: Item, owner: &Item) -> TransactWriteItem {
    let (condition, names, values) = mine(owner);
    let delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key))
        .condition_expression(condition)
        .set_expression_attribute_names(Some(names))
        .set_expression_attribute_values(Some(values))
        .build();
    TransactWriteItem::builder().delete(built(delete)).build()
}
