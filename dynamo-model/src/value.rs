//! Conversions between Rust values and DynamoDB `AttributeValue`s.
//!
//! Two traits carry a type across the wire: [`ToAttribute`] writes a value, [`FromAttribute`]
//! reads one back. `#[derive(Model)]` calls them once per field, so implementing both for a type
//! makes it usable as a model field.
//!
//! Numbers are exact: DynamoDB sends them as decimal strings of up to 38 significant digits, and
//! a value that does not fit the Rust type (out of range, or a fraction read into an integer) is a
//! [`ConversionError`], never a wrap or a rounding.
//!
//! ```
//! use dynamo_model::value::{FromAttribute, ToAttribute};
//! use dynamo_model::AttributeValue;
//!
//! let written = 42u8.to_attribute().unwrap();
//! assert_eq!(written, Some(AttributeValue::N("42".into())));
//!
//! let too_big = u8::from_attribute(AttributeValue::N("300".into())).unwrap_err();
//! assert_eq!(too_big.to_string(), "number 300 does not fit u8");
//! ```

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

/// A DynamoDB item: attribute names to values, as the SDK sends and receives it.
pub type Item = HashMap<String, AttributeValue>;

/// Writes a Rust value as a DynamoDB attribute.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written as a DynamoDB attribute",
    label = "this field's type has no `ToAttribute` implementation",
    note = "a struct or enum of your own: `#[derive(Attribute)]` stores it as a map (a unit-only enum as a string); another crate's type: give the field `#[dynamo(with = module)]` or `#[dynamo(serde)]`, or implement `dynamo_model::ToAttribute` and `dynamo_model::FromAttribute` for a type of yours that wraps it"
)]
pub trait ToAttribute {
    /// The attribute to store, or `None` to leave the attribute out of the item
    /// (how `Option::None` is written).
    ///
    /// Fails when the value cannot be represented in DynamoDB, e.g. a NaN float.
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError>;
}

/// Reads a Rust value from a DynamoDB attribute.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a DynamoDB attribute",
    label = "this field's type has no `FromAttribute` implementation",
    note = "a struct or enum of your own: `#[derive(Attribute)]` stores it as a map (a unit-only enum as a string); another crate's type: give the field `#[dynamo(with = module)]` or `#[dynamo(serde)]`, or implement `dynamo_model::ToAttribute` and `dynamo_model::FromAttribute` for a type of yours that wraps it"
)]
pub trait FromAttribute: Sized {
    /// Reads the value from an attribute that is present in the item.
    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError>;

    /// The value of an attribute that is absent from the item.
    ///
    /// Most types require the attribute and fail; `Option<T>` reads an absent attribute as `None`.
    fn from_missing() -> Result<Self, ConversionError> {
        Err(ConversionError::missing(Self::EXPECTED))
    }

    /// What this type expects to read, for error messages (`"S"`, `"N"`, `"u8"`, ...).
    const EXPECTED: &'static str;
}

/// The DynamoDB type letter of an attribute value (`S`, `N`, `M`, ...), for error messages.
pub fn type_name(value: &AttributeValue) -> &'static str {
    match value {
        AttributeValue::B(_) => "B",
        AttributeValue::Bool(_) => "BOOL",
        AttributeValue::Bs(_) => "BS",
        AttributeValue::L(_) => "L",
        AttributeValue::M(_) => "M",
        AttributeValue::N(_) => "N",
        AttributeValue::Ns(_) => "NS",
        AttributeValue::Null(_) => "NULL",
        AttributeValue::S(_) => "S",
        AttributeValue::Ss(_) => "SS",
        _ => "an unknown attribute type",
    }
}

impl ToAttribute for String {
    #[inline]
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::S(self.as_str().to_owned())))
    }
}

impl ToAttribute for str {
    #[inline]
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::S(self.to_owned())))
    }
}

impl<T: ToAttribute + ?Sized> ToAttribute for &T {
    #[inline]
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        (**self).to_attribute()
    }
}

impl FromAttribute for String {
    const EXPECTED: &'static str = "S";

    #[inline]
    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            AttributeValue::S(s) => Ok(s),
            other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
        }
    }
}

impl ToAttribute for bool {
    #[inline]
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::Bool(*self)))
    }
}

impl FromAttribute for bool {
    const EXPECTED: &'static str = "BOOL";

    #[inline]
    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            AttributeValue::Bool(b) => Ok(b),
            other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
        }
    }
}

impl<T: ToAttribute> ToAttribute for Option<T> {
    #[inline]
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        match self {
            Some(value) => value.to_attribute(),
            None => Ok(None),
        }
    }
}

impl<T: FromAttribute> FromAttribute for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    #[inline]
    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            // Other writers (boto3, the AWS CLI) store "no value" as NULL rather than leaving the
            // attribute out; both read as None.
            AttributeValue::Null(_) => Ok(None),
            other => T::from_attribute(other).map(Some),
        }
    }

    fn from_missing() -> Result<Self, ConversionError> {
        Ok(None)
    }
}

