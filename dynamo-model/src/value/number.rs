//! Numbers: DynamoDB's N is a decimal string of up to 38 significant digits. Integers are read
//! exactly (also when written in exponent form, e.g. `1.5E+3`), and a value the Rust type cannot
//! hold is an error, never a wrap or a truncation.

use aws_sdk_dynamodb::types::AttributeValue;

use super::{FromAttribute, ToAttribute};
use crate::value::ConversionError;

/// A Rust number type stored as DynamoDB's N; implemented for every primitive integer and float
/// type.
pub trait Number: Sized {
    /// Parses one DynamoDB number string exactly into this type.
    fn parse_number(text: &str) -> Result<Self, ConversionError>;

    /// The number as DynamoDB text, or an error if DynamoDB cannot store it.
    fn number_text(&self) -> Result<String, ConversionError>;
}

macro_rules! integers {
    ($($ty:ident)*) => {$(
        impl Number for $ty {
            #[inline]
            fn parse_number(text: &str) -> Result<Self, ConversionError> {
                // The common case, a plain integer, needs no allocation.
                if let Ok(n) = text.parse::<$ty>() {
                    return Ok(n);
                }
                let whole = whole_number(text)?;
                whole.parse::<$ty>().map_err(|_| ConversionError::out_of_range(text, stringify!($ty)))
            }

            #[inline]
            fn number_text(&self) -> Result<String, ConversionError> {
                integers!(@text $ty, self)
            }
        }

    )*};
    // Only 128-bit integers can exceed DynamoDB's 38 significant digits.
    (@text i128, $value:expr) => { checked_digits($value.to_string()) };
    (@text u128, $value:expr) => { checked_digits($value.to_string()) };
    (@text $ty:ident, $value:expr) => { Ok($value.to_string()) };
}

integers!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

fn checked_digits(text: String) -> Result<String, ConversionError> {
    let significant = text.trim_start_matches('-').trim_end_matches('0').len();
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(ConversionError::unstorable_number(&text));
    }
    Ok(text)
}

/// DynamoDB keeps at most this many significant digits of a number.
const MAX_SIGNIFICANT_DIGITS: usize = 38;
/// The largest and smallest magnitudes DynamoDB stores (9.99…E+125 and 1E-130).
const LARGEST_MAGNITUDE: f64 = 9.999_999_999_999_998e125;
const SMALLEST_MAGNITUDE: f64 = 1e-130;

macro_rules! floats {
    ($($ty:ident)*) => {$(
        impl Number for $ty {
            fn parse_number(text: &str) -> Result<Self, ConversionError> {
                let n: $ty = text.trim().parse().map_err(|_| ConversionError::invalid_number(text))?;
                if n.is_finite() {
                    Ok(n)
                } else {
                    Err(ConversionError::out_of_range(text, stringify!($ty)))
                }
            }

            fn number_text(&self) -> Result<String, ConversionError> {
                if !self.is_finite() {
                    return Err(ConversionError::not_finite(&self.to_string()));
                }
                // Display gives the shortest digits that read back to the same float, but spells
                // out every zero of very large or very small magnitudes; exponent form keeps those
                // short.
                let magnitude = f64::from(self.abs());
                if magnitude != 0.0 && !(SMALLEST_MAGNITUDE..=LARGEST_MAGNITUDE).contains(&magnitude) {
                    return Err(ConversionError::unstorable_number(&format!("{self:e}")));
                }
                let text = if magnitude == 0.0 || (1e-7..1e16).contains(&magnitude) {
                    self.to_string()
                } else {
                    format!("{self:e}")
                };
                Ok(text)
            }
        }
    )*};
}

floats!(f32 f64);

/// Every number is N: written from `number_text`, read with `parse_number`.
macro_rules! number_attributes {
    ($($ty:ident)*) => {$(
        impl ToAttribute for $ty {
            #[inline]
            fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
                self.number_text().map(|text| Some(AttributeValue::N(text)))
            }
        }

        impl FromAttribute for $ty {
            const EXPECTED: &'static str = concat!("N (", stringify!($ty), ")");

            #[inline]
            fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
                match value {
                    AttributeValue::N(text) => Self::parse_number(&text),
                    other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
                }
            }
        }
    )*};
}

number_attributes!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64);

/// The most digits a whole number can need before it is out of range of every Rust integer
/// (u128::MAX has 39); beyond this we stop expanding exponents and report out of range.
const MAX_INTEGER_DIGITS: usize = 40;

/// Rewrites a decimal number (`-12.50`, `1.5E+3`, `7e0`) as plain integer digits with an
/// optional leading `-`, or fails if it has a non-zero fraction or is not a number at all.
fn whole_number(text: &str) -> Result<String, ConversionError> {
    scaled_whole_number(text, 0)
}

