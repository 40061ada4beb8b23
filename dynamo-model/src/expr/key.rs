//! Key conditions (KeyConditionExpression): the partition key by equality, and an optional
//! condition on the sort key with the operators DynamoDB allows there.

use std::marker::PhantomData;

use super::path::RawPath;
use super::placeholder::Placeholders;
use super::typing::{BeginsWith, Operand, ValueOf};
use crate::schema::KeyType;
use crate::value::ConversionError;

/// The sort key of a table or index, handed to the closure of `query(..).sort_key(|key| ...)`.
/// Its methods are the only conditions DynamoDB accepts on a sort key: `=`, `<`, `<=`, `>`,
/// `>=`, `BETWEEN` and `begins_with` (the last for string and binary keys).
pub struct SortKeyPath<T> {
    name: &'static str,
    key: PhantomData<fn() -> T>,
}

/// A condition on the sort key, made by a [`SortKeyPath`] method.
#[derive(Debug, Clone)]
pub struct SortCondition {
    text: SortText,
}

#[derive(Debug, Clone)]
enum SortText {
    Compare(&'static str, &'static str, Operand),
    Between(&'static str, Operand, Operand),
    BeginsWith(&'static str, Operand),
    /// The conditions on the sort attributes of a multi-attribute key, left to right, all of
    /// which must hold.
    All(Vec<SortText>),
}

/// The sort key of a multi-attribute index, as a type: its attributes' types as a list
/// `(S1, (S2, ()))`, which [`SortParts`] walks left to right.
pub struct MultiSort<S>(PhantomData<fn() -> S>);

/// A sort key type a query can narrow, and what `.sort_key(|key| ...)` hands its closure: a
/// [`SortKeyPath`] for a single sort attribute, [`SortParts`] for a multi-attribute key.
/// [`NoSortKey`](crate::NoSortKey) is not one.
#[diagnostic::on_unimplemented(
    message = "this model has no sort key, so a query has no sort key condition",
    label = "the model's table is keyed by its partition key alone",
    note = "query by the partition key and use `.filter(..)` to narrow the items"
)]
pub trait SortKeyType {
    /// What the closure of `.sort_key(..)` is handed.
    type Handle;

