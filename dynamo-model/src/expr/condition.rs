//! Conditions: ConditionExpression and FilterExpression, built from typed paths.

use aws_sdk_dynamodb::types::AttributeValue;

use super::path::{AttributePath, RawPath};
use super::placeholder::{Expression, Placeholders};
use super::typing::{BeginsWith, Contains, HasSize, Operand, Ordered, ValueOf};
use crate::value::ConversionError;

mod render;

use render::render;

/// DynamoDB accepts at most this many values in one `IN` list.
pub const MAX_IN_VALUES: usize = 100;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Comparison {
    fn symbol(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Ne => "<>",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }
}

/// The DynamoDB types `attribute_type` tests for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    /// String.
    S,
    /// Number.
    N,
    /// Binary.
    B,
    /// Boolean.
    Bool,
    /// Null.
    Null,
    /// List.
    L,
    /// Map.
    M,
    /// String set.
    Ss,
    /// Number set.
    Ns,
    /// Binary set.
    Bs,
}

impl AttributeType {
    fn code(self) -> &'static str {
        match self {
            AttributeType::S => "S",
            AttributeType::N => "N",
            AttributeType::B => "B",
            AttributeType::Bool => "BOOL",
            AttributeType::Null => "NULL",
            AttributeType::L => "L",
            AttributeType::M => "M",
            AttributeType::Ss => "SS",
            AttributeType::Ns => "NS",
            AttributeType::Bs => "BS",
        }
    }
}

/// The left side of a comparison: an attribute or its size.
#[derive(Debug, Clone)]
pub(crate) enum Subject {
    Path(RawPath),
    Size(RawPath),
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Compare(Subject, Comparison, Operand),
    Between(Subject, Operand, Operand),
    In(RawPath, Vec<Operand>),
    BeginsWith(RawPath, Operand),
    Contains(RawPath, Operand),
    Exists(RawPath),
    NotExists(RawPath),
    Type(RawPath, AttributeType),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// A condition on an item, built with the methods of [`Conditions`] on typed paths and combined
/// with [`and`](Condition::and), [`or`](Condition::or) and [`not`](Condition::not) (or `&`, `|`,
/// `!`). Used as a put/update/delete condition, a query or scan filter, or a transaction check.
#[derive(Clone)]
pub struct Condition {
    node: Node,
}

impl Condition {
    fn new(node: Node) -> Self {
        Condition { node }
    }

    /// Both conditions hold.
    #[allow(clippy::should_implement_trait)]
    pub fn and(self, other: Condition) -> Condition {
        let nodes = match (self.node, other.node) {
            (Node::And(mut left), Node::And(right)) => {
                left.extend(right);
                left
            }
            (Node::And(mut left), right) => {
                left.push(right);
                left
            }
            (left, Node::And(right)) => std::iter::once(left).chain(right).collect(),
            (left, right) => vec![left, right],
        };
        Condition::new(Node::And(nodes))
    }

    /// Either condition holds.
    pub fn or(self, other: Condition) -> Condition {
        let nodes = match (self.node, other.node) {
            (Node::Or(mut left), Node::Or(right)) => {
                left.extend(right);
                left
            }
            (Node::Or(mut left), right) => {
                left.push(right);
                left
            }
            (left, Node::Or(right)) => std::iter::once(left).chain(right).collect(),
            (left, right) => vec![left, right],
        };
        Condition::new(Node::Or(nodes))
    }

    /// The condition does not hold.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Condition {
        match self.node {
            Node::Not(inner) => Condition::new(*inner),
            node => Condition::new(Node::Not(Box::new(node))),
        }
    }

    /// Adds `condition` to an optional one with AND: how every builder's `.condition(..)` and
    /// `.filter(..)` combine repeated calls.
    pub fn and_into(slot: &mut Option<Condition>, condition: Condition) {
        *slot = Some(match slot.take() {
            Some(earlier) => earlier.and(condition),
            None => condition,
        });
    }

    /// Every condition of `conditions` holds; `None` when there are none.
    pub fn all(conditions: impl IntoIterator<Item = Condition>) -> Option<Condition> {
        conditions.into_iter().reduce(Condition::and)
    }

    /// At least one of `conditions` holds; `None` when there are none.
    pub fn any(conditions: impl IntoIterator<Item = Condition>) -> Option<Condition> {
        conditions.into_iter().reduce(Condition::or)
    }