/// An attribute value is stored as it is: a field of this type (or a map of them) holds any
/// DynamoDB value, e.g. attributes kept by a [`Flatten`] map.
impl ToAttribute for AttributeValue {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(self.clone()))
    }
}

impl FromAttribute for AttributeValue {
    const EXPECTED: &'static str = "any attribute";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        Ok(value)
    }
}

/// A map that `#[dynamo(flatten)]` fills with every attribute no other field of the struct
/// names, so that attributes written by other code (or a newer version of the model) survive a
/// read-modify-write, like Dynamoose's `saveUnknown`.
///
/// Implemented for `HashMap<String, V>` and `BTreeMap<String, V>` of any storable `V`; use
/// [`AttributeValue`] as `V` to keep attributes of any type.
///
/// ```
/// use std::collections::HashMap;
/// use dynamo_model::{AttributeValue, Model};
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     #[dynamo(flatten)]
///     other: HashMap<String, AttributeValue>,
/// }
///
/// let item = HashMap::from([
///     ("id".to_owned(), AttributeValue::S("c1".into())),
///     ("colour".to_owned(), AttributeValue::S("ginger".into())),
/// ]);
/// let cat = Cat::from_item(item.clone()).unwrap();
/// assert_eq!(cat.other["colour"], AttributeValue::S("ginger".into()));
/// assert_eq!(cat.to_item().unwrap(), item); // nothing lost on write-back
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `flatten` field",
    label = "`flatten` needs a map from attribute names to values",
    note = "use `HashMap<String, AttributeValue>` (or a `BTreeMap`, or a map of one storable value type)"
)]
pub trait Flatten: Sized {
    /// Writes every entry as an attribute of `item`. `named` lists the attributes the struct's
    /// other fields own; an entry under one of those names is an error rather than a silent
    /// overwrite.
    fn write_into(&self, item: &mut Item, named: &[&str]) -> Result<(), ConversionError>;

    /// Reads the attributes left over once every named field has taken its own.
    fn read_rest(rest: Item) -> Result<Self, ConversionError>;
}

fn write_flattened<'v, V: ToAttribute + 'v>(
    entries: impl Iterator<Item = (&'v String, &'v V)>,
    item: &mut Item,
    named: &[&str],
) -> Result<(), ConversionError> {
    for (name, value) in entries {
        if named.contains(&name.as_str()) {
            return Err(ConversionError::custom(format!(
                "the flattened map holds `{name}`, which a field of the struct stores; set the field instead"
            ))
            .in_attribute(name));
        }
        generated::write_field(item, name, value)?;
    }
    Ok(())
}

/// Reads every leftover attribute as a `V`, naming the attribute in any error.
fn read_flattened<V: FromAttribute, C: FromIterator<(String, V)>>(
    rest: Item,
) -> Result<C, ConversionError> {
    rest.into_iter()
        .map(|(name, value)| {
            let value = generated::read_field(Some(value), &name)?;
            Ok((name, value))
        })
        .collect()
}

impl<V: ToAttribute + FromAttribute, S: std::hash::BuildHasher + Default> Flatten
    for HashMap<String, V, S>
{
    fn write_into(&self, item: &mut Item, named: &[&str]) -> Result<(), ConversionError> {
        write_flattened(self.iter(), item, named)
    }

    fn read_rest(rest: Item) -> Result<Self, ConversionError> {
        read_flattened(rest)
    }
}

impl<V: ToAttribute + FromAttribute> Flatten for std::collections::BTreeMap<String, V> {
    fn write_into(&self, item: &mut Item, named: &[&str]) -> Result<(), ConversionError> {
        write_flattened(self.iter(), item, named)
    }

    fn read_rest(rest: Item) -> Result<Self, ConversionError> {
        read_flattened(rest)
    }
}

mod conversion;
pub use conversion::{ConversionError, ConversionProblem};

mod size;
pub(crate) use size::largest_attributes;
pub use size::{
    MAX_ITEM_SIZE, MAX_PARTITION_KEY_SIZE, MAX_SORT_KEY_SIZE, attribute_size, item_size,
};

mod number;
pub use number::Number;

pub(crate) mod generated;
pub(crate) mod time;
pub use time::{KeepOffset, UnixTime};

mod extras;

mod nullable;
pub use nullable::Nullable;

mod collections;
pub use collections::{Binary, SetElement};

/// A key item as a reader writes it: `id = "alice", sk = 3`, attributes by name, binary values
/// by length only. For messages about an item.
pub(crate) fn describe_key(key: &Item) -> String {
    let mut parts: Vec<(&String, &AttributeValue)> = key.iter().collect();
    parts.sort_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = parts
        .into_iter()
        .map(|(name, value)| format!("{name} = {}", describe_value(value)))
        .collect();
    parts.join(", ")
}

/// A key-like value as a message shows it: `"ann@example.com"`, `42`, `<16 bytes>`.
pub(crate) fn describe_value(value: &AttributeValue) -> String {
    match value {
        AttributeValue::S(text) => format!("{text:?}"),
        AttributeValue::N(number) => number.clone(),
        AttributeValue::B(bytes) => format!("<{} bytes>", bytes.as_ref().len()),
        other => format!("{other:?}"),
    }
}
