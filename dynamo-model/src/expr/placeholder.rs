//! Placeholders: every attribute name becomes `#nN` and every value `:vN`, so nothing a user
//! passes is ever part of expression text. Reserved words, dots, `#`, `:` and spaces in names just
//! work, and a request can be logged without its values.

use std::collections::HashMap;
use std::fmt::Write;

use aws_sdk_dynamodb::types::AttributeValue;

use super::path::{RawPath, Segment};
use super::typing::Operand;
use crate::value::ConversionError;

/// The placeholders of one request, shared by its condition, key condition, update and
/// projection. Numbers are given in order of first use, and a name or value used twice gets one
/// placeholder, so the same expression always renders the same text.
#[derive(Debug, Default, Clone)]
pub struct Placeholders {
    names: Vec<String>,
    name_index: HashMap<String, usize>,
    values: Vec<AttributeValue>,
}

impl Placeholders {
    /// No placeholders yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The placeholder of an attribute name, `#n0`, written to `out`.
    pub fn name(&mut self, name: &str, out: &mut String) {
        let index = match self.name_index.get(name) {
            Some(&index) => index,
            None => {
                let index = self.names.len();
                self.names.push(name.to_owned());
                self.name_index.insert(name.to_owned(), index);
                index
            }
        };
        let _ = write!(out, "#n{index}");
    }

    /// The placeholder of a value, `:v0`, written to `out`.
    pub fn value(&mut self, value: AttributeValue, out: &mut String) {
        let index = match self.values.iter().position(|v| *v == value) {
            Some(index) => index,
            None => {
                self.values.push(value);
                self.values.len() - 1
            }
        };
        let _ = write!(out, ":v{index}");
    }

    /// A path with every name replaced: `#n0.#n1[2]`.
    pub fn path(&mut self, path: &RawPath, out: &mut String) {
        for (i, segment) in path.segments().iter().enumerate() {
            match segment {
                Segment::Name(name) => {
                    if i > 0 {
                        out.push('.');
                    }
                    self.name(name, out);
                }
                Segment::Index(index) => {
                    let _ = write!(out, "[{index}]");
                }
            }
        }
    }

    /// An operand: a path, or a value placeholder; a value whose conversion failed fails here.
    pub(crate) fn operand(
        &mut self,
        operand: &Operand,
        out: &mut String,
    ) -> Result<(), ConversionError> {
        match operand {
            Operand::Path(path) => self.path(path, out),
            Operand::Value(Ok(value)) => self.value(value.clone(), out),
            Operand::Value(Err(error)) => return Err(error.clone()),
            Operand::Absent => return Err(Operand::absent_error()),
        }
        Ok(())
    }

    /// The `ExpressionAttributeNames` map, or `None` when no name was used (DynamoDB rejects an
    /// empty map).
    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| {
            self.names
                .iter()
                .enumerate()
                .map(|(i, name)| (format!("#n{i}"), name.clone()))
                .collect()
        })
    }

    /// The `ExpressionAttributeValues` map, or `None` when no value was used.
    pub fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| {
            self.values
                .iter()
                .enumerate()
                .map(|(i, value)| (format!(":v{i}"), value.clone()))
                .collect()
        })
    }
}

/// A built expression on its own: its text and the placeholders it uses, ready to hand to the
/// SDK (or to compare in a test).
///
/// ```
/// use dynamo_model::expr::{AttributePath, Conditions};
/// use dynamo_model::{AttributeValue, Model};
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     name: String,
///     lives: u8,
/// }
///
/// let f = Cat::fields();
/// let built = f.name.eq("Tom").and(f.lives.gt(3)).build()?;
/// assert_eq!(built.text, "#n0 = :v0 AND #n1 > :v1");
/// assert_eq!(built.names.unwrap()["#n0"], "name");
/// assert_eq!(built.values.unwrap()[":v1"], AttributeValue::N("3".into()));
/// # Ok::<(), dynamo_model::ConversionError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Expression {
    /// The expression text, e.g. `#n0 = :v0`.
    pub text: String,
    /// `ExpressionAttributeNames`.
    pub names: Option<HashMap<String, String>>,
    /// `ExpressionAttributeValues`.
    pub values: Option<HashMap<String, AttributeValue>>,
}

impl Expression {
    pub(crate) fn new(text: String, placeholders: &Placeholders) -> Self {
        Expression {
            text,
            names: placeholders.names(),
            values: placeholders.values(),
        }
    }
}

/// `attribute_not_exists(#a)`.
/// `attribute_exists(#n)`: a write that applies only to an existing item.
pub(crate) fn exists_text(attribute: &str, placeholders: &mut Placeholders) -> String {
    let mut text = String::from("attribute_exists(");
    placeholders.name(attribute, &mut text);
    text.push(')');
    text
}

pub(crate) fn not_exists_text(attribute: &str, placeholders: &mut Placeholders) -> String {
    let mut text = String::from("attribute_not_exists(");
    placeholders.name(attribute, &mut text);
    text.push(')');
    text
}
