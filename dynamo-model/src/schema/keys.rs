//! Key types and DynamoDB's rules for key values.

use aws_sdk_dynamodb::types::AttributeValue;

use super::{KeyScalar, Schema};
use crate::value::{ConversionError, FromAttribute, Item, ToAttribute};

/// A Rust type that can be a DynamoDB key: strings, numbers and binary.
///
/// `Arg` is what callers pass to name a key of this type: `&str` for `String` (so
/// `Cat::get(&db, "c1")` needs no allocation), the value itself for numbers, `&Binary` for
/// binary keys.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a DynamoDB key",
    label = "DynamoDB keys must be strings, numbers or binary",
    note = "a key attribute is stored as S, N or B; Option, bool, sets, lists, maps and nested documents cannot be keys"
)]
pub trait KeyType: ToAttribute + FromAttribute {
    /// The DynamoDB type of the key attribute.
    const SCALAR: KeyScalar;
    /// The type a caller passes to name a key.
    type Arg<'k>: ToAttribute
    where
        Self: 'k;

    /// The value as the argument that names it: how a `has_many` passes its key field to the
    /// children's query, so that one field works for a model keyed by it and for an entity whose
    /// key template holds it.
    fn key_arg(&self) -> Self::Arg<'_>;
}

impl KeyType for String {
    const SCALAR: KeyScalar = KeyScalar::S;
    type Arg<'k> = &'k str;

    fn key_arg(&self) -> &str {
        self
    }
}

impl KeyType for crate::value::Binary {
    const SCALAR: KeyScalar = KeyScalar::B;
    type Arg<'k> = &'k crate::value::Binary;

    fn key_arg(&self) -> &crate::value::Binary {
        self
    }
}

/// What names a partition key's value in a query: the key type's value itself, or a reference
/// to it (`&str` for a `String` key). Not a condition: DynamoDB matches a partition key by
/// equality only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of the partition key, of type `{H}`",
    label = "a query takes the partition key's value, which DynamoDB matches by equality only",
    note = "pass the value, e.g. `Visit::query(db, \"tom\")`; a condition on the sort key goes in `.sort_key(|key| ...)`, on other attributes in `.filter(..)`"
)]
pub trait PartitionValue<H> {
    /// The value as the key attribute `name` stores it.
    fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError>;
}

/// `H` and `&H` name a partition key of type `H`.
macro_rules! partition_values {
    ($($ty:ty),* $(,)?) => {$(
        impl PartitionValue<$ty> for $ty {
            fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError> {
                crate::value::generated::key_attribute(name, self)
            }
        }

        impl PartitionValue<$ty> for &$ty {
            fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError> {
                crate::value::generated::key_attribute(name, *self)
            }
        }
    )*};
}

partition_values!(String, crate::value::Binary);

impl PartitionValue<String> for &str {
    fn partition_attribute(&self, _name: &str) -> Result<AttributeValue, ConversionError> {
        Ok(AttributeValue::S((*self).to_owned()))
    }
}

macro_rules! number_keys {
    ($($ty:ident)*) => {$(
        impl KeyType for $ty {
            const SCALAR: KeyScalar = KeyScalar::N;
            type Arg<'k> = $ty;

            fn key_arg(&self) -> $ty {
                *self
            }
        }

        partition_values!($ty);
    )*};
}

number_keys!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64);

/// How a feature key type gives its argument from a reference to it: a copy, or the reference.
#[allow(dead_code, reason = "used by the key types of optional features only")]
trait ArgFrom<'k, T> {
    fn arg_from(value: &'k T) -> Self;
}

impl<T: Copy> ArgFrom<'_, T> for T {
    fn arg_from(value: &T) -> T {
        *value
    }
}

impl<'k, T> ArgFrom<'k, T> for &'k T {
    fn arg_from(value: &'k T) -> &'k T {
        value
    }
}

/// The key types of the optional features: a key is written by the value layer's conversion,
/// and the schema says which types may be one.
macro_rules! feature_keys {
    ($($feature:literal: $ty:ty => $scalar:ident, $arg:ty;)*) => {$(
        #[cfg(feature = $feature)]
        impl KeyType for $ty {
            const SCALAR: KeyScalar = KeyScalar::$scalar;
            type Arg<'k> = $arg;

            fn key_arg(&self) -> Self::Arg<'_> {
                ArgFrom::arg_from(self)
            }
        }

        #[cfg(feature = $feature)]
        partition_values!($ty);
    )*};
}

