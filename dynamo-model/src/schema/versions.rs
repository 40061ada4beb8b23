//! A model's schema version: the version its writes stamp and the attribute holding the stamp.
//! What reads do with an earlier stamp is a behaviour (`behaviour::upgrade`).

use aws_sdk_dynamodb::types::AttributeValue;

use crate::value::{ConversionError, Item};

/// A model's schema version and the attribute that holds it in every item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaVersion {
    /// The current version, which writes stamp.
    pub current: u32,
    /// The stamp attribute (`_sv` unless the model names another).
    pub attribute: &'static str,
}

impl SchemaVersion {
    /// The version `item` is stamped with: 1 without a stamp.
    pub fn of(&self, item: &Item) -> Result<u32, ConversionError> {
        stored_version(item, self.attribute)
    }

    /// `attribute`'s value holding `version`, as writes stamp it.
    pub fn stamp(version: u32) -> AttributeValue {
        AttributeValue::N(version.to_string())
    }
}

/// The version `item` is stamped with under `attribute`: 1 when there is no stamp.
pub fn stored_version(item: &Item, attribute: &str) -> Result<u32, ConversionError> {
    match item.get(attribute) {
        None => Ok(1),
        Some(AttributeValue::N(n)) => n.parse::<u32>().map_err(|_| {
            ConversionError::custom(format!("schema version stamp `{n}` is not a whole number"))
                .in_attribute(attribute)
        }),
        Some(other) => Err(ConversionError::wrong_type("N", other).in_attribute(attribute)),
    }
}

/// One stored field of a model, as a schema snapshot records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSchema {
    /// The attribute it is stored in.
    pub name: &'static str,
    /// Its Rust type as written in the struct, without spaces (`Option<String>`).
    pub rust_type: &'static str,
    /// Whether every item must hold it: not an `Option`, no default.
    pub required: bool,
    /// Earlier names it is read under (`#[dynamo(alias = "...")]`).
    pub aliases: &'static [&'static str],
}
