//! Time as ISO-8601 text in UTC with a fraction of a chosen number of digits, for items shared
//! with clients that write fewer than nine (JavaScript's `toISOString`, Dynamoose: three).

use aws_sdk_dynamodb::types::AttributeValue;

use super::Epoch;
use crate::value::ConversionError;
use crate::value::time::{format_instant, parse_instant};

/// `digits` fraction digits (0 to 9): the nine-digit text cut to that many, a time between
/// them truncated (as JavaScript's own dates are) rather than rounded up to a later instant.
fn write<T: Epoch>(value: &T, digits: usize) -> Result<Option<AttributeValue>, ConversionError> {
    let Some((secs, nanos)) = value.instant()? else {
        return Ok(None);
    };
    let full = format_instant(secs, nanos, 0)?; // ...SS.nnnnnnnnnZ
    let dot = full.len() - 11;
    let text = match digits {
        0 => format!("{}Z", &full[..dot]),
        d => format!("{}Z", &full[..dot + 1 + d.min(9)]),
    };
    Ok(Some(AttributeValue::S(text)))
}

fn read<T: Epoch>(value: Option<AttributeValue>) -> Result<T, ConversionError> {
    match value {
        Some(AttributeValue::S(text)) => {
            let (secs, nanos, _) = parse_instant(&text)?;
            T::from_instant(Some((secs, nanos)))
        }
        None | Some(AttributeValue::Null(_)) => T::from_instant(None),
        Some(other) => Err(ConversionError::wrong_type("S (ISO-8601 time)", &other)),
    }
}

macro_rules! iso_modules {
    ($($name:ident: $digits:literal, $example:literal, $doc:literal;)*) => {$(
        #[doc = concat!(
            "`#[dynamo(with = dynamo_model::with::", stringify!($name), ")]`: ISO-8601 text in ",
            "UTC with ", $doc, ", e.g. `", $example, "`. Any ISO-8601 text reads back, whatever ",
            "its digits or offset. For a `UnixTime` (`SystemTime`, chrono's `DateTime<Utc>`, ",
            "time's `OffsetDateTime`) or an `Option` of one; the text stays in time order, so ",
            "ordered conditions still apply. A finer time is truncated to the digits kept."
        )]
        pub mod $name {
            use super::*;

            /// Writes the time as ISO-8601 text with this module's digits.
            pub fn to_attribute<T: Epoch>(value: &T) -> Result<Option<AttributeValue>, ConversionError> {
                write(value, $digits)
            }

            /// Reads any ISO-8601 time text.
            pub fn from_attribute<T: Epoch>(value: Option<AttributeValue>) -> Result<T, ConversionError> {
                read(value)
            }
        }
    )*};
}

iso_modules! {
    iso8601_seconds: 0, "2024-06-01T12:30:05Z", "whole seconds";
    iso8601_millis: 3, "2024-06-01T12:30:05.123Z", "milliseconds, as JavaScript's `toISOString` and Dynamoose write";
    iso8601_micros: 6, "2024-06-01T12:30:05.123456Z", "microseconds, as Python's `isoformat` writes";
}
