//! The `time` crate's date and time types (feature `time`).

use aws_sdk_dynamodb::types::AttributeValue;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::*;

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

fn out_of_range() -> ConversionError {
    ConversionError::custom("the time is out of range of the `time` crate's types")
}

fn from_unix_utc(secs: i64, nanos: u32) -> Result<OffsetDateTime, ConversionError> {
    let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    OffsetDateTime::from_unix_timestamp_nanos(total).map_err(|_| out_of_range())
}

/// Epoch numbers hold no offset: an `OffsetDateTime` read from one is in UTC.
impl UnixTime for OffsetDateTime {
    fn to_unix(&self) -> Result<(i64, u32), ConversionError> {
        Ok((self.unix_timestamp(), self.nanosecond()))
    }

    fn from_unix(secs: i64, nanos: u32) -> Result<Self, ConversionError> {
        from_unix_utc(secs, nanos)
    }
}

/// Written in UTC (`...Z`), whatever its offset, so that one instant is always one string:
/// equal as a key, and in time order for `between` and range conditions. Text with an offset
/// (as other tools may write) is read at that offset.
impl ToAttribute for OffsetDateTime {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        format_instant(self.unix_timestamp(), self.nanosecond(), 0)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for OffsetDateTime {
    const EXPECTED: &'static str = "S (ISO-8601 time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos, offset) = parse_instant(&text_of::<Self>(value)?)?;
        let offset = UtcOffset::from_whole_seconds(offset).map_err(|_| out_of_range())?;
        Ok(from_unix_utc(secs, nanos)?.to_offset(offset))
    }
}

/// Written at its own offset: see [`KeepOffset`].
impl ToAttribute for KeepOffset<OffsetDateTime> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let offset = self.0.offset().whole_seconds();
        format_instant(self.0.unix_timestamp(), self.0.nanosecond(), offset)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for KeepOffset<OffsetDateTime> {
    const EXPECTED: &'static str = "S (ISO-8601 time with an offset)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        OffsetDateTime::from_attribute(value).map(KeepOffset)
    }
}

/// `YYYY-MM-DD`.
impl ToAttribute for Date {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        format_date(i64::from(self.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for Date {
    const EXPECTED: &'static str = "S (ISO-8601 date)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let days = parse_date(&text_of::<Self>(value)?)? + UNIX_EPOCH_JULIAN_DAY;
        let julian = i32::try_from(days).map_err(|_| out_of_range())?;
        Date::from_julian_day(julian).map_err(|_| out_of_range())
    }
}

/// `YYYY-MM-DDTHH:MM:SS.fffffffff`, without a zone.
impl ToAttribute for PrimitiveDateTime {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let utc = self.assume_utc();
        format_date_time(utc.unix_timestamp(), utc.nanosecond())
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for PrimitiveDateTime {
    const EXPECTED: &'static str = "S (ISO-8601 date-time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos) = parse_date_time(&text_of::<Self>(value)?)?;
        let utc = from_unix_utc(secs, nanos)?;
        Ok(PrimitiveDateTime::new(utc.date(), utc.time()))
    }
}
