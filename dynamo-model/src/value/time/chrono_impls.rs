//! chrono's date and time types (feature `chrono`).

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use super::*;

fn out_of_range() -> ConversionError {
    ConversionError::custom("the time is out of range of chrono's types")
}

impl UnixTime for DateTime<Utc> {
    fn to_unix(&self) -> Result<(i64, u32), ConversionError> {
        Ok((self.timestamp(), self.timestamp_subsec_nanos()))
    }

    fn from_unix(secs: i64, nanos: u32) -> Result<Self, ConversionError> {
        DateTime::from_timestamp(secs, nanos).ok_or_else(out_of_range)
    }
}

impl ToAttribute for DateTime<Utc> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        format_instant(self.timestamp(), self.timestamp_subsec_nanos(), 0)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for DateTime<Utc> {
    const EXPECTED: &'static str = "S (ISO-8601 time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos, _) = parse_instant(&text_of::<Self>(value)?)?;
        Self::from_unix(secs, nanos)
    }
}

/// Written in UTC (`...Z`), whatever its offset, so that one instant is always one string:
/// equal as a key, and in time order for `between` and range conditions. Text with an offset
/// (as other tools may write) is read at that offset.
impl ToAttribute for DateTime<FixedOffset> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        format_instant(self.timestamp(), self.timestamp_subsec_nanos(), 0)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for DateTime<FixedOffset> {
    const EXPECTED: &'static str = "S (ISO-8601 time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos, offset) = parse_instant(&text_of::<Self>(value)?)?;
        let offset = FixedOffset::east_opt(offset).ok_or_else(out_of_range)?;
        Ok(DateTime::from_timestamp(secs, nanos)
            .ok_or_else(out_of_range)?
            .with_timezone(&offset))
    }
}

/// Written at its own offset: see [`KeepOffset`].
impl ToAttribute for KeepOffset<DateTime<FixedOffset>> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let offset = self.0.offset().local_minus_utc();
        format_instant(self.0.timestamp(), self.0.timestamp_subsec_nanos(), offset)
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for KeepOffset<DateTime<FixedOffset>> {
    const EXPECTED: &'static str = "S (ISO-8601 time with an offset)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        DateTime::<FixedOffset>::from_attribute(value).map(KeepOffset)
    }
}

fn unix_epoch_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// `YYYY-MM-DD`.
impl ToAttribute for NaiveDate {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let days = self.signed_duration_since(unix_epoch_day()).num_days();
        format_date(days).map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for NaiveDate {
    const EXPECTED: &'static str = "S (ISO-8601 date)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let days = parse_date(&text_of::<Self>(value)?)?;
        unix_epoch_day()
            .checked_add_signed(chrono::TimeDelta::days(days))
            .ok_or_else(out_of_range)
    }
}

/// `YYYY-MM-DDTHH:MM:SS.fffffffff`, without a zone.
impl ToAttribute for NaiveDateTime {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let utc = self.and_utc();
        format_date_time(utc.timestamp(), utc.timestamp_subsec_nanos())
            .map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for NaiveDateTime {
    const EXPECTED: &'static str = "S (ISO-8601 date-time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos) = parse_date_time(&text_of::<Self>(value)?)?;
        Ok(DateTime::from_timestamp(secs, nanos)
            .ok_or_else(out_of_range)?
            .naive_utc())
    }
}
