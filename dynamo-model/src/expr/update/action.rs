//! One action of an update expression, and how it is written.

use aws_sdk_dynamodb::types::AttributeValue;

use super::super::path::RawPath;
use super::super::placeholder::Placeholders;
use super::super::typing::Operand;
use crate::value::ConversionError;

/// What SET writes.
#[derive(Debug, Clone)]
pub(super) enum SetValue {
    /// `= value` or `= other.path`
    Operand(Operand),
    /// `= if_not_exists(path, value)`
    IfNotExists(Operand),
    /// `= path + value` / `= path - value`
    Arithmetic(&'static str, Operand),
    /// `= list_append(if_not_exists(path, []), value)`, or the value first when prepending.
    Append { values: Operand, at_end: bool },
}

#[derive(Debug, Clone)]
pub(super) enum Action {
    Set(RawPath, SetValue),
    Remove(RawPath),
    Add(RawPath, Operand),
    Delete(RawPath, Operand),
}

impl Action {
    pub(super) fn path(&self) -> &RawPath {
        match self {
            Action::Set(path, _)
            | Action::Remove(path)
            | Action::Add(path, _)
            | Action::Delete(path, _) => path,
        }
    }
}

/// Writes `action` into `out`, its names and values as placeholders.
pub(super) fn render_action(
    action: &Action,
    placeholders: &mut Placeholders,
    out: &mut String,
) -> Result<(), ConversionError> {
    match action {
        Action::Set(path, value) => {
            placeholders.path(path, out);
            out.push_str(" = ");
            match value {
                SetValue::Operand(operand) => placeholders.operand(operand, out)?,
                SetValue::IfNotExists(operand) => {
                    out.push_str("if_not_exists(");
                    placeholders.path(path, out);
                    out.push_str(", ");
                    placeholders.operand(operand, out)?;
                    out.push(')');
                }
                SetValue::Arithmetic(op, operand) => {
                    placeholders.path(path, out);
                    out.push(' ');
                    out.push_str(op);
                    out.push(' ');
                    placeholders.operand(operand, out)?;
                }
                SetValue::Append { values, at_end } => {
                    let mut existing = String::from("if_not_exists(");
                    placeholders.path(path, &mut existing);
                    existing.push_str(", ");
                    placeholders.value(AttributeValue::L(Vec::new()), &mut existing);
                    existing.push(')');
                    let mut new = String::new();
                    placeholders.operand(values, &mut new)?;
                    let (first, second) = if *at_end {
                        (existing, new)
                    } else {
                        (new, existing)
                    };
                    out.push_str("list_append(");
                    out.push_str(&first);
                    out.push_str(", ");
                    out.push_str(&second);
                    out.push(')');
                }
            }
        }
        Action::Remove(path) => placeholders.path(path, out),
        Action::Add(path, operand) | Action::Delete(path, operand) => {
            placeholders.path(path, out);
            out.push(' ');
            placeholders.operand(operand, out)?;
        }
    }
    Ok(())
}
