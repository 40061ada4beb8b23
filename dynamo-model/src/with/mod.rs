//! Conversions a field can choose with `#[dynamo(with = path)]`, instead of its type's own.
//!
//! A `with` module is any module with two functions of these shapes, where `T` is the field's
//! type; `None` on the way out leaves the attribute out of the item, and `None` on the way in
//! means the attribute was absent:
//!
//! ```
//! # use dynamo_model::{AttributeValue, ConversionError};
//! # type T = u32;
//! # fn main() {}
//! pub fn to_attribute(value: &T) -> Result<Option<AttributeValue>, ConversionError>
//! # { unimplemented!() }
//! pub fn from_attribute(value: Option<AttributeValue>) -> Result<T, ConversionError>
//! # { unimplemented!() }
//! ```
//!
//! The ones here cover the common cases: [`binary`] (`Vec<u8>` as B rather than a list of
//! numbers), [`epoch_seconds`] and [`epoch_millis`] (time as a number rather than ISO-8601 text),
//! [`iso8601_seconds`], [`iso8601_millis`] and [`iso8601_micros`] (ISO-8601 text with fewer
//! fraction digits than the default nine, as other clients write it),
//! and [`serde`] (any serde type, through `serde_dynamo`; `#[dynamo(serde)]` is short for it).
//!
//! ```
//! use dynamo_model::{AttributeValue, ConversionError, Model};
//!
//! /// Stores a temperature in tenths of a degree, as an integer.
//! mod tenths {
//!     use dynamo_model::{AttributeValue, ConversionError};
//!
//!     pub fn to_attribute(celsius: &f64) -> Result<Option<AttributeValue>, ConversionError> {
//!         Ok(Some(AttributeValue::N(format!("{}", (celsius * 10.0).round() as i64))))
//!     }
//!
//!     pub fn from_attribute(value: Option<AttributeValue>) -> Result<f64, ConversionError> {
//!         match value {
//!             Some(AttributeValue::N(n)) => n
//!                 .parse::<i64>()
//!                 .map(|tenths| tenths as f64 / 10.0)
//!                 .map_err(|_| ConversionError::custom(format!("`{n}` is not whole tenths"))),
//!             Some(other) => Err(ConversionError::wrong_type("N", &other)),
//!             None => Err(ConversionError::missing("N")),
//!         }
//!     }
//! }
//!
//! #[derive(Model)]
//! struct Reading {
//!     #[dynamo(partition_key)]
//!     sensor: String,
//!     #[dynamo(with = tenths)]
//!     celsius: f64,
//! }
//!
//! let item = Reading { sensor: "s1".into(), celsius: 21.5 }.to_item()?;
//! assert_eq!(item["celsius"], AttributeValue::N("215".into()));
//! # Ok::<(), ConversionError>(())
//! ```

pub mod binary;
mod epoch;
mod iso;
pub mod serde;

pub use epoch::{Epoch, epoch_millis, epoch_seconds};
pub use iso::{iso8601_micros, iso8601_millis, iso8601_seconds};