    /// The top-level attribute names the condition reads.
    pub fn attribute_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        collect_names(&self.node, &mut names);
        names
    }

    /// Renders the condition with placeholders of its own.
    pub fn build(&self) -> Result<Expression, ConversionError> {
        let mut placeholders = Placeholders::new();
        let text = self.render(&mut placeholders)?;
        Ok(Expression::new(text, &placeholders))
    }

    /// Renders the condition into the placeholders of a request.
    pub fn render(&self, placeholders: &mut Placeholders) -> Result<String, ConversionError> {
        let mut out = String::new();
        render(&self.node, placeholders, &mut out)?;
        Ok(out)
    }
}

impl std::ops::BitAnd for Condition {
    type Output = Condition;
    fn bitand(self, other: Condition) -> Condition {
        self.and(other)
    }
}

impl std::ops::BitOr for Condition {
    type Output = Condition;
    fn bitor(self, other: Condition) -> Condition {
        self.or(other)
    }
}

impl std::ops::Not for Condition {
    type Output = Condition;
    fn not(self) -> Condition {
        Condition::not(self)
    }
}

impl std::fmt::Debug for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.build() {
            Ok(built) => write!(
                f,
                "Condition({:?}, {:?}, {:?})",
                built.text, built.names, built.values
            ),
            Err(error) => write!(f, "Condition(invalid: {error})"),
        }
    }
}

fn collect_names<'n>(node: &'n Node, names: &mut Vec<&'n str>) {
    let mut path = |path: &'n RawPath| {
        if let Some(super::path::Segment::Name(name)) = path.segments().first() {
            names.push(name);
        }
    };
    let operand = |operand: &'n Operand, path: &mut dyn FnMut(&'n RawPath)| {
        if let Operand::Path(p) = operand {
            path(p);
        }
    };
    match node {
        Node::Compare(subject, _, right) => {
            match subject {
                Subject::Path(p) | Subject::Size(p) => path(p),
            }
            operand(right, &mut path);
        }
        Node::Between(subject, low, high) => {
            match subject {
                Subject::Path(p) | Subject::Size(p) => path(p),
            }
            operand(low, &mut path);
            operand(high, &mut path);
        }
        Node::In(p, values) => {
            path(p);
            for value in values {
                operand(value, &mut path);
            }
        }
        Node::BeginsWith(p, o) | Node::Contains(p, o) => {
            path(p);
            operand(o, &mut path);
        }
        Node::Exists(p) | Node::NotExists(p) | Node::Type(p, _) => path(p),
        Node::And(nodes) | Node::Or(nodes) => {
            for node in nodes {
                collect_names(node, names);
            }
        }
        Node::Not(inner) => collect_names(inner, names),
    }
}

/// The conditions on one attribute path. In scope through `dynamo_model::prelude`, and
/// implemented for every [`AttributePath`]: a field's path from `Model::fields()`, a nested
/// field, a list element or a map entry.
///
/// Which methods apply depends on the attribute's type, checked at compile time: `lt` needs an
/// ordered type ([`Ordered`]: strings, numbers, binary), `begins_with` a string or binary,
/// `contains` a string, set or list (and a value of its element type), `size` something with a
/// length. A value must be of the attribute's type (a `&str` for a `String`, the inner value for
/// an `Option`), or another path of the same type.
pub trait Conditions: AttributePath {
    /// `path = value`
    fn eq(&self, value: impl ValueOf<Self::Value>) -> Condition {
        compare(self, Comparison::Eq, value)
    }

    /// `path <> value`
    fn ne(&self, value: impl ValueOf<Self::Value>) -> Condition {
        compare(self, Comparison::Ne, value)
    }

    /// `path < value`
    fn lt(&self, value: impl ValueOf<Self::Value>) -> Condition
    where
        Self::Value: Ordered,
    {
        compare(self, Comparison::Lt, value)
    }

    /// `path <= value`
    fn le(&self, value: impl ValueOf<Self::Value>) -> Condition
    where
        Self::Value: Ordered,
    {
        compare(self, Comparison::Le, value)
    }

    /// `path > value`
    fn gt(&self, value: impl ValueOf<Self::Value>) -> Condition
    where
        Self::Value: Ordered,
    {
        compare(self, Comparison::Gt, value)
    }

