//! What the code `#[derive(Model)]` and `#[derive(Attribute)]` generate calls to read and write
//! fields: public so that generated code can call it through `dynamo_model::__private`, and no
//! part of the API.

use aws_sdk_dynamodb::types::AttributeValue;

use super::{ConversionError, FromAttribute, Item, ToAttribute, type_name};

/// Reads the attribute `name` of a model from a value removed from its item, naming the
/// attribute in any error. Generated code calls this once per field.
#[inline(always)]
pub fn read_field<T: FromAttribute>(
    value: Option<AttributeValue>,
    name: &str,
) -> Result<T, ConversionError> {
    match value {
        Some(value) => T::from_attribute(value),
        None => T::from_missing(),
    }
    .map_err(|e| e.in_attribute(name))
}

/// Writes the attribute `name` of a model into `item`, leaving it out when the value says so.
/// Generated code calls this once per field.
#[inline(always)]
pub fn write_field<T: ToAttribute + ?Sized>(
    item: &mut Item,
    name: &str,
    value: &T,
) -> Result<(), ConversionError> {
    if let Some(value) = value.to_attribute().map_err(|e| e.in_attribute(name))? {
        item.insert(name.to_owned(), value);
    }
    Ok(())
}

/// Writes the attribute `name` of a field with a default: when the value would be left out
/// (`None`, an empty set), the default is written instead. Generated code calls this.
#[inline(always)]
pub fn write_field_or_default<T: ToAttribute>(
    item: &mut Item,
    name: &str,
    value: &T,
    default: impl FnOnce() -> T,
) -> Result<(), ConversionError> {
    let stored = match value.to_attribute().map_err(|e| e.in_attribute(name))? {
        Some(stored) => Some(stored),
        None => default().to_attribute().map_err(|e| e.in_attribute(name))?,
    };
    if let Some(stored) = stored {
        item.insert(name.to_owned(), stored);
    }
    Ok(())
}

/// Writes one key attribute: a key must always be present, so a value that would be left out
/// is an error naming the attribute.
pub fn key_attribute<T: ToAttribute + ?Sized>(
    name: &str,
    value: &T,
) -> Result<AttributeValue, ConversionError> {
    match value.to_attribute() {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(ConversionError::missing("a key value").in_attribute(name)),
        Err(e) => Err(e.in_attribute(name)),
    }
}

/// Writes the result of a field's own conversion (`#[dynamo(with = ...)]`, `#[dynamo(serde)]`)
/// into `item` under `name`. Generated code calls this.
pub fn write_converted(
    item: &mut Item,
    name: &str,
    converted: Result<Option<AttributeValue>, ConversionError>,
) -> Result<(), ConversionError> {
    if let Some(value) = converted.map_err(|e| e.in_attribute(name))? {
        item.insert(name.to_owned(), value);
    }
    Ok(())
}

/// Names the attribute in the error of a field's own conversion. Generated code calls this.
pub fn read_converted<T>(
    converted: Result<T, ConversionError>,
    name: &str,
) -> Result<T, ConversionError> {
    converted.map_err(|e| e.in_attribute(name))
}

/// The item of a tagged enum's newtype variant: its value's map, which must not already hold
/// the tag attribute. Generated code calls this.
pub fn tagged_newtype<T: ToAttribute + ?Sized>(
    value: &T,
    tag: &str,
    variant: &str,
) -> Result<Item, ConversionError> {
    match value.to_attribute()? {
        Some(AttributeValue::M(item)) if item.contains_key(tag) => Err(ConversionError::custom(
            format!("variant `{variant}` holds an attribute `{tag}`, which is the enum's tag"),
        )),
        Some(AttributeValue::M(item)) => Ok(item),
        Some(other) => Err(ConversionError::custom(format!(
            "variant `{variant}` is stored beside the tag `{tag}`, so its value must be a map (M), not {}; give the enum a `content` attribute to store other values",
            type_name(&other)
        ))),
        None => Err(ConversionError::custom(format!(
            "variant `{variant}` wrote no value; give the enum a `content` attribute to store optional values"
        ))),
    }
}

/// Takes the attribute of a field with `alias`es out of `item`: under its name if the item has
/// it, else under the first alias it has. Every alias is taken out, so that a flattened map
/// does not hold an earlier name of a field.
pub fn take_aliased(item: &mut Item, name: &str, aliases: &[&str]) -> Option<AttributeValue> {
    let mut found = item.remove(name);
    for alias in aliases {
        let earlier = item.remove(*alias);
        if found.is_none() {
            found = earlier;
        }
    }
    found
}
