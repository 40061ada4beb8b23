//! Dates and times, stored as ISO-8601 text by default.
//!
//! An instant is written in one fixed shape, `2024-06-01T12:30:05.000000000Z`: always nine
//! fraction digits, so that no precision is lost and the strings of one table sort in time order
//! (which sort keys and `between` conditions rely on). A time with an offset (chrono's
//! `DateTime<FixedOffset>`, time's `OffsetDateTime`) is written in UTC too, so one instant is
//! one string whatever its offset; the offset is not stored. Reading accepts any RFC 3339 text, e.g. `2024-06-01T12:30:05.123Z` as
//! JavaScript's `toISOString` writes it. Dates are `2024-06-01`; date-times without a zone are
//! `2024-06-01T12:30:05.000000000`. Years must have four digits (0000 to 9999).
//!
//! To store epoch seconds or milliseconds as a number instead, give the field
//! `#[dynamo(with = dynamo_model::with::epoch_seconds)]` (or `epoch_millis`).
//!
//! `std::time::SystemTime` works out of the box; chrono's and time's types behind the `chrono`
//! and `time` features.

use std::fmt::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::types::AttributeValue;

use super::{FromAttribute, ToAttribute};
use crate::value::ConversionError;

const SECONDS_PER_DAY: i64 = 86_400;
const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// An instant that can be stored as epoch seconds or milliseconds (see
/// [`with::epoch_seconds`](crate::with::epoch_seconds)): implemented for `SystemTime`, chrono's
/// `DateTime<Utc>` and time's `OffsetDateTime`. Implement it for an instant type of your own to
/// use those modules with it.
pub trait UnixTime: Sized {
    /// Whole seconds since 1970-01-01T00:00:00Z, and the nanoseconds (0 to 999,999,999) after
    /// them.
    fn to_unix(&self) -> Result<(i64, u32), ConversionError>;

    /// The instant `secs` seconds and `nanos` nanoseconds after 1970-01-01T00:00:00Z.
    fn from_unix(secs: i64, nanos: u32) -> Result<Self, ConversionError>;
}

impl UnixTime for SystemTime {
    fn to_unix(&self) -> Result<(i64, u32), ConversionError> {
        let out_of_range = || ConversionError::custom("the time is too far from 1970 to store");
        match self.duration_since(UNIX_EPOCH) {
            Ok(after) => Ok((
                i64::try_from(after.as_secs()).map_err(|_| out_of_range())?,
                after.subsec_nanos(),
            )),
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).map_err(|_| out_of_range())?;
                Ok(match before.subsec_nanos() {
                    0 => (-secs, 0),
                    nanos => (-secs - 1, 1_000_000_000 - nanos),
                })
            }
        }
    }

    fn from_unix(secs: i64, nanos: u32) -> Result<Self, ConversionError> {
        let out_of_range = || ConversionError::custom("the time is out of range of SystemTime");
        let time = if secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(secs.unsigned_abs(), nanos))
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(secs.unsigned_abs()))
                .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(nanos))))
        };
        time.ok_or_else(out_of_range)
    }
}

impl ToAttribute for SystemTime {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        let (secs, nanos) = self.to_unix()?;
        format_instant(secs, nanos, 0).map(|text| Some(AttributeValue::S(text)))
    }
}

impl FromAttribute for SystemTime {
    const EXPECTED: &'static str = "S (ISO-8601 time)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let (secs, nanos, _) = parse_instant(&text_of::<Self>(value)?)?;
        Self::from_unix(secs, nanos)
    }
}

/// The string of an S attribute, or a wrong-type error naming what `T` expects.
pub(crate) fn text_of<T: FromAttribute>(value: AttributeValue) -> Result<String, ConversionError> {
    match value {
        AttributeValue::S(text) => Ok(text),
        other => Err(ConversionError::wrong_type(T::EXPECTED, &other)),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        _ => 28,
    }
}

/// The calendar date of a day count since 1970-01-01, refusing years without four digits.
fn checked_date(days: i64) -> Result<(i64, u32, u32), ConversionError> {
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return Err(ConversionError::custom(format!(
            "year {year} has no four-digit ISO-8601 form; store it with `with = dynamo_model::with::epoch_seconds`"
        )));
    }
    Ok((year, month, day))
}

/// `YYYY-MM-DD` of a day count since 1970-01-01.
#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
pub(crate) fn format_date(days: i64) -> Result<String, ConversionError> {
    let mut text = String::with_capacity(10);
    push_date(&mut text, days)?;
    Ok(text)
}

/// `YYYY-MM-DDTHH:MM:SS.fffffffff` of seconds since 1970-01-01T00:00:00 (in whatever zone),
/// written into one string with room for an offset after it.
pub(crate) fn format_date_time(secs: i64, nanos: u32) -> Result<String, ConversionError> {
    let mut text = String::with_capacity(36);
    push_date_time(&mut text, secs, nanos)?;
    Ok(text)
}

