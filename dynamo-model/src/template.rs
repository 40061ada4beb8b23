//! Key templates: the key attributes of a model stored in a shared table, written from its fields
//! (`partition_key = "CUSTOMER#{customer_id}"`, `sort_key = "ORDER#{created_at}#{order_id}"`).
//!
//! A part of a template is written so that the order of the key strings is the order of the
//! values, which is what makes a sort-key range over a template part mean what it says:
//!
//! | type | written as | example |
//! |---|---|---|
//! | `String` | as it is; never empty, never containing the template's separators | `alice` |
//! | unsigned integers | zero-padded to the width of the type's largest value | `u32` 42 → `0000000042` |
//! | signed integers | offset by the type's minimum, then zero-padded, so negatives sort first | `i32` -1 → `2147483647` |
//! | `chrono::DateTime<Utc>`, `time::OffsetDateTime` | RFC 3339 in UTC with nanoseconds, years 0–9999 | `2024-06-01T09:30:00.000000000Z` |
//! | `chrono::NaiveDate`, `time::Date` | `YYYY-MM-DD`, years 0–9999 | `2024-06-01` |
//! | `uuid::Uuid` | hyphenated, lower case | `67e55044-10b1-426f-9247-bb680e5fe0c8` |
//!
//! Floats, decimals, booleans, binary, options and collections have no such encoding and are a
//! compile error in a template. The fields themselves are stored as attributes too, so reading
//! an item never parses its keys.

use crate::value::ConversionError;

/// A field type that can be a `{part}` of a key template, written in an order-preserving form.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a part of a key template",
    label = "this type has no order-preserving key encoding",
    note = "key template parts are strings, integers, dates, times and UUIDs, written so that key order is value order; keep a field of another type out of the template"
)]
pub trait KeyPart {
    /// What a caller passes to name this part of a key: `&str` for a `String`, the value
    /// itself for the others.
    type Arg<'k>: KeyPart;

    /// Free text of any length, which must not contain the template's separators; the other
    /// encodings have a fixed width, so a separator inside them is harmless.
    const FREE_TEXT: bool = false;

    /// Appends the value's key text to `out`.
    fn write_part(&self, out: &mut String) -> Result<(), ConversionError>;

    /// The length of this value's key text if `stored` starts with it: how a read checks a
    /// stored key against the fields without writing the key out.
    fn match_part(&self, stored: &str) -> Option<usize> {
        let mut text = String::new();
        self.write_part(&mut text).ok()?;
        stored.starts_with(text.as_str()).then_some(text.len())
    }
}

impl KeyPart for str {
    type Arg<'k> = &'k str;
    const FREE_TEXT: bool = true;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        out.push_str(self);
        Ok(())
    }

    fn match_part(&self, stored: &str) -> Option<usize> {
        stored.starts_with(self).then_some(self.len())
    }
}

impl KeyPart for String {
    type Arg<'k> = &'k str;
    const FREE_TEXT: bool = true;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        out.push_str(self);
        Ok(())
    }

    fn match_part(&self, stored: &str) -> Option<usize> {
        self.as_str().match_part(stored)
    }
}

impl<T: KeyPart + ?Sized> KeyPart for &T {
    type Arg<'k> = T::Arg<'k>;
    const FREE_TEXT: bool = T::FREE_TEXT;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        (**self).write_part(out)
    }

    fn match_part(&self, stored: &str) -> Option<usize> {
        (**self).match_part(stored)
    }
}

/// Whether `stored` starts with `value` zero-padded to `width` digits, without allocating.
fn match_padded(stored: &str, value: u128, width: usize) -> Option<usize> {
    let digits = stored.as_bytes().get(..width)?;
    // 64-bit division where the value allows: 128-bit division is a library call.
    if let Ok(mut value) = u64::try_from(value) {
        for &digit in digits.iter().rev() {
            if digit != b'0' + (value % 10) as u8 {
                return None;
            }
            value /= 10;
        }
        return (value == 0).then_some(width);
    }
    let mut value = value;
    for &digit in digits.iter().rev() {
        if digit != b'0' + (value % 10) as u8 {
            return None;
        }
        value /= 10;
    }
    (value == 0).then_some(width)
}

