//! Time stored as a number of seconds or milliseconds since 1970-01-01T00:00:00Z.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::value::ConversionError;
use crate::value::UnixTime;
use crate::value::time::{format_epoch, parse_epoch};

/// A field type the time `with` modules (epoch and ISO-8601) convert: any [`UnixTime`] (`SystemTime`, chrono's
/// `DateTime<Utc>`, time's `OffsetDateTime`) or an `Option` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored by this time conversion",
    label = "the epoch and ISO-8601 `with` modules store a `UnixTime` or an `Option` of one",
    note = "`SystemTime`, chrono's `DateTime<Utc>` and time's `OffsetDateTime` implement `dynamo_model::value::UnixTime`"
)]
pub trait Epoch: Sized {
    /// The instant to store, or `None` to leave the attribute out.
    fn instant(&self) -> Result<Option<(i64, u32)>, ConversionError>;
    /// The value of a stored instant, or of an absent attribute (`None`).
    fn from_instant(instant: Option<(i64, u32)>) -> Result<Self, ConversionError>;
}

impl<T: UnixTime> Epoch for T {
    fn instant(&self) -> Result<Option<(i64, u32)>, ConversionError> {
        self.to_unix().map(Some)
    }

    fn from_instant(instant: Option<(i64, u32)>) -> Result<Self, ConversionError> {
        let (secs, nanos) = instant.ok_or_else(|| ConversionError::missing("N (epoch time)"))?;
        T::from_unix(secs, nanos)
    }
}

impl<T: UnixTime> Epoch for Option<T> {
    fn instant(&self) -> Result<Option<(i64, u32)>, ConversionError> {
        self.as_ref().map(T::to_unix).transpose()
    }

    fn from_instant(instant: Option<(i64, u32)>) -> Result<Self, ConversionError> {
        instant
            .map(|(secs, nanos)| T::from_unix(secs, nanos))
            .transpose()
    }
}

fn write<T: Epoch>(value: &T, unit_digits: u32) -> Result<Option<AttributeValue>, ConversionError> {
    Ok(value
        .instant()?
        .map(|(secs, nanos)| AttributeValue::N(format_epoch(secs, nanos, unit_digits))))
}

fn read<T: Epoch>(value: Option<AttributeValue>, unit_digits: u32) -> Result<T, ConversionError> {
    match value {
        Some(AttributeValue::N(text)) => {
            T::from_instant(Some(parse_epoch(&text, i64::from(unit_digits))?))
        }
        None | Some(AttributeValue::Null(_)) => T::from_instant(None),
        Some(other) => Err(ConversionError::wrong_type("N (epoch time)", &other)),
    }
}

/// `#[dynamo(with = dynamo_model::with::epoch_seconds)]`: seconds since the Unix epoch, as N.
///
/// Exact: whole seconds are written as an integer (`1717245005`), and a time between seconds
/// keeps its fraction (`1717245005.25`) rather than being cut. DynamoDB's TTL reads whole
/// seconds, so truncate a TTL time yourself if it may carry a fraction.
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use dynamo_model::{AttributeValue, Model};
///
/// #[derive(Model)]
/// struct Session {
///     #[dynamo(partition_key)]
///     id: String,
///     #[dynamo(with = dynamo_model::with::epoch_seconds)]
///     expires: SystemTime,
///     #[dynamo(with = dynamo_model::with::epoch_seconds)]
///     revoked: Option<SystemTime>,
/// }
///
/// let session = Session {
///     id: "s1".into(),
///     expires: UNIX_EPOCH + Duration::from_secs(1_717_245_005),
///     revoked: None,
/// };
/// let item = session.to_item().unwrap();
/// assert_eq!(item["expires"], AttributeValue::N("1717245005".into()));
/// assert!(!item.contains_key("revoked"));
/// ```
pub mod epoch_seconds {
    use super::*;

    /// Writes seconds since the epoch as N.
    pub fn to_attribute<T: Epoch>(value: &T) -> Result<Option<AttributeValue>, ConversionError> {
        write(value, 0)
    }

    /// Reads seconds since the epoch from N.
    pub fn from_attribute<T: Epoch>(value: Option<AttributeValue>) -> Result<T, ConversionError> {
        read(value, 0)
    }
}

/// `#[dynamo(with = dynamo_model::with::epoch_millis)]`: milliseconds since the Unix epoch, as
/// N, the way JavaScript's `Date.now()` (and so Dynamoose) stores dates. Exact like
/// [`epoch_seconds`]: a time between milliseconds keeps its fraction.
pub mod epoch_millis {
    use super::*;

    /// Writes milliseconds since the epoch as N.
    pub fn to_attribute<T: Epoch>(value: &T) -> Result<Option<AttributeValue>, ConversionError> {
        write(value, 3)
    }

    /// Reads milliseconds since the epoch from N.
    pub fn from_attribute<T: Epoch>(value: Option<AttributeValue>) -> Result<T, ConversionError> {
        read(value, 3)
    }
}