/// Appends `YYYY-MM-DD` of a day count since 1970-01-01: the one date writer, which stored
/// values and key templates share.
#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
pub(crate) fn push_date(out: &mut String, days: i64) -> Result<(), ConversionError> {
    let (year, month, day) = checked_date(days)?;
    let _ = write!(out, "{year:04}-{month:02}-{day:02}");
    Ok(())
}

/// Appends `YYYY-MM-DDTHH:MM:SS.fffffffff` of seconds since 1970-01-01T00:00:00: the one
/// date-time writer, which stored values and key templates share.
pub(crate) fn push_date_time(
    out: &mut String,
    secs: i64,
    nanos: u32,
) -> Result<(), ConversionError> {
    push_date(out, secs.div_euclid(SECONDS_PER_DAY))?;
    let of_day = secs.rem_euclid(SECONDS_PER_DAY);
    let (hour, minute, second) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    let _ = write!(out, "T{hour:02}:{minute:02}:{second:02}.{nanos:09}");
    Ok(())
}

/// An instant at an offset from UTC (in seconds), as RFC 3339: `Z` for UTC, else `+HH:MM`.
pub(crate) fn format_instant(
    secs: i64,
    nanos: u32,
    offset: i32,
) -> Result<String, ConversionError> {
    if nanos >= 1_000_000_000 {
        return Err(ConversionError::custom(
            "a leap second cannot be stored as ISO-8601 text",
        ));
    }
    if offset % 60 != 0 {
        return Err(ConversionError::custom(format!(
            "the offset of {offset} seconds is not whole minutes, which RFC 3339 cannot write"
        )));
    }
    let local = secs
        .checked_add(i64::from(offset))
        .ok_or_else(|| ConversionError::custom("the time is out of range"))?;
    let mut text = format_date_time(local, nanos)?;
    if offset == 0 {
        text.push('Z');
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        let _ = write!(text, "{sign}{:02}:{:02}", minutes / 60, minutes % 60);
    }
    Ok(text)
}