feature_keys! {
    "uuid": uuid::Uuid => S, uuid::Uuid;
    "rust_decimal": rust_decimal::Decimal => N, rust_decimal::Decimal;
    "bytes": bytes::Bytes => B, &'k bytes::Bytes;
    "chrono": chrono::DateTime<chrono::Utc> => S, chrono::DateTime<chrono::Utc>;
    "chrono": chrono::NaiveDate => S, chrono::NaiveDate;
    "time": time::OffsetDateTime => S, time::OffsetDateTime;
    "time": time::Date => S, time::Date;
}

/// Types a `#[dynamo(unique)]` field can hold: what could be a key (a string, number or binary
/// value), or an `Option` of one (`None` holds no value, so any number of items may hold it).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a unique attribute",
    label = "a #[dynamo(unique)] field holds a string, number or binary value",
    note = "use a type that could be a key (`String`, an integer, `Uuid`, ...), or an `Option` of one"
)]
pub trait UniqueValue {}

impl<T: KeyType> UniqueValue for T {}
impl<T: KeyType> UniqueValue for Option<T> {}

/// The `Model::SortKey` of a model without a sort key.
#[derive(Debug, Clone, Copy)]
pub struct NoSortKey;

/// Builds a key item from one or two key attributes, refusing what DynamoDB refuses in a key:
/// an empty string or binary, a partition key over 2048 bytes, a sort key over 1024. Generated
/// code calls this.
pub fn key_item_of(
    partition: (&str, AttributeValue),
    sort: Option<(&str, AttributeValue)>,
) -> Result<Item, ConversionError> {
    check_key_value(
        partition.0,
        &partition.1,
        crate::value::MAX_PARTITION_KEY_SIZE,
        "partition",
    )?;
    let mut item = Item::with_capacity(2);
    item.insert(partition.0.to_owned(), partition.1);
    if let Some((name, value)) = sort {
        check_key_value(name, &value, crate::value::MAX_SORT_KEY_SIZE, "sort")?;
        item.insert(name.to_owned(), value);
    }
    Ok(item)
}

/// DynamoDB's key rules for the key attributes of a whole item of model `M`: the table's keys
/// and every index key attribute the item holds (an index key may not be empty or over the same
/// limits either).
pub(crate) fn check_item_keys(schema: &Schema, item: &Item) -> Result<(), ConversionError> {
    let table = [
        (
            Some(schema.partition_key),
            crate::value::MAX_PARTITION_KEY_SIZE,
            "partition",
        ),
        (schema.sort_key, crate::value::MAX_SORT_KEY_SIZE, "sort"),
    ];
    let indexes = schema.indexes.iter().flat_map(|index| {
        index
            .partition_keys()
            .map(|key| (Some(key), crate::value::MAX_PARTITION_KEY_SIZE, "partition"))
            .chain(
                index
                    .sort_keys()
                    .map(|key| (Some(key), crate::value::MAX_SORT_KEY_SIZE, "sort")),
            )
    });
    for (key, limit, which) in table.into_iter().chain(indexes) {
        if let Some(key) = key
            && let Some(value) = item.get(key.name)
        {
            check_key_value(key.name, value, limit, which)?;
        }
    }
    Ok(())
}

/// DynamoDB's rules for one key value.
pub(crate) fn check_key_value(
    name: &str,
    value: &AttributeValue,
    limit: usize,
    which: &str,
) -> Result<(), ConversionError> {
    let size = match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::B(b) => b.as_ref().len(),
        _ => return Ok(()),
    };
    if size == 0 {
        return Err(ConversionError::custom(format!(
            "an empty {} cannot be a {which} key: DynamoDB refuses it",
            if matches!(value, AttributeValue::S(_)) {
                "string"
            } else {
                "binary"
            }
        ))
        .in_attribute(name));
    }
    if size > limit {
        return Err(ConversionError::custom(format!(
            "a {which} key of {size} bytes is over DynamoDB's limit of {limit}"
        ))
        .in_attribute(name));
    }
    Ok(())
}