/// Like `whole_number`, for the number multiplied by 10^`shift` first: reads a decimal number of
/// seconds as whole nanoseconds with a shift of 9.
pub(crate) fn scaled_whole_number(text: &str, shift: i64) -> Result<String, ConversionError> {
    let invalid = || ConversionError::invalid_number(text);
    let trimmed = text.trim();
    let (negative, unsigned) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => {
            let exponent: i64 = unsigned[at + 1..].parse().map_err(|_| invalid())?;
            (&unsigned[..at], exponent.saturating_add(shift))
        }
        None => (unsigned, shift),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() && frac_part.is_empty()
        || !all_digits(int_part)
        || !all_digits(frac_part)
    {
        return Err(invalid());
    }

    // value = digits × 10^scale
    let digits: String = int_part.chars().chain(frac_part.chars()).collect();
    let scale = exponent - frac_part.len() as i64;
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok("0".to_owned());
    }
    let mut whole = String::with_capacity(MAX_INTEGER_DIGITS + 1);
    if negative {
        whole.push('-');
    }
    if scale >= 0 {
        if digits.len() as i64 + scale > MAX_INTEGER_DIGITS as i64 {
            return Err(ConversionError::out_of_range(text, "any integer type"));
        }
        whole.push_str(digits);
        whole.extend(std::iter::repeat_n('0', scale as usize));
    } else {
        let cut = digits.len() as i64 + scale;
        let (keep, dropped) = if cut <= 0 {
            ("", digits)
        } else {
            digits.split_at(cut as usize)
        };
        if dropped.bytes().any(|b| b != b'0') {
            return Err(ConversionError::fraction(text));
        }
        if keep.is_empty() {
            return Ok("0".to_owned());
        }
        whole.push_str(keep);
    }
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: FromAttribute>(n: &str) -> Result<T, String> {
        T::from_attribute(AttributeValue::N(n.to_owned())).map_err(|e| e.to_string())
    }

    #[test]
    fn integers_read_exactly_in_every_spelling() {
        assert_eq!(read::<u8>("255"), Ok(255));
        assert_eq!(read::<i64>("-12.000"), Ok(-12));
        assert_eq!(read::<u32>("1.5E+3"), Ok(1500));
        assert_eq!(read::<u32>("15000e-1"), Ok(1500));
        assert_eq!(read::<i8>("-0"), Ok(0));
        assert_eq!(
            read::<u128>("340282366920938463463374607431768211455"),
            Ok(u128::MAX)
        );
        assert_eq!(
            read::<i128>("-1.70141183460469231731687303715884105728E+38"),
            Ok(i128::MIN)
        );
    }

    #[test]
    fn integers_refuse_what_they_cannot_hold() {
        assert_eq!(read::<u8>("256"), Err("number 256 does not fit u8".into()));
        assert_eq!(read::<u8>("-1"), Err("number -1 does not fit u8".into()));
        assert_eq!(
            read::<i32>("1.5"),
            Err("number 1.5 has a fraction and cannot be read as an integer".into())
        );
        assert_eq!(
            read::<u64>("1E+99"),
            Err("number 1E+99 does not fit any integer type".into())
        );
        assert_eq!(read::<u64>("abc"), Err("`abc` is not a number".into()));
        assert_eq!(read::<u64>("1e"), Err("`1e` is not a number".into()));
        assert_eq!(read::<u64>("."), Err("`.` is not a number".into()));
    }

    #[test]
    fn floats_round_trip_and_refuse_non_finite_values() {
        for value in [
            0.0, -0.5, 0.1, 1e-7, 123456.789, 1e16, 9.5e125, 1e-130, -2.5e-100,
        ] {
            let written = value.to_attribute().unwrap().unwrap();
            assert_eq!(f64::from_attribute(written).unwrap(), value);
        }
        assert_eq!(
            1e200f64.to_attribute().unwrap_err().to_string(),
            "number 1e200 is outside what DynamoDB can store (38 significant digits, magnitude 1E-130 to 9.99E+125)"
        );
        assert_eq!(
            read::<f32>("1e300"),
            Err("number 1e300 does not fit f32".into())
        );
        assert_eq!(
            f64::NAN.to_attribute().unwrap_err().to_string(),
            "NaN cannot be stored: DynamoDB numbers must be finite"
        );
    }

    #[test]
    fn wide_integers_refuse_more_than_38_significant_digits() {
        assert!(u128::MAX.to_attribute().is_err());
        let ok = 10u128.pow(38).to_attribute().unwrap();
        assert_eq!(ok, Some(AttributeValue::N(format!("1{}", "0".repeat(38)))));
    }

    #[test]
    fn wrong_type_names_both_sides() {
        let err = u16::from_attribute(AttributeValue::S("7".into())).unwrap_err();
        assert_eq!(err.to_string(), "expected N (u16), found S");
    }
}