/// Reads fixed-width ASCII digits.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn invalid(&self, what: &str) -> ConversionError {
        ConversionError::custom(format!("`{}` is not {what}", self.text))
    }

    fn digits(&mut self, count: usize, what: &str) -> Result<u32, ConversionError> {
        let bytes = self.text.as_bytes().get(self.at..self.at + count);
        match bytes {
            Some(bytes) if bytes.iter().all(u8::is_ascii_digit) => {
                self.at += count;
                Ok(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
            }
            _ => Err(self.invalid(what)),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn expect(&mut self, options: &[u8], what: &str) -> Result<u8, ConversionError> {
        match self.peek() {
            Some(b) if options.contains(&b) => {
                self.at += 1;
                Ok(b)
            }
            _ => Err(self.invalid(what)),
        }
    }

    fn at_end(&self) -> bool {
        self.at == self.text.len()
    }
}

#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
const DATE: &str = "an ISO-8601 date (YYYY-MM-DD)";
#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
const DATE_TIME: &str = "an ISO-8601 date-time (YYYY-MM-DDTHH:MM:SS[.fraction])";
const INSTANT: &str = "an RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.fraction] with Z or an offset)";

fn read_date(cursor: &mut Cursor, what: &str) -> Result<i64, ConversionError> {
    let year = i64::from(cursor.digits(4, what)?);
    cursor.expect(b"-", what)?;
    let month = cursor.digits(2, what)?;
    cursor.expect(b"-", what)?;
    let day = cursor.digits(2, what)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(cursor.invalid("a valid calendar date"));
    }
    Ok(days_from_civil(year, month, day))
}

/// Seconds since 1970-01-01T00:00:00 and nanoseconds of a date and time of day.
fn read_date_time(cursor: &mut Cursor, what: &str) -> Result<(i64, u32), ConversionError> {
    let days = read_date(cursor, what)?;
    cursor.expect(b"Tt ", what)?;
    let hour = cursor.digits(2, what)?;
    cursor.expect(b":", what)?;
    let minute = cursor.digits(2, what)?;
    cursor.expect(b":", what)?;
    let second = cursor.digits(2, what)?;
    if hour > 23 || minute > 59 || second > 59 {
        return Err(cursor.invalid("a valid time of day"));
    }
    let mut nanos = 0;
    if cursor.peek() == Some(b'.') {
        cursor.at += 1;
        let start = cursor.at;
        while cursor.peek().is_some_and(|b| b.is_ascii_digit()) {
            cursor.at += 1;
        }
        let fraction = &cursor.text[start..cursor.at];
        let significant = fraction.trim_end_matches('0');
        if fraction.is_empty() || significant.len() > 9 {
            return Err(ConversionError::custom(format!(
                "`{}` has no fraction digits after `.` or is finer than a nanosecond",
                cursor.text
            )));
        }
        nanos = significant
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    }
    let secs = days * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    Ok((secs, nanos))
}

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
pub(crate) fn parse_date(text: &str) -> Result<i64, ConversionError> {
    let mut cursor = Cursor { text, at: 0 };
    let days = read_date(&mut cursor, DATE)?;
    if !cursor.at_end() {
        return Err(cursor.invalid(DATE));
    }
    Ok(days)
}

/// Parses a date-time without a zone into seconds since 1970-01-01T00:00:00 and nanoseconds.
#[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
pub(crate) fn parse_date_time(text: &str) -> Result<(i64, u32), ConversionError> {
    let mut cursor = Cursor { text, at: 0 };
    let parsed = read_date_time(&mut cursor, DATE_TIME)?;
    if !cursor.at_end() {
        return Err(cursor.invalid(DATE_TIME));
    }
    Ok(parsed)
}

/// Parses RFC 3339 text into the instant's Unix seconds, nanoseconds, and the offset from UTC
/// in seconds that the text was written in.
pub(crate) fn parse_instant(text: &str) -> Result<(i64, u32, i32), ConversionError> {
    let mut cursor = Cursor { text, at: 0 };
    let (local, nanos) = read_date_time(&mut cursor, INSTANT)?;
    let offset = match cursor.expect(b"Zz+-", INSTANT)? {
        b'Z' | b'z' => 0,
        sign => {
            let hours = cursor.digits(2, INSTANT)?;
            cursor.expect(b":", INSTANT)?;
            let minutes = cursor.digits(2, INSTANT)?;
            if hours > 23 || minutes > 59 {
                return Err(cursor.invalid("a valid UTC offset"));
            }
            let offset = (hours * 3600 + minutes * 60) as i32;
            if sign == b'-' { -offset } else { offset }
        }
    };
    if !cursor.at_end() {
        return Err(cursor.invalid(INSTANT));
    }
    Ok((local - i64::from(offset), nanos, offset))
}

/// Reads a decimal number of `unit`s since the epoch (`unit_digits` = 0 for seconds, 3 for
/// milliseconds) exactly, into seconds and nanoseconds.
pub(crate) fn parse_epoch(text: &str, unit_digits: i64) -> Result<(i64, u32), ConversionError> {
    let whole = super::number::scaled_whole_number(text, 9 - unit_digits).map_err(|e| {
        match e.problem() {
            crate::ConversionProblem::Fraction { .. } => {
                ConversionError::custom(format!("epoch time {text} is finer than a nanosecond"))
            }
            _ => e,
        }
    })?;
    let nanos: i128 = whole
        .parse()
        .map_err(|_| ConversionError::custom(format!("epoch time {text} is out of range")))?;
    let secs = i64::try_from(nanos.div_euclid(i128::from(NANOS_PER_SECOND)))
        .map_err(|_| ConversionError::custom(format!("epoch time {text} is out of range")))?;
    Ok((secs, nanos.rem_euclid(i128::from(NANOS_PER_SECOND)) as u32))
}

/// The decimal number of `unit`s since the epoch, exact: an integer when the instant is whole
/// units, else with as many fraction digits as it needs.
pub(crate) fn format_epoch(secs: i64, nanos: u32, unit_digits: u32) -> String {
    let total = i128::from(secs) * i128::from(NANOS_PER_SECOND) + i128::from(nanos);
    let per_unit = 10i128.pow(9 - unit_digits);
    let sign = if total < 0 { "-" } else { "" };
    let magnitude = total.unsigned_abs();
    let (whole, fraction) = (magnitude / per_unit as u128, magnitude % per_unit as u128);
    if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        let width = (9 - unit_digits) as usize;
        let digits = format!("{fraction:0width$}");
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// A time stored with the offset it was given, `2024-06-01T09:30:00+02:00`, where a plain
/// `DateTime<FixedOffset>` or `OffsetDateTime` is stored in UTC: for the rare field whose
/// offset matters (the zone an appointment was booked in), asked for by its type.
///
/// One instant then has a spelling per offset, and the text is not in time order, so such a
/// field is no key (it has no `KeyType`) and takes no ordered condition (`lt`, `between`, no
/// sort key condition): only `eq`, `ne`, `exists` and the like, which compare the instant and
/// the offset together. Keep the instant in a plain time field beside it to sort or range.
///
/// ```
/// # #[cfg(feature = "chrono")] {
/// use chrono::DateTime;
/// use dynamo_model::value::KeepOffset;
/// use dynamo_model::{AttributeValue, ToAttribute};
///
/// let booked = DateTime::parse_from_rfc3339("2024-06-01T09:30:00+02:00").unwrap();
/// assert_eq!(
///     KeepOffset(booked).to_attribute().unwrap(),
///     Some(AttributeValue::S("2024-06-01T09:30:00.000000000+02:00".into()))
/// );
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeepOffset<T>(pub T);

impl<T> std::ops::Deref for KeepOffset<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(feature = "chrono")]
mod chrono_impls;
#[cfg(feature = "time")]
mod time_impls;

#[cfg(test)]
mod tests;