/// Appends `value` zero-padded to `width` digits.
fn push_padded(out: &mut String, value: u128, width: usize) {
    use std::fmt::Write;
    // Writing into a String cannot fail; 64-bit formatting where the value allows is faster.
    let _ = match u64::try_from(value) {
        Ok(small) => write!(out, "{small:0width$}"),
        Err(_) => write!(out, "{value:0width$}"),
    };
}

macro_rules! unsigned_parts {
    ($($ty:ty),*) => {$(
        impl KeyPart for $ty {
            type Arg<'k> = $ty;

            fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
                push_padded(out, u128::from(*self), <$ty>::MAX.ilog10() as usize + 1);
                Ok(())
            }

            fn match_part(&self, stored: &str) -> Option<usize> {
                match_padded(stored, u128::from(*self), <$ty>::MAX.ilog10() as usize + 1)
            }
        }
    )*};
}

unsigned_parts!(u8, u16, u32, u64, u128);

impl KeyPart for usize {
    type Arg<'k> = usize;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        // Written as a u64 on every platform, so a key does not depend on the machine.
        (*self as u64).write_part(out)
    }

    fn match_part(&self, stored: &str) -> Option<usize> {
        (*self as u64).match_part(stored)
    }
}

macro_rules! signed_parts {
    ($($ty:ty => $unsigned:ty),*) => {$(
        impl KeyPart for $ty {
            type Arg<'k> = $ty;

            fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
                // Offset binary: MIN becomes 0 and MAX the unsigned maximum, keeping order.
                let shifted = (*self as $unsigned) ^ (1 << (<$unsigned>::BITS - 1));
                shifted.write_part(out)
            }

            fn match_part(&self, stored: &str) -> Option<usize> {
                let shifted = (*self as $unsigned) ^ (1 << (<$unsigned>::BITS - 1));
                shifted.match_part(stored)
            }
        }
    )*};
}

signed_parts!(i8 => u8, i16 => u16, i32 => u32, i64 => u64, i128 => u128);

impl KeyPart for isize {
    type Arg<'k> = isize;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        (*self as i64).write_part(out)
    }

    fn match_part(&self, stored: &str) -> Option<usize> {
        (*self as i64).match_part(stored)
    }
}

#[cfg(any(feature = "chrono", feature = "time"))]
#[cold]
fn year_out_of_range(year: i32) -> ConversionError {
    ConversionError::custom(format!(
        "year {year} cannot be a key part: key templates write years 0 to 9999, so that key order is time order"
    ))
}

/// A year a key template can write: 0 to 9999, in four digits.
#[cfg(any(feature = "chrono", feature = "time"))]
fn check_year(year: i32) -> Result<(), ConversionError> {
    match (0..=9999).contains(&year) {
        true => Ok(()),
        false => Err(year_out_of_range(year)),
    }
}

#[cfg(feature = "chrono")]
mod chrono_parts {
    use super::{KeyPart, check_year};
    use crate::value::ConversionError;
    use crate::value::time::{push_date, push_date_time};
    use chrono::Datelike;

    /// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
    const UNIX_EPOCH_FROM_CE: i64 = 719_163;

    impl KeyPart for chrono::DateTime<chrono::Utc> {
        type Arg<'k> = chrono::DateTime<chrono::Utc>;

        fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
            check_year(self.year())?;
            push_date_time(out, self.timestamp(), self.timestamp_subsec_nanos())?;
            out.push('Z');
            Ok(())
        }
    }

    impl KeyPart for chrono::NaiveDate {
        type Arg<'k> = chrono::NaiveDate;

        fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
            check_year(self.year())?;
            push_date(out, i64::from(self.num_days_from_ce()) - UNIX_EPOCH_FROM_CE)
        }
    }
}

#[cfg(feature = "time")]
mod time_parts {
    use super::{KeyPart, check_year};
    use crate::value::ConversionError;
    use crate::value::time::{push_date, push_date_time};

    /// The Julian day of 1970-01-01.
    const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

    impl KeyPart for time::OffsetDateTime {
        type Arg<'k> = time::OffsetDateTime;

        fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
            let utc = self.to_offset(time::UtcOffset::UTC);
            check_year(utc.year())?;
            push_date_time(out, utc.unix_timestamp(), utc.nanosecond())?;
            out.push('Z');
            Ok(())
        }
    }

    impl KeyPart for time::Date {
        type Arg<'k> = time::Date;

        fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
            check_year(self.year())?;
            push_date(out, i64::from(self.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY)
        }
    }
}

#[cfg(feature = "uuid")]
impl KeyPart for uuid::Uuid {
    type Arg<'k> = uuid::Uuid;

    fn write_part(&self, out: &mut String) -> Result<(), ConversionError> {
        let mut buffer = uuid::Uuid::encode_buffer();
        out.push_str(self.hyphenated().encode_lower(&mut buffer));
        Ok(())
    }
}

/// The text of one key attribute being written from its template. Generated code makes these.
#[doc(hidden)]
pub struct KeyText {
    text: String,
    attribute: &'static str,
    separators: &'static str,
}

impl KeyText {
    /// A key of attribute `attribute`, whose template's literal text holds the characters
    /// `separators`, which a free-text part must not contain.
    pub fn new(attribute: &'static str, separators: &'static str, capacity: usize) -> Self {
        KeyText {
            text: String::with_capacity(capacity),
            attribute,
            separators,
        }
    }

    /// Goes on writing a key whose text so far is `text`.
    pub fn resume(text: String, attribute: &'static str, separators: &'static str) -> Self {
        KeyText {
            text,
            attribute,
            separators,
        }
    }

    /// Appends literal text of the template.
    pub fn literal(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends part `field` of the template.
    pub fn part<P: KeyPart + ?Sized>(
        &mut self,
        field: &'static str,
        value: &P,
    ) -> Result<(), ConversionError> {
        let start = self.text.len();
        value
            .write_part(&mut self.text)
            .map_err(|error| error.in_attribute(field))?;
        if P::FREE_TEXT {
            let written = &self.text[start..];
            if written.is_empty() {
                return Err(empty_part(field, self.attribute));
            }
            if let Some(separator) = written.chars().find(|c| self.separators.contains(*c)) {
                return Err(separator_in_part(field, self.attribute, separator));
            }
        }
        Ok(())
    }

    /// The key text.
    pub fn finish(self) -> String {
        self.text
    }
}

/// A stored key being checked against the fields of the item it came with, piece by piece,
/// without writing the expected key out. Generated code makes these.
#[doc(hidden)]
pub struct StoredKey<'s> {
    rest: &'s str,
    matches: bool,
}

impl<'s> StoredKey<'s> {
    /// Checks `stored`.
    pub fn new(stored: &'s str) -> Self {
        StoredKey {
            rest: stored,
            matches: true,
        }
    }

    /// The template's literal text comes next.
    pub fn literal(&mut self, text: &str) {
        match self.rest.strip_prefix(text) {
            Some(rest) if self.matches => self.rest = rest,
            _ => self.matches = false,
        }
    }

    /// The key text of `value` comes next.
    pub fn part<P: KeyPart + ?Sized>(&mut self, value: &P) {
        match value.match_part(self.rest) {
            Some(len) if self.matches => self.rest = &self.rest[len..],
            _ => self.matches = false,
        }
    }

    /// Whether the whole stored key is what the template writes.
    pub fn matches(&self) -> bool {
        self.matches && self.rest.is_empty()
    }
}

#[cold]
fn empty_part(field: &str, attribute: &str) -> ConversionError {
    ConversionError::custom(format!(
        "an empty string cannot be a part of key `{attribute}`: its parts must be told apart"
    ))
    .in_attribute(field)
}

#[cold]
fn separator_in_part(field: &str, attribute: &str, separator: char) -> ConversionError {
    ConversionError::custom(format!(
        "contains `{separator}`, which separates the parts of key `{attribute}`; a part containing it would make keys ambiguous"
    ))
    .in_attribute(field)
}

/// The characters of a template's literal text that are not letters or digits: the separators a
/// free-text part may not contain. Generated code calls this in a constant.
#[doc(hidden)]
pub const fn is_separator(c: u8) -> bool {
    !c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests;
