//! A condition's tree written as DynamoDB expression text, every name and value through
//! placeholders.

use std::fmt::Write;

use aws_sdk_dynamodb::types::AttributeValue;

use super::{MAX_IN_VALUES, Node, Operand, Subject};
use crate::expr::path::RawPath;
use crate::expr::placeholder::Placeholders;
use crate::value::ConversionError;

/// How tightly an operator binds, for parentheses: NOT binds tighter than AND, AND than OR.
fn precedence(node: &Node) -> u8 {
    match node {
        Node::Or(_) => 1,
        Node::And(_) => 2,
        Node::Not(_) => 3,
        _ => 4,
    }
}

fn render_child(
    node: &Node,
    parent: u8,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    if precedence(node) <= parent {
        out.push('(');
        render(node, placeholders, out)?;
        out.push(')');
        Ok(())
    } else {
        render(node, placeholders, out)
    }
}

fn subject(subject: &Subject, placeholders: &mut Placeholders, out: &mut String) {
    match subject {
        Subject::Path(path) => placeholders.path(path, out),
        Subject::Size(path) => {
            out.push_str("size(");
            placeholders.path(path, out);
            out.push(')');
        }
    }
}

/// DynamoDB refuses a comparison of an attribute with itself ("the first operand must be
/// distinct from the remaining operands"); say so before sending.
fn distinct(subject: &Subject, operands: &[&Operand]) -> Result<(), ConversionError> {
    let Subject::Path(path) = subject else {
        return Ok(());
    };
    if operands
        .iter()
        .any(|o| matches!(o, Operand::Path(other) if other == path))
    {
        return Err(ConversionError::custom(
            "a condition compares the attribute with itself, which DynamoDB refuses",
        )
        .in_attribute(&path.to_string()));
    }
    Ok(())
}

pub(super) fn render(
    node: &Node,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    match node {
        Node::Compare(left, op, right) => {
            distinct(left, &[right])?;
            subject(left, placeholders, out);
            let _ = write!(out, " {} ", op.symbol());
            placeholders.operand(right, out)?;
        }
        Node::Between(left, low, high) => {
            distinct(left, &[low, high])?;
            subject(left, placeholders, out);
            out.push_str(" BETWEEN ");
            placeholders.operand(low, out)?;
            out.push_str(" AND ");
            placeholders.operand(high, out)?;
        }
        Node::In(path, values) => render_in(path, values, placeholders, out)?,
        Node::BeginsWith(path, prefix) => function("begins_with", path, prefix, placeholders, out)?,
        Node::Contains(path, element) => function("contains", path, element, placeholders, out)?,
        Node::Exists(path) => {
            out.push_str("attribute_exists(");
            placeholders.path(path, out);
            out.push(')');
        }
        Node::NotExists(path) => {
            out.push_str("attribute_not_exists(");
            placeholders.path(path, out);
            out.push(')');
        }
        Node::Type(path, kind) => {
            out.push_str("attribute_type(");
            placeholders.path(path, out);
            out.push_str(", ");
            placeholders.value(AttributeValue::S(kind.code().to_owned()), out);
            out.push(')');
        }
        Node::And(nodes) | Node::Or(nodes) => {
            let (parent, joiner) = match node {
                Node::And(_) => (2, " AND "),
                _ => (1, " OR "),
            };
            for (i, child) in nodes.iter().enumerate() {
                if i > 0 {
                    out.push_str(joiner);
                }
                render_child(child, parent, placeholders, out)?;
            }
        }
        Node::Not(inner) => {
            out.push_str("NOT ");
            render_child(inner, 3, placeholders, out)?;
        }
    }
    Ok(())
}

/// `path IN (v1, v2, ...)`, with DynamoDB's limit on the values checked.
fn render_in(
    path: &RawPath,
    values: &[Operand],
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    if values.is_empty() || values.len() > MAX_IN_VALUES {
        return Err(ConversionError::custom(format!(
            "IN takes 1 to {MAX_IN_VALUES} values, not {}",
            values.len()
        ))
        .in_attribute(&path.to_string()));
    }
    placeholders.path(path, out);
    out.push_str(" IN (");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        placeholders.operand(value, out)?;
    }
    out.push(')');
    Ok(())
}

/// A two-argument function of a path and an operand: `begins_with(path, :v)`.
fn function(
    name: &str,
    path: &RawPath,
    operand: &Operand,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    out.push_str(name);
    out.push('(');
    placeholders.path(path, out);
    out.push_str(", ");
    placeholders.operand(operand, out)?;
    out.push(')');
    Ok(())
}