    /// `path >= value`
    fn ge(&self, value: impl ValueOf<Self::Value>) -> Condition
    where
        Self::Value: Ordered,
    {
        compare(self, Comparison::Ge, value)
    }

    /// `path BETWEEN low AND high` (both ends included).
    fn between(&self, low: impl ValueOf<Self::Value>, high: impl ValueOf<Self::Value>) -> Condition
    where
        Self::Value: Ordered,
    {
        Condition::new(Node::Between(
            Subject::Path(self.path().raw().clone()),
            low.operand(),
            high.operand(),
        ))
    }

    /// `path IN (v1, v2, ...)`: 1 to 100 values.
    fn is_in<V: ValueOf<Self::Value>>(&self, values: impl IntoIterator<Item = V>) -> Condition {
        Condition::new(Node::In(
            self.path().raw().clone(),
            values.into_iter().map(|v| v.operand()).collect(),
        ))
    }

    /// `begins_with(path, prefix)`: strings and binary.
    fn begins_with(&self, prefix: impl ValueOf<<Self::Value as BeginsWith>::Prefix>) -> Condition
    where
        Self::Value: BeginsWith,
    {
        Condition::new(Node::BeginsWith(
            self.path().raw().clone(),
            prefix.operand(),
        ))
    }

    /// `contains(path, element)`: a substring of a string, an element of a set or a list.
    fn contains(&self, element: impl ValueOf<<Self::Value as Contains>::Element>) -> Condition
    where
        Self::Value: Contains,
    {
        Condition::new(Node::Contains(self.path().raw().clone(), element.operand()))
    }

    /// `attribute_exists(path)`
    fn exists(&self) -> Condition {
        Condition::new(Node::Exists(self.path().raw().clone()))
    }

    /// `attribute_not_exists(path)`
    fn not_exists(&self) -> Condition {
        Condition::new(Node::NotExists(self.path().raw().clone()))
    }

    /// `attribute_type(path, type)`
    fn has_type(&self, kind: AttributeType) -> Condition {
        Condition::new(Node::Type(self.path().raw().clone(), kind))
    }

    /// `size(path)`, to compare: `f.name.size().gt(3)`.
    fn size(&self) -> Size
    where
        Self::Value: HasSize,
    {
        Size {
            path: self.path().raw().clone(),
        }
    }
}

impl<P: AttributePath + ?Sized> Conditions for P {}

fn compare<P: AttributePath + ?Sized>(
    path: &P,
    op: Comparison,
    value: impl ValueOf<P::Value>,
) -> Condition {
    Condition::new(Node::Compare(
        Subject::Path(path.path().raw().clone()),
        op,
        value.operand(),
    ))
}

/// `size(path)`: the length of a string or binary, the entries of a list, map or set.
#[derive(Debug, Clone)]
pub struct Size {
    path: RawPath,
}

impl Size {
    fn compare(&self, op: Comparison, n: u64) -> Condition {
        Condition::new(Node::Compare(
            Subject::Size(self.path.clone()),
            op,
            Operand::Value(Ok(AttributeValue::N(n.to_string()))),
        ))
    }

    /// `size(path) = n`
    pub fn eq(&self, n: u64) -> Condition {
        self.compare(Comparison::Eq, n)
    }

    /// `size(path) <> n`
    pub fn ne(&self, n: u64) -> Condition {
        self.compare(Comparison::Ne, n)
    }

    /// `size(path) < n`
    pub fn lt(&self, n: u64) -> Condition {
        self.compare(Comparison::Lt, n)
    }

    /// `size(path) <= n`
    pub fn le(&self, n: u64) -> Condition {
        self.compare(Comparison::Le, n)
    }

    /// `size(path) > n`
    pub fn gt(&self, n: u64) -> Condition {
        self.compare(Comparison::Gt, n)
    }

    /// `size(path) >= n`
    pub fn ge(&self, n: u64) -> Condition {
        self.compare(Comparison::Ge, n)
    }

    /// `size(path) BETWEEN low AND high`
    pub fn between(&self, low: u64, high: u64) -> Condition {
        Condition::new(Node::Between(
            Subject::Size(self.path.clone()),
            Operand::Value(Ok(AttributeValue::N(low.to_string()))),
            Operand::Value(Ok(AttributeValue::N(high.to_string()))),
        ))
    }
}
