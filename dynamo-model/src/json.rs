//! DynamoDB JSON, the format of the AWS CLI, DynamoDB Streams, S3 exports and the console's
//! "JSON view": each value is an object naming its type, e.g. `{"S": "Tom"}`, `{"N": "9"}`,
//! `{"B": "<base64>"}`, `{"L": [...]}`, `{"M": {...}}`, `{"SS": [...]}`.
//!
//! Use it for fixtures in tests, to load what `aws dynamodb scan` printed, or to hand items to
//! tools that speak it. It is also how query and scan cursors are encoded.
//!
//! ```
//! use dynamo_model::{json, Model};
//!
//! #[derive(Model, Debug, PartialEq)]
//! struct Cat {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     lives: u8,
//!     tags: std::collections::BTreeSet<String>,
//! }
//!
//! let item = json::item_from_str(r#"{
//!     "id":    {"S": "c1"},
//!     "lives": {"N": "9"},
//!     "tags":  {"SS": ["ginger", "indoor"]}
//! }"#)?;
//! let cat = Cat::from_item(item)?;
//! assert_eq!(cat.lives, 9);
//!
//! let text = json::item_to_string(&cat.to_item()?);
//! assert_eq!(json::item_from_str(&text)?, cat.to_item()?);
//! # Ok::<(), dynamo_model::ConversionError>(())
//! ```

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{Map, Value};

use crate::value::ConversionError;
use crate::value::Item;

/// An item as a DynamoDB JSON object.
pub fn item_to_json(item: &Item) -> Value {
    let mut names: Vec<&String> = item.keys().collect();
    // Sorted, so that the same item always prints the same text.
    names.sort();
    Value::Object(
        names
            .into_iter()
            .map(|name| (name.clone(), value_to_json(&item[name])))
            .collect(),
    )
}

/// An item as DynamoDB JSON text, attributes in name order.
pub fn item_to_string(item: &Item) -> String {
    item_to_json(item).to_string()
}

/// One attribute value as DynamoDB JSON, e.g. `{"N": "9"}`.
pub fn value_to_json(value: &AttributeValue) -> Value {
    let (tag, inner) = match value {
        AttributeValue::S(s) => ("S", Value::String(s.clone())),
        AttributeValue::N(n) => ("N", Value::String(n.clone())),
        AttributeValue::B(b) => ("B", Value::String(base64_encode(b.as_ref()))),
        AttributeValue::Bool(b) => ("BOOL", Value::Bool(*b)),
        AttributeValue::Null(_) => ("NULL", Value::Bool(true)),
        AttributeValue::Ss(ss) => ("SS", ss.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(ns) => ("NS", ns.iter().cloned().map(Value::String).collect()),
        AttributeValue::Bs(bs) => (
            "BS",
            bs.iter()
                .map(|b| Value::String(base64_encode(b.as_ref())))
                .collect(),
        ),
        AttributeValue::L(list) => ("L", list.iter().map(value_to_json).collect()),
        AttributeValue::M(map) => ("M", item_to_json(map)),
        // A type added to DynamoDB after this SDK version; nothing to write for it.
        _ => ("NULL", Value::Bool(true)),
    };
    let mut object = Map::with_capacity(1);
    object.insert(tag.to_owned(), inner);
    Value::Object(object)
}

/// Reads an item from DynamoDB JSON text: an object of attribute names to typed values, or the
/// AWS CLI's `get-item` output (`{"Item": {...}}`).
///
/// Errors name the attribute path (`tags[1]`, `address.zip`) and what was wrong there.
pub fn item_from_str(text: &str) -> Result<Item, ConversionError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ConversionError::custom(format!("not JSON: {e}")))?;
    item_from_json(&value)
}

/// Reads an item from a DynamoDB JSON object (or `{"Item": {...}}`).
pub fn item_from_json(value: &Value) -> Result<Item, ConversionError> {
    let Value::Object(object) = value else {
        return Err(ConversionError::custom(format!(
            "an item is a JSON object of attributes, not {}",
            json_kind(value)
        )));
    };
    if let (1, Some(inner @ Value::Object(_))) = (object.len(), object.get("Item"))
        && is_wrapped_item(inner)
    {
        return item_from_json(inner);
    }
    attributes_from_json(object)
}

