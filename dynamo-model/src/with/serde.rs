//! `#[dynamo(serde)]` (or `with = dynamo_model::with::serde`): a field converted through its
//! serde implementations by [`serde_dynamo`](https://docs.rs/serde_dynamo), for types from other
//! crates that implement `Serialize` and `Deserialize` but not this crate's traits.
//!
//! It is a fallback: derived conversions are faster and know DynamoDB's sets and number rules.
//! A value serde writes as NULL (`None`, `()`) is left out of the item, and an absent attribute
//! is read as NULL, so `Option`s behave as they do elsewhere in a model.
//!
//! Needs the `serde` feature (on by default).
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use dynamo_model::{AttributeValue, Model};
//!
//! #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! struct Settings {
//!     theme: String,
//!     font_size: u8,
//! }
//!
//! #[derive(Model)]
//! struct User {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     #[dynamo(serde)]
//!     settings: Settings,
//! }
//!
//! let user = User { id: "u1".into(), settings: Settings { theme: "dark".into(), font_size: 14 } };
//! let item = user.to_item().unwrap();
//! assert!(matches!(item["settings"], AttributeValue::M(_)));
//! assert_eq!(User::from_item(item).unwrap().settings, user.settings);
//! # }
//! ```

use aws_sdk_dynamodb::types::AttributeValue;

use crate::value::ConversionError;

#[cfg(feature = "serde")]
mod enabled {
    use super::*;

    /// Writes the value with `serde_dynamo`; NULL is left out.
    pub fn to_attribute<T: ::serde::Serialize + ?Sized>(
        value: &T,
    ) -> Result<Option<AttributeValue>, ConversionError> {
        match serde_dynamo::to_attribute_value::<_, AttributeValue>(value) {
            Ok(AttributeValue::Null(_)) => Ok(None),
            Ok(written) => Ok(Some(written)),
            Err(error) => Err(ConversionError::custom(error)),
        }
    }

    /// Reads the value with `serde_dynamo`; an absent attribute reads as NULL.
    pub fn from_attribute<T: ::serde::de::DeserializeOwned>(
        value: Option<AttributeValue>,
    ) -> Result<T, ConversionError> {
        serde_dynamo::from_attribute_value(value.unwrap_or(AttributeValue::Null(true)))
            .map_err(ConversionError::custom)
    }
}

#[cfg(feature = "serde")]
pub use enabled::{from_attribute, to_attribute};

#[cfg(not(feature = "serde"))]
mod disabled {
    use super::*;

    /// Never implemented: it turns a use of `#[dynamo(serde)]` without the `serde` feature into
    /// an error that says which feature to enable.
    #[diagnostic::on_unimplemented(
        message = "#[dynamo(serde)] needs the `serde` feature of dynamo-model",
        label = "this field is converted with serde",
        note = "enable it in Cargo.toml: `dynamo-model = {{ version = \"...\", features = [\"serde\"] }}`"
    )]
    pub trait SerdeFeature {}

    /// Needs the `serde` feature.
    pub fn to_attribute<T: SerdeFeature + ?Sized>(
        _: &T,
    ) -> Result<Option<AttributeValue>, ConversionError> {
        Err(ConversionError::custom("the `serde` feature is disabled"))
    }

    /// Needs the `serde` feature.
    pub fn from_attribute<T: SerdeFeature>(
        _: Option<AttributeValue>,
    ) -> Result<T, ConversionError> {
        Err(ConversionError::custom("the `serde` feature is disabled"))
    }
}

#[cfg(not(feature = "serde"))]
pub use disabled::{SerdeFeature, from_attribute, to_attribute};
