//! [`Nullable`]: absent, NULL and a value kept apart.

use aws_sdk_dynamodb::types::AttributeValue;

use super::{ConversionError, FromAttribute, ToAttribute};

/// An attribute that may be absent, stored as NULL, or hold a value, with the three kept
/// apart. `Option<T>` reads NULL as `None` and writes `None` by leaving the attribute out, which
/// is what most models want; a field whose items other clients write with NULL (boto3, the AWS
/// CLI, Java's mapper) uses `Nullable<T>` so that a read-modify-write writes NULL back.
///
/// ```
/// use dynamo_model::value::Nullable;
/// use dynamo_model::{AttributeValue, FromAttribute, ToAttribute};
///
/// let read = Nullable::<String>::from_attribute(AttributeValue::Null(true)).unwrap();
/// assert_eq!(read, Nullable::Null);
/// assert_eq!(read.to_attribute().unwrap(), Some(AttributeValue::Null(true)));
/// assert_eq!(Nullable::<String>::from_missing().unwrap(), Nullable::Absent);
/// assert_eq!(Nullable::<String>::Absent.to_attribute().unwrap(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// No attribute: written by leaving it out.
    #[default]
    Absent,
    /// The attribute holds NULL, and is written as NULL.
    Null,
    /// The attribute holds a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T: ToAttribute> ToAttribute for Nullable<T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        match self {
            Nullable::Absent => Ok(None),
            Nullable::Null => Ok(Some(AttributeValue::Null(true))),
            Nullable::Value(value) => value.to_attribute(),
        }
    }
}

impl<T: FromAttribute> FromAttribute for Nullable<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            AttributeValue::Null(_) => Ok(Nullable::Null),
            other => T::from_attribute(other).map(Nullable::Value),
        }
    }

    fn from_missing() -> Result<Self, ConversionError> {
        Ok(Nullable::Absent)
    }
}