    /// The handle of sort attribute `name`, or of the sort attributes `names` of a
    /// multi-attribute key, in key order; queries make these for you.
    #[doc(hidden)]
    fn handle(name: &'static str, names: &'static [&'static str]) -> Self::Handle;
}

impl<T: KeyType> SortKeyType for T {
    type Handle = SortKeyPath<T>;

    fn handle(name: &'static str, _: &'static [&'static str]) -> SortKeyPath<T> {
        SortKeyPath::new(name)
    }
}

impl<S> SortKeyType for MultiSort<S> {
    type Handle = SortParts<S>;

    fn handle(_: &'static str, names: &'static [&'static str]) -> SortParts<S> {
        SortParts::new(names)
    }
}

impl<T: KeyType> SortKeyPath<T> {
    /// The sort key stored as `name`; queries make these for you.
    pub fn new(name: &'static str) -> Self {
        SortKeyPath {
            name,
            key: PhantomData,
        }
    }

    fn compare(&self, op: &'static str, value: impl ValueOf<T>) -> SortCondition {
        SortCondition {
            text: SortText::Compare(self.name, op, Operand::value(&value)),
        }
    }

    /// `key = value`
    pub fn eq(&self, value: impl ValueOf<T>) -> SortCondition {
        self.compare("=", value)
    }

    /// `key < value`
    pub fn lt(&self, value: impl ValueOf<T>) -> SortCondition {
        self.compare("<", value)
    }

    /// `key <= value`
    pub fn le(&self, value: impl ValueOf<T>) -> SortCondition {
        self.compare("<=", value)
    }

    /// `key > value`
    pub fn gt(&self, value: impl ValueOf<T>) -> SortCondition {
        self.compare(">", value)
    }

    /// `key >= value`
    pub fn ge(&self, value: impl ValueOf<T>) -> SortCondition {
        self.compare(">=", value)
    }

    /// `key BETWEEN low AND high`
    pub fn between(&self, low: impl ValueOf<T>, high: impl ValueOf<T>) -> SortCondition {
        SortCondition {
            text: SortText::Between(self.name, Operand::value(&low), Operand::value(&high)),
        }
    }

    /// `begins_with(key, prefix)`: string and binary keys.
    pub fn begins_with(&self, prefix: impl ValueOf<T::Prefix>) -> SortCondition
    where
        T: BeginsWith,
    {
        SortCondition {
            text: SortText::BeginsWith(self.name, Operand::value(&prefix)),
        }
    }
}

/// What the closure of `query(..).sort_key(|key| ...)` returns: a condition made by the
/// [`SortKeyPath`] it was handed, the only conditions DynamoDB accepts on a sort key.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sort key condition",
    label = "`.sort_key(..)` takes a condition made from the sort key the closure is handed",
    note = "use the closure's argument: `.sort_key(|key| key.gt(5))`; a condition on another attribute goes in `.filter(..)`, which DynamoDB applies after reading"
)]
pub trait SortKeyCondition {
    /// The condition.
    fn into_sort_condition(self) -> SortCondition;
}

impl SortKeyCondition for SortCondition {
    fn into_sort_condition(self) -> SortCondition {
        self
    }
}

/// A whole key condition: `partition = :v` and the sort key's condition, if any.
#[derive(Debug, Clone)]
pub struct KeyCondition {
    partition: (&'static str, Operand),
    /// The further partition attributes of a multi-attribute key, each by equality.
    more_hash: Vec<(&'static str, Operand)>,
    sort: Option<SortCondition>,
}

impl KeyCondition {
    /// The items of one partition.
    pub fn partition<T: KeyType>(name: &'static str, value: &impl ValueOf<T>) -> Self {
        KeyCondition {
            partition: (name, Operand::value(value)),
            more_hash: Vec::new(),
            sort: None,
        }
    }

    /// The items of one partition, with the key value already written.
    pub fn partition_value(
        name: &'static str,
        value: aws_sdk_dynamodb::types::AttributeValue,
    ) -> Self {
        KeyCondition {
            partition: (name, Operand::Value(Ok(value))),
            more_hash: Vec::new(),
            sort: None,
        }
    }

    /// The items of one partition of a multi-attribute partition key: every attribute by
    /// equality, the first one's value standing for the partition in cursors.
    pub(crate) fn partition_values(parts: Vec<(&'static str, Operand)>) -> Option<Self> {
        let mut parts = parts.into_iter();
        let partition = parts.next()?;
        Some(KeyCondition {
            partition,
            more_hash: parts.collect(),
            sort: None,
        })
    }

    /// The partition key's attribute name.
    pub fn partition_name(&self) -> &'static str {
        self.partition.0
    }

    /// The partition key's value, when it converted: what a query's cursor must hold.
    pub(crate) fn hash_value(&self) -> Option<&aws_sdk_dynamodb::types::AttributeValue> {
        match &self.partition.1 {
            Operand::Value(Ok(value)) => Some(value),
            _ => None,
        }
    }

    /// Narrows to the sort keys `sort` accepts.
    pub fn with_sort(mut self, sort: SortCondition) -> Self {
        self.sort = Some(sort);
        self
    }

    /// The same partition, every sort key.
    pub(crate) fn without_sort(mut self) -> Self {
        self.sort = None;
        self
    }

    /// Renders the key condition into the placeholders of a request.
    pub fn render(&self, placeholders: &mut Placeholders) -> Result<String, ConversionError> {
        let mut out = String::new();
        let path = |name: &'static str| RawPath::attribute(name);
        for (i, (name, value)) in std::iter::once(&self.partition)
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
        if let Some(sort) = &self.sort {
            render_range(&sort.text, placeholders, &mut out)?;
        }
        Ok(out)
    }
}

/// Appends ` AND ` and the sort-key condition (nothing for an empty multi-attribute one).
fn render_range(
    text: &SortText,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    let path = |name: &'static str| RawPath::attribute(name);
    if !matches!(text, SortText::All(_)) {
        out.push_str(" AND ");
    }
    match text {
        SortText::Compare(name, op, value) => {
            placeholders.path(&path(name), out);
            out.push(' ');
            out.push_str(op);
            out.push(' ');
            placeholders.operand(value, out)?;
        }
        SortText::Between(name, low, high) => {
            placeholders.path(&path(name), out);
            out.push_str(" BETWEEN ");
            placeholders.operand(low, out)?;
            out.push_str(" AND ");
            placeholders.operand(high, out)?;
        }
        SortText::BeginsWith(name, prefix) => {
            out.push_str("begins_with(");
            placeholders.path(&path(name), out);
            out.push_str(", ");
            placeholders.operand(prefix, out)?;
            out.push(')');
        }
        SortText::All(parts) => {
            for part in parts {
                render_range(part, placeholders, out)?;
            }
        }
    }
    Ok(())
}

/// The sort attributes of a multi-attribute key still open to a condition, as a list type
/// `(S1, (S2, ()))`: handed to the closure of a multi-attribute index query's `.sort_key(..)`. Its
/// methods are DynamoDB's rule for such keys: equality on sort attributes left to right, then at
/// most one sort condition (`<`, `<=`, `>`, `>=`, `BETWEEN`, `begins_with`) on the next one.
/// Skipping an attribute does not compile: the next one's methods exist only after `eq`.
pub struct SortParts<L> {
    names: &'static [&'static str],
    conditions: Vec<SortText>,
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

    fn next<N>(mut self, text: Option<SortText>) -> SortParts<N> {
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
        let text = SortText::Compare(self.name(), op, Operand::value(&value));
        self.next(Some(text))
    }

    /// `attribute = value`; the next sort attribute may then take a condition.
    pub fn eq(self, value: impl ValueOf<H>) -> SortParts<T> {
        let text = SortText::Compare(self.name(), "=", Operand::value(&value));
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
        let text = SortText::Between(self.name(), Operand::value(&low), Operand::value(&high));
        self.next(Some(text))
    }

    /// `begins_with(attribute, prefix)`, the last condition: string and binary attributes.
    pub fn begins_with(self, prefix: impl ValueOf<H::Prefix>) -> SortParts<()>
    where
        H: BeginsWith,
    {
        let text = SortText::BeginsWith(self.name(), Operand::value(&prefix));
        self.next(Some(text))
    }
}

impl<L> SortKeyCondition for SortParts<L> {
    fn into_sort_condition(self) -> SortCondition {
        SortCondition {
            text: SortText::All(self.conditions),
        }
    }
}
