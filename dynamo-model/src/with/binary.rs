//! `#[dynamo(with = dynamo_model::with::binary)]`: bytes held in a `Vec<u8>` (or
//! `Option<Vec<u8>>`) stored as DynamoDB binary (B), not as a list of numbers.
//!
//! ```
//! use dynamo_model::{AttributeValue, Model};
//!
//! #[derive(Model)]
//! struct Blob {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     #[dynamo(with = dynamo_model::with::binary)]
//!     data: Vec<u8>,
//! }
//!
//! let item = Blob { id: "b".into(), data: vec![1, 2, 3] }.to_item().unwrap();
//! assert_eq!(item["data"], AttributeValue::B(vec![1, 2, 3].into()));
//! ```

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::value::ConversionError;

/// A field type this module converts: `Vec<u8>` or `Option<Vec<u8>>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored with `with::binary`",
    label = "`with::binary` stores `Vec<u8>` or `Option<Vec<u8>>` as B",
    note = "for `bytes::Bytes` enable the `bytes` feature and drop the `with`"
)]
pub trait Bytes: Sized {
    /// The bytes to store, or `None` to leave the attribute out.
    fn bytes(&self) -> Option<&[u8]>;
    /// The value read from stored bytes, or from an absent attribute (`None`).
    fn from_bytes(bytes: Option<Vec<u8>>) -> Result<Self, ConversionError>;
}

impl Bytes for Vec<u8> {
    fn bytes(&self) -> Option<&[u8]> {
        Some(self)
    }

    fn from_bytes(bytes: Option<Vec<u8>>) -> Result<Self, ConversionError> {
        bytes.ok_or_else(|| ConversionError::missing("B"))
    }
}

impl Bytes for Option<Vec<u8>> {
    fn bytes(&self) -> Option<&[u8]> {
        self.as_deref()
    }

    fn from_bytes(bytes: Option<Vec<u8>>) -> Result<Self, ConversionError> {
        Ok(bytes)
    }
}

/// Writes the bytes as B.
pub fn to_attribute<T: Bytes>(value: &T) -> Result<Option<AttributeValue>, ConversionError> {
    Ok(value
        .bytes()
        .map(|bytes| AttributeValue::B(Blob::new(bytes))))
}

/// Reads B (a NULL reads like an absent attribute).
pub fn from_attribute<T: Bytes>(value: Option<AttributeValue>) -> Result<T, ConversionError> {
    match value {
        Some(AttributeValue::B(blob)) => T::from_bytes(Some(blob.into_inner())),
        None | Some(AttributeValue::Null(_)) => T::from_bytes(None),
        Some(other) => Err(ConversionError::wrong_type("B", &other)),
    }
}
