//! Key conditions (KeyConditionExpression): the partition key by equality, and an optional
//! condition on the sort key with the operators DynamoDB allows there.

use std::marker::PhantomData;

use super::path::RawPath;
use super::placeholder::Placeholders;
use super::typing::{BeginsWith, Operand, ValueOf};
use crate::schema::KeyType;
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
    /// The conditions on the sort attributes of a multi-attribute key, left to right, all of
    /// which must hold.
    All(Vec<RangeText>),
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
    /// The further partition attributes of a multi-attribute key, each by equality.
    more_hash: Vec<(&'static str, Operand)>,
    range: Option<RangeCondition>,
}

impl KeyCondition {
    /// The items of one partition.
    pub fn partition<T: KeyType>(name: &'static str, value: &impl ValueOf<T>) -> Self {
        KeyCondition {
            hash: (name, Operand::value(value)),
            more_hash: Vec::new(),
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
            more_hash: Vec::new(),
            range: None,
        }
    }

    /// The items of one partition of a multi-attribute partition key: every attribute by
    /// equality, the first one's value standing for the partition in cursors.
    pub(crate) fn partition_values(parts: Vec<(&'static str, Operand)>) -> Option<Self> {
        let mut parts = parts.into_iter();
        let hash = parts.next()?;
        Some(KeyCondition {
            hash,
            more_hash: parts.collect(),
            range: None,
        })
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
        for (i, (name, value)) in std::iter::once(&self.hash)
            .chain(&self.more_hash)
            .enumerate()
        {
            if i > 0 {
                out.push_str(" AND ");
            }
            placeholders.path(&path(name), &mut out);
            out.push_str(" = ");
            placeholders.operand(value, &mut out)?;
        }
        if let Some(range) = &self.range {
            render_range(&range.text, placeholders, &mut out)?;
        }
        Ok(out)
    }
}

/// Appends ` AND ` and the sort-key condition (nothing for an empty multi-attribute one).
fn render_range(
    text: &RangeText,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    let path = |name: &'static str| RawPath::attribute(name);
    if !matches!(text, RangeText::All(_)) {
        out.push_str(" AND ");
    }
    match text {
        RangeText::Compare(name, op, value) => {
            placeholders.path(&path(name), out);
            out.push(' ');
            out.push_str(op);
            out.push(' ');
            placeholders.operand(value, out)?;
        }
        RangeText::Between(name, low, high) => {
            placeholders.path(&path(name), out);
            out.push_str(" BETWEEN ");
            placeholders.operand(low, out)?;
            out.push_str(" AND ");
            placeholders.operand(high, out)?;
        }
        RangeText::BeginsWith(name, prefix) => {
            out.push_str("begins_with(");
            placeholders.path(&path(name), out);
            out.push_str(", ");
            placeholders.operand(prefix, out)?;
            out.push(')');
        }
        RangeText::All(parts) => {
            for part in parts {
                render_range(part, placeholders, out)?;
            }
        }
    }
    Ok(())
}

/// The sort attributes of a multi-attribute key still open to a condition, as a list type
/// `(S1, (S2, ()))`: handed to the closure of a multi-attribute index query's `.sort(..)`. Its
/// methods are DynamoDB's rule for such keys: equality on sort attributes left to right, then at
/// most one range condition (`<`, `<=`, `>`, `>=`, `BETWEEN`, `begins_with`) on the next one.
/// Skipping an attribute does not compile: the next one's methods exist only after `eq`.
pub struct SortParts<L> {
    names: &'static [&'static str],
    conditions: Vec<RangeText>,
    list: PhantomData<fn() -> L>,
}

impl<L> SortParts<L> {
    /// The sort attributes `names`, in key order; queries make these for you.
    pub(crate) fn new(names: &'static [&'static str]) -> Self {
        SortParts {
            names,
            conditions: Vec::new(),
            list: PhantomData,
        }
    }

    fn next<N>(mut self, text: Option<RangeText>) -> SortParts<N> {
        self.conditions.extend(text);
        SortParts {
            names: self.names.get(1..).unwrap_or_default(),
            conditions: self.conditions,
            list: PhantomData,
        }
    }

    fn name(&self) -> &'static str {
        self.names.first().copied().unwrap_or_default()
    }
}

impl<H: KeyType, T> SortParts<(H, T)> {
    fn compare(self, op: &'static str, value: impl ValueOf<H>) -> SortParts<()> {
        let text = RangeText::Compare(self.name(), op, Operand::value(&value));
        self.next(Some(text))
    }

    /// `attribute = value`; the next sort attribute may then take a condition.
    pub fn eq(self, value: impl ValueOf<H>) -> SortParts<T> {
        let text = RangeText::Compare(self.name(), "=", Operand::value(&value));
        self.next(Some(text))
    }

    /// `attribute < value`, the last condition.
    pub fn lt(self, value: impl ValueOf<H>) -> SortParts<()> {
        self.compare("<", value)
    }

    /// `attribute <= value`, the last condition.
    pub fn le(self, value: impl ValueOf<H>) -> SortParts<()> {
        self.compare("<=", value)
    }

    /// `attribute > value`, the last condition.
    pub fn gt(self, value: impl ValueOf<H>) -> SortParts<()> {
        self.compare(">", value)
    }

    /// `attribute >= value`, the last condition.
    pub fn ge(self, value: impl ValueOf<H>) -> SortParts<()> {
        self.compare(">=", value)
    }

    /// `attribute BETWEEN low AND high`, the last condition.
    pub fn between(self, low: impl ValueOf<H>, high: impl ValueOf<H>) -> SortParts<()> {
        let text = RangeText::Between(self.name(), Operand::value(&low), Operand::value(&high));
        self.next(Some(text))
    }

    /// `begins_with(attribute, prefix)`, the last condition: string and binary attributes.
    pub fn begins_with(self, prefix: impl ValueOf<H::Prefix>) -> SortParts<()>
    where
        H: BeginsWith,
    {
        let text = RangeText::BeginsWith(self.name(), Operand::value(&prefix));
        self.next(Some(text))
    }
}

impl<L> SortKeyCondition for SortParts<L> {
    fn into_range_condition(self) -> RangeCondition {
        RangeCondition {
            text: RangeText::All(self.conditions),
        }
    }
}