/// Reads several items: a JSON array of items, or the AWS CLI's `scan`/`query` output
/// (`{"Items": [...], ...}`).
pub fn items_from_str(text: &str) -> Result<Vec<Item>, ConversionError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ConversionError::custom(format!("not JSON: {e}")))?;
    let items = match &value {
        Value::Array(items) => items,
        Value::Object(object) => match object.get("Items") {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(ConversionError::custom(
                    "expected a JSON array of items or an object with an `Items` array",
                ));
            }
        },
        other => {
            return Err(ConversionError::custom(format!(
                "expected a JSON array of items, not {}",
                json_kind(other)
            )));
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| item_from_json(item).map_err(|e| e.in_element(index)))
        .collect()
}

/// `{"Item": {...}}` is the CLI's wrapping when the inner object's values are all typed values;
/// an item with one map attribute named `Item` looks like `{"Item": {"M": {...}}}` instead.
fn is_wrapped_item(inner: &Value) -> bool {
    match inner {
        Value::Object(attributes) => {
            attributes
                .values()
                .all(|v| matches!(v, Value::Object(typed) if typed.len() == 1))
                && !attributes.keys().all(|k| TYPE_TAGS.contains(&k.as_str()))
        }
        _ => false,
    }
}

const TYPE_TAGS: &[&str] = &["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"];

/// Reads one attribute value from DynamoDB JSON, e.g. `{"SS": ["a", "b"]}`.
pub fn value_from_json(value: &Value) -> Result<AttributeValue, ConversionError> {
    let typed = match value {
        Value::Object(object) if object.len() == 1 => object.iter().next(),
        _ => None,
    };
    let Some((tag, inner)) = typed else {
        return Err(ConversionError::custom(format!(
            "expected a typed value such as {{\"S\": \"text\"}}, found {}",
            short(value)
        )));
    };
    let wrong = |expected: &str| {
        ConversionError::custom(format!(
            "`{tag}` holds {expected}, found {}",
            json_kind(inner)
        ))
    };
    Ok(match (tag.as_str(), inner) {
        ("S", Value::String(s)) => AttributeValue::S(s.clone()),
        ("N", Value::String(n)) => AttributeValue::N(checked_number(n)?),
        ("B", Value::String(b)) => AttributeValue::B(Blob::new(base64_decode(b)?)),
        ("BOOL", Value::Bool(b)) => AttributeValue::Bool(*b),
        ("NULL", Value::Bool(true)) => AttributeValue::Null(true),
        ("SS", Value::Array(items)) => {
            AttributeValue::Ss(strings(items, "SS", |s| Ok(s.to_owned()))?)
        }
        ("NS", Value::Array(items)) => AttributeValue::Ns(strings(items, "NS", checked_number)?),
        ("BS", Value::Array(items)) => {
            AttributeValue::Bs(strings(items, "BS", |s| base64_decode(s).map(Blob::new))?)
        }
        ("L", Value::Array(items)) => AttributeValue::L(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| value_from_json(item).map_err(|e| e.in_element(index)))
                .collect::<Result<_, _>>()?,
        ),
        ("M", Value::Object(map)) => AttributeValue::M(attributes_from_json(map)?),
        ("S" | "N" | "B", _) => return Err(wrong("a string")),
        ("BOOL", _) => return Err(wrong("true or false")),
        ("NULL", _) => return Err(wrong("true")),
        ("SS" | "NS" | "BS" | "L", _) => return Err(wrong("an array")),
        ("M", _) => return Err(wrong("an object")),
        (other, _) => {
            return Err(ConversionError::custom(format!(
                "unknown DynamoDB type `{other}`; expected one of {}",
                TYPE_TAGS.join(", ")
            )));
        }
    })
}

