//! Key conditions (KeyConditionExpression): the partition key by equality, and an optional
//! condition on the sort key with the operators DynamoDB allows there.

use std::marker::PhantomData;

use super::path::RawPath;
use super::placeholder::Placeholders;
use super::typing::{BeginsWith, Operand, ValueOf};
use crate::model::KeyType;
use crate::value::ConversionError;

/// The sort key of a table or index, handed to the closure of `query(..).range(|key| ...)`.
/// Its methods are the only conditions DynamoDB accepts on a sort key: `=`, `<`, `<=`, `>`,
/// `>=`, `BETWEEN` and `begins_with` (the last for string and binary keys).
pub struct RangeKey<T> {
    name: &'static str,
    key: PhantomData<fn() -> T>,
}

/// A condition on the sort key, made by a [`RangeKey`] method.
#[derive(Debug, Clone)]
pub struct RangeCondition {
    text: RangeText,
}

#[derive(Debug, Clone)]
enum RangeText {
    Compare(&'static str, &'static str, Operand),
    Between(&'static str, Operand, Operand),
    BeginsWith(&'static str, Operand),
}

impl<T: KeyType> RangeKey<T> {
    /// The sort key stored as `name`; queries make these for you.
    pub fn new(name: &'static str) -> Self {
        RangeKey {
            name,
            key: PhantomData,
        }
    }

    fn compare(&self, op: &'static str, value: impl ValueOf<T>) -> RangeCondition {
        RangeCondition {
            text: RangeText::Compare(self.name, op, Operand::value(&value)),
        }
    }

    /// `key = value`
    pub fn eq(&self, value: impl ValueOf<T>) -> RangeCondition {
        self.compare("=", value)
    }

    /// `key < value`
    pub fn lt(&self, value: impl ValueOf<T>) -> RangeCondition {
        self.compare("<", value)
    }

    /// `key <= value`
    pub fn le(&self, value: impl ValueOf<T>) -> RangeCondition {
        self.compare("<=", value)
    }

    /// `key > value`
    pub fn gt(&self, value: impl ValueOf<T>) -> RangeCondition {
        self.compare(">", value)
    }

    /// `key >= value`
    pub fn ge(&self, value: impl ValueOf<T>) -> RangeCondition {
        self.compare(">=", value)
    }

    /// `key BETWEEN low AND high`
    pub fn between(&self, low: impl ValueOf<T>, high: impl ValueOf<T>) -> RangeCondition {
        RangeCondition {
            text: RangeText::Between(self.name, Operand::value(&low), Operand::value(&high)),
        }
    }

    /// `begins_with(key, prefix)`: string and binary keys.
    pub fn begins_with(&self, prefix: impl ValueOf<T::Prefix>) -> RangeCondition
    where
        T: BeginsWith,
    {
        RangeCondition {
            text: RangeText::BeginsWith(self.name, Operand::value(&prefix)),
        }
    }
}

/// What the closure of `query(..).range(|key| ...)` returns: a condition made by the
/// [`RangeKey`] it was handed, the only conditions DynamoDB accepts on a sort key.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sort key condition",
    label = "`.range(..)` takes a condition made from the sort key the closure is handed",
    note = "use the closure's argument: `.range(|key| key.gt(5))`; a condition on another attribute goes in `.filter(..)`, which DynamoDB applies after reading"
)]
pub trait SortKeyCondition {
    /// The condition.
    fn into_range_condition(self) -> RangeCondition;
}

impl SortKeyCondition for RangeCondition {
    fn into_range_condition(self) -> RangeCondition {
        self
    }
}

/// A whole key condition: `hash = :v` and the sort key's condition, if any.
#[derive(Debug, Clone)]
pub struct KeyCondition {
    hash: (&'static str, Operand),
    range: Option<RangeCondition>,
}

impl KeyCondition {
    /// The items of one partition.
    pub fn partition<T: KeyType>(name: &'static str, value: &impl ValueOf<T>) -> Self {
        KeyCondition {
            hash: (name, Operand::value(value)),
            range: None,
        }
    }

    /// The items of one partition, with the key value already written.
    pub fn partition_value(
        name: &'static str,
        value: aws_sdk_dynamodb::types::AttributeValue,
    ) -> Self {
        KeyCondition {
            hash: (name, Operand::Value(Ok(value))),
            range: None,
        }
    }

    /// The partition key's attribute name.
    pub fn hash_name(&self) -> &'static str {
        self.hash.0
    }

    /// The partition key's value, when it converted: what a query's cursor must hold.
    pub(crate) fn hash_value(&self) -> Option<&aws_sdk_dynamodb::types::AttributeValue> {
        match &self.hash.1 {
            Operand::Value(Ok(value)) => Some(value),
            _ => None,
        }
    }

    /// Narrows to the sort keys `range` accepts.
    pub fn with_range(mut self, range: RangeCondition) -> Self {
        self.range = Some(range);
        self
    }

    /// The same partition, every sort key.
    pub(crate) fn without_range(mut self) -> Self {
        self.range = None;
        self
    }

    /// Renders the key condition into the placeholders of a request.
    pub fn render(&self, placeholders: &mut Placeholders) -> Result<String, ConversionError> {
        let mut out = String::new();
        let path = |name: &'static str| RawPath::attribute(name);
        placeholders.path(&path(self.hash.0), &mut out);
        out.push_str(" = ");
        placeholders.operand(&self.hash.1, &mut out)?;
        if let Some(range) = &self.range {
            out.push_str(" AND ");
            match &range.text {
                RangeText::Compare(name, op, value) => {
                    placeholders.path(&path(name), &mut out);
                    out.push(' ');
                    out.push_str(op);
                    out.push(' ');
                    placeholders.operand(value, &mut out)?;
                }
                RangeText::Between(name, low, high) => {
                    placeholders.path(&path(name), &mut out);
                    out.push_str(" BETWEEN ");
                    placeholders.operand(low, &mut out)?;
                    out.push_str(" AND ");
                    placeholders.operand(high, &mut out)?;
                }
                RangeText::BeginsWith(name, prefix) => {
                    out.push_str("begins_with(");
                    placeholders.path(&path(name), &mut out);
                    out.push_str(", ");
                    placeholders.operand(prefix, &mut out)?;
                    out.push(')');
                }
            }
        }
        Ok(out)
    }
}
