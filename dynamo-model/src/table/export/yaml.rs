//! YAML, as CloudFormation and SAM templates are usually written: block style, every string
//! double-quoted (JSON's quoting, which YAML reads as it is), so that nothing is read as
//! another type.

use serde_json::Value;

/// `value` as block-style YAML.
///
/// ```
/// let yaml = dynamo_model::table::to_yaml(&serde_json::json!({
///     "Properties": { "KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }] },
///     "Type": "AWS::DynamoDB::Table",
/// }));
/// assert_eq!(yaml, "\
/// Properties:
///   KeySchema:
///     - AttributeName: \"id\"
///       KeyType: \"HASH\"
/// Type: \"AWS::DynamoDB::Table\"
/// ");
/// ```
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

/// Writes `value` at `indent` spaces, starting on a fresh line.
fn write(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, value) in map {
                pad(indent, out);
                out.push_str(&key_text(key));
                out.push(':');
                entry(value, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                pad(indent, out);
                out.push_str("- ");
                item_in_list(item, indent + 2, out);
            }
        }
        scalar => {
            pad(indent, out);
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

/// The value of a map entry, after its `key:`.
fn entry(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write(value, indent + 2, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write(value, indent + 2, out);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

/// A list item, after its `- `: a map's first entry stays on the dash's line.
fn item_in_list(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let mut first = true;
            for (key, value) in map {
                if !first {
                    pad(indent, out);
                }
                first = false;
                out.push_str(&key_text(key));
                out.push(':');
                entry(value, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write(value, indent, out);
        }
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn pad(indent: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A key: bare when it is a plain word (`Fn::GetAtt` included), else quoted.
fn key_text(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '-')
        && !key.ends_with(':');
    if plain {
        key.to_owned()
    } else {
        Value::String(key.to_owned()).to_string()
    }
}

/// A scalar, or an empty map or list, in JSON's spelling (which YAML reads the same).
fn scalar_text(value: &Value) -> String {
    value.to_string()
}
