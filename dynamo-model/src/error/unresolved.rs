//! Why a reference was not resolved by a populate: per reference, never for the whole page.

use std::fmt;
use std::sync::Arc;

use super::Error;
use crate::value::Item;

/// A reference a populate could not resolve, and why: the referenced item does not exist, was
/// left unprocessed by DynamoDB after every retry, or its read failed. Each reference that was
/// not resolved carries its own; the other references of the same items are resolved as usual.
///
/// `?` turns it into [`Error::Unresolved`].
#[derive(Debug, Clone)]
pub struct Unresolved {
    /// The referenced model's Rust type name.
    pub model: &'static str,
    /// The key the reference holds, as stored.
    pub key: Item,
    /// Why there is no item to give.
    pub reason: Unread,
}

/// Why a reference was not resolved.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Unread {
    /// No item has the key: the referenced item was deleted, or never written.
    Missing,
    /// DynamoDB left the key unprocessed after every retry (throttling): nothing is known of
    /// the item; reading it again may find it.
    Unprocessed,
    /// The read failed: the request after the SDK's retries, or the item found could not be read
    /// as the model. Keys read by one failed request share its error.
    Failed(Arc<Error>),
}

impl Unresolved {
    /// Whether the referenced item does not exist (rather than not having been read).
    pub fn is_missing(&self) -> bool {
        matches!(self.reason, Unread::Missing)
    }
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key: Vec<String> = self
            .key
            .iter()
            .map(|(name, value)| format!("{name} = {}", key_text(value)))
            .collect();
        key.sort();
        let key = key.join(", ");
        let model = self.model;
        match &self.reason {
            Unread::Missing => write!(
                f,
                "the `{model}` referenced by key {{{key}}} does not exist: it was deleted or never written"
            ),
            Unread::Unprocessed => write!(
                f,
                "the `{model}` referenced by key {{{key}}} was not read: DynamoDB left its key unprocessed after every retry; populate again to read it"
            ),
            Unread::Failed(error) => write!(
                f,
                "the `{model}` referenced by key {{{key}}} could not be read: {error}"
            ),
        }
    }
}

impl std::error::Error for Unresolved {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.reason {
            Unread::Failed(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// A key attribute's value as a message shows it: text quoted, numbers as written, binary in
/// base64.
fn key_text(value: &aws_sdk_dynamodb::types::AttributeValue) -> String {
    use aws_sdk_dynamodb::types::AttributeValue;
    match value {
        AttributeValue::S(text) => format!("{text:?}"),
        AttributeValue::N(number) => number.clone(),
        AttributeValue::B(bytes) => crate::json::base64_encode(bytes.as_ref()),
        other => format!("{other:?}"),
    }
}