/// The attributes of an item or a map, each named in its errors. A map's attributes are
/// never unwrapped from `{"Item": ...}` as a top-level item's are.
fn attributes_from_json(object: &Map<String, Value>) -> Result<Item, ConversionError> {
    object
        .iter()
        .map(|(name, value)| {
            let value = value_from_json(value).map_err(|e| e.in_attribute(name))?;
            Ok((name.clone(), value))
        })
        .collect()
}

fn strings<T>(
    items: &[Value],
    tag: &str,
    read: impl Fn(&str) -> Result<T, ConversionError>,
) -> Result<Vec<T>, ConversionError> {
    if items.is_empty() {
        return Err(ConversionError::custom(format!(
            "`{tag}` is empty, and DynamoDB stores no empty sets"
        )));
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| match item {
            Value::String(s) => read(s).map_err(|e| e.in_element(index)),
            other => Err(ConversionError::custom(format!(
                "a `{tag}` element is a string, found {}",
                json_kind(other)
            ))
            .in_element(index)),
        })
        .collect()
}

/// DynamoDB JSON carries numbers as strings; check one is a decimal number before it becomes N.
fn checked_number(text: &str) -> Result<String, ConversionError> {
    let trimmed = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match trimmed.find(['e', 'E']) {
        Some(at) => (&trimmed[..at], Some(&trimmed[at + 1..])),
        None => (trimmed, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if (whole.is_empty() && fraction.is_empty())
        || !digits(whole)
        || !digits(fraction)
        || !exponent_ok
    {
        return Err(ConversionError::custom(format!("`{text}` is not a number")));
    }
    Ok(text.to_owned())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a JSON number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The value's JSON text, cut short for an error message.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Standard base64 with padding, as DynamoDB JSON writes binary.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    base64_simd::STANDARD.encode_to_string(bytes)
}

/// Decodes standard base64; padding is optional, anything else outside the alphabet (or bits
/// left over after the last byte) an error.
pub(crate) fn base64_decode(text: &str) -> Result<Vec<u8>, ConversionError> {
    let alphabet = if text.len().is_multiple_of(4) {
        base64_simd::STANDARD
    } else {
        base64_simd::STANDARD_NO_PAD
    };
    alphabet.decode_to_vec(text).map_err(|_| {
        ConversionError::custom(format!(
            "`{}` is not base64",
            short(&Value::String(text.to_owned()))
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..40 {
            let encoded = base64_encode(&bytes[..len]);
            assert_eq!(encoded.len() % 4, 0);
            assert_eq!(base64_decode(&encoded).unwrap(), &bytes[..len]);
        }
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_decode("TWE").unwrap(), b"Ma");
        assert!(base64_decode("TW!=").is_err());
        assert!(
            base64_decode("TWF").is_err(),
            "non-zero bits after the last byte"
        );
        assert!(base64_decode("T").is_err());
    }

    #[test]
    fn errors_name_the_path_inside_the_item() {
        let error =
            item_from_str(r#"{"a": {"M": {"b": {"L": [{"S": "x"}, {"N": "x1"}]}}}}"#).unwrap_err();
        assert_eq!(error.path(), "a.b[1]");
        assert!(error.to_string().contains("not a number"), "{error}");
        let error = item_from_str(r#"{"tags": {"SS": []}}"#).unwrap_err();
        assert!(error.to_string().contains("empty"), "{error}");
        let error = item_from_str(r#"{"x": {"STRING": "a"}}"#).unwrap_err();
        assert!(
            error.to_string().contains("unknown DynamoDB type"),
            "{error}"
        );
        let error = item_from_str(r#"{"x": "plain"}"#).unwrap_err();
        assert!(error.to_string().contains("typed value"), "{error}");
    }

    #[test]
    fn the_cli_item_wrapper_is_unwrapped_but_an_item_attribute_is_not() {
        let wrapped = item_from_str(r#"{"Item": {"id": {"S": "1"}}}"#).unwrap();
        assert_eq!(wrapped["id"], AttributeValue::S("1".into()));
        let attribute = item_from_str(r#"{"Item": {"M": {"id": {"S": "1"}}}}"#).unwrap();
        assert!(matches!(attribute["Item"], AttributeValue::M(_)));
    }
}
