//! Optimistic locking: the integer types a `#[dynamo(version)]` field can have, the condition
//! a versioned write carries, and the version a stored item holds. (The write path uses these;
//! a failed check becomes `Error::VersionConflict` there.)

use aws_sdk_dynamodb::types::AttributeValue;

use crate::expr::Placeholders;
use crate::value::Item;

/// Integer fields that can carry a model's version for optimistic locking.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a version number",
    label = "a #[dynamo(version)] field counts writes",
    note = "use an unsigned or signed integer type, such as u64"
)]
pub trait Version: Copy {
    /// The largest version the type holds.
    const MAX: u64;
    /// The version as a number; 0 means "never written".
    fn get(self) -> u64;
    /// The version `n`, saturating at the type's maximum.
    fn of(n: u64) -> Self;
}

macro_rules! versions {
    ($($ty:ty),*) => {$(
        impl Version for $ty {
            const MAX: u64 = <$ty>::MAX as u64;
            fn get(self) -> u64 {
                u64::try_from(self).unwrap_or(0)
            }
            fn of(n: u64) -> Self {
                <$ty>::try_from(n).unwrap_or(<$ty>::MAX)
            }
        }
    )*};
}

versions!(u8, u16, u32, u64, usize, i16, i32, i64);

/// `attribute_not_exists(#v)` for version 0 (never written), else `#v = :v`.
pub(crate) fn condition(attribute: &str, expected: u64, placeholders: &mut Placeholders) -> String {
    if expected == 0 {
        return crate::expr::not_exists_text(attribute, placeholders);
    }
    let mut text = String::new();
    placeholders.name(attribute, &mut text);
    text.push_str(" = ");
    placeholders.value(AttributeValue::N(expected.to_string()), &mut text);
    text
}

/// `(attribute_not_exists(#v) OR #v < :max)`: an update that adds 1 to the version applies only
/// while the stored version is below the largest its type holds, so a `u8` version at 255 is
/// never bumped to 256, which the model could not read.
pub(crate) fn below_max(attribute: &str, max: u64, placeholders: &mut Placeholders) -> String {
    let mut text = String::from("(");
    text.push_str(&crate::expr::not_exists_text(attribute, placeholders));
    text.push_str(" OR ");
    placeholders.name(attribute, &mut text);
    text.push_str(" < ");
    placeholders.value(AttributeValue::N(max.to_string()), &mut text);
    text.push(')');
    text
}

/// The version held by a stored item (`None` when there was no item).
pub(crate) fn stored(item: Option<&Item>, attribute: &str) -> Option<u64> {
    match item?.get(attribute) {
        Some(AttributeValue::N(n)) => n.parse().ok(),
        _ => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_saturate_at_their_types_limit() {
        assert_eq!(<u8 as Version>::of(300), u8::MAX);
        assert_eq!(<i16 as Version>::MAX, 32_767);
        assert_eq!(Version::get(-1i32), 0);
    }
}
