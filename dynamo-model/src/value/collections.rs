//! Lists, maps, sets, binary and the standard pointer and text types.
//!
//! - `Vec<T>` and `VecDeque<T>` are L; `HashMap<String, T>` and `BTreeMap<String, T>` are M.
//!   Inside them a value that would be left out (an `Option::None`, an empty set) is written as
//!   NULL, so that list positions and map keys survive the round trip.
//! - `HashSet<T>` and `BTreeSet<T>` are SS, NS or BS by element type. DynamoDB rejects empty
//!   sets, so an empty set is left out of the item, and an absent (or NULL) set reads as empty.
//! - [`Binary`] is B, and a set of them BS; `Vec<u8>` stays a list of numbers, as serde writes it.
//! - Tuples of up to six values and arrays `[T; N]` are L of exactly that length.
//! - `Box<T>`, `Arc<T>`, `Box<str>`, `Arc<str>` and `Cow<str>` store what they point to.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasher, Hash};
use std::sync::Arc;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;

use super::{FromAttribute, Number, ToAttribute};
use crate::value::ConversionError;

/// Writes a value that must occupy a place (a list slot, a map entry): left-out values become
/// NULL.
fn element(value: &(impl ToAttribute + ?Sized)) -> Result<AttributeValue, ConversionError> {
    Ok(value.to_attribute()?.unwrap_or(AttributeValue::Null(true)))
}

fn write_list<'a, T: ToAttribute + 'a>(
    items: impl ExactSizeIterator<Item = &'a T>,
) -> Result<Option<AttributeValue>, ConversionError> {
    let mut list = Vec::with_capacity(items.len());
    for (index, item) in items.enumerate() {
        list.push(element(item).map_err(|e| e.in_element(index))?);
    }
    Ok(Some(AttributeValue::L(list)))
}

fn read_list<T: FromAttribute, C: FromIterator<T>>(
    value: AttributeValue,
    expected: &'static str,
) -> Result<C, ConversionError> {
    match value {
        AttributeValue::L(list) => list
            .into_iter()
            .enumerate()
            .map(|(index, item)| T::from_attribute(item).map_err(|e| e.in_element(index)))
            .collect(),
        other => Err(ConversionError::wrong_type(expected, &other)),
    }
}

impl<T: ToAttribute> ToAttribute for Vec<T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_list(self.iter())
    }
}

impl<T: FromAttribute> FromAttribute for Vec<T> {
    const EXPECTED: &'static str = "L";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_list(value, Self::EXPECTED)
    }
}

/// The elements of a list that must have exactly `len` of them (a tuple, an array).
fn fixed_list(value: AttributeValue, len: usize) -> Result<Vec<AttributeValue>, ConversionError> {
    match value {
        AttributeValue::L(list) if list.len() == len => Ok(list),
        AttributeValue::L(list) => Err(ConversionError::custom(format!(
            "expected a list of {len} elements, found {}",
            list.len()
        ))),
        other => Err(ConversionError::wrong_type("L", &other)),
    }
}

macro_rules! tuples {
    ($(($len:literal: $($name:ident $index:tt),+))*) => {$(
        /// A tuple is a list (L) of its values, in order.
        impl<$($name: ToAttribute),+> ToAttribute for ($($name,)+) {
            fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
                Ok(Some(AttributeValue::L(vec![
                    $(element(&self.$index).map_err(|e| e.in_element($index))?),+
                ])))
            }
        }

        impl<$($name: FromAttribute),+> FromAttribute for ($($name,)+) {
            const EXPECTED: &'static str = concat!("L of ", $len, " elements");

            fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
                let mut items = fixed_list(value, $len)?.into_iter();
                Ok(($(
                    match items.next() {
                        Some(item) => $name::from_attribute(item).map_err(|e| e.in_element($index))?,
                        None => return Err(ConversionError::missing($name::EXPECTED).in_element($index)),
                    },
                )+))
            }
        }
    )*};
}

tuples! {
    (1: A 0)
    (2: A 0, B 1)
    (3: A 0, B 1, C 2)
    (4: A 0, B 1, C 2, D 3)
    (5: A 0, B 1, C 2, D 3, E 4)
    (6: A 0, B 1, C 2, D 3, E 4, F 5)
}

/// An array is a list (L) of exactly `N` values.
impl<T: ToAttribute, const N: usize> ToAttribute for [T; N] {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_list(self.iter())
    }
}

impl<T: FromAttribute, const N: usize> FromAttribute for [T; N] {
    const EXPECTED: &'static str = "L";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        let items: Vec<T> = read_list(AttributeValue::L(fixed_list(value, N)?), Self::EXPECTED)?;
        items
            .try_into()
            .map_err(|_| ConversionError::custom(format!("expected a list of {N} elements")))
    }
}

impl<T: ToAttribute> ToAttribute for VecDeque<T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_list(self.iter())
    }
}

impl<T: FromAttribute> FromAttribute for VecDeque<T> {
    const EXPECTED: &'static str = "L";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_list(value, Self::EXPECTED)
    }
}

fn write_map<'a, T: ToAttribute + 'a>(
    entries: impl ExactSizeIterator<Item = (&'a String, &'a T)>,
) -> Result<Option<AttributeValue>, ConversionError> {
    let mut map = HashMap::with_capacity(entries.len());
    for (key, value) in entries {
        map.insert(
            key.clone(),
            element(value).map_err(|e| e.in_attribute(key))?,
        );
    }
    Ok(Some(AttributeValue::M(map)))
}

fn read_map<T: FromAttribute, C: FromIterator<(String, T)>>(
    value: AttributeValue,
    expected: &'static str,
) -> Result<C, ConversionError> {
    match value {
        AttributeValue::M(map) => map
            .into_iter()
            .map(|(key, value)| match T::from_attribute(value) {
                Ok(value) => Ok((key, value)),
                Err(e) => Err(e.in_attribute(&key)),
            })
            .collect(),
        other => Err(ConversionError::wrong_type(expected, &other)),
    }
}

impl<T: ToAttribute, S> ToAttribute for HashMap<String, T, S> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_map(self.iter())
    }
}

impl<T: FromAttribute, S: BuildHasher + Default> FromAttribute for HashMap<String, T, S> {
    const EXPECTED: &'static str = "M";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_map(value, Self::EXPECTED)
    }
}

impl<T: ToAttribute> ToAttribute for BTreeMap<String, T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_map(self.iter())
    }
}

impl<T: FromAttribute> FromAttribute for BTreeMap<String, T> {
    const EXPECTED: &'static str = "M";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_map(value, Self::EXPECTED)
    }
}

/// Bytes stored as DynamoDB binary (B), and as BS in a set.
///
/// A plain `Vec<u8>` is a list of numbers (L), which is what other serializers write for it;
/// wrap it in `Binary` to store raw bytes.
///
/// ```
/// use dynamo_model::value::{Binary, ToAttribute};
/// use dynamo_model::AttributeValue;
/// use dynamo_model::sdk::primitives::Blob;
///
/// let written = Binary(vec![0xCA, 0xFE]).to_attribute().unwrap();
/// assert_eq!(written, Some(AttributeValue::B(Blob::new(vec![0xCA, 0xFE]))));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Binary(pub Vec<u8>);

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<Binary> for Vec<u8> {
    fn from(binary: Binary) -> Self {
        binary.0
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl ToAttribute for Binary {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::B(Blob::new(self.0.clone()))))
    }
}

impl FromAttribute for Binary {
    const EXPECTED: &'static str = "B";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            AttributeValue::B(blob) => Ok(Binary(blob.into_inner())),
            other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
        }
    }
}

/// A type that can be an element of a DynamoDB set: strings (SS), numbers (NS) and
/// [`Binary`] (BS).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an element of a DynamoDB set",
    note = "DynamoDB sets hold strings (SS), numbers (NS) or binary (BS); use a Vec for a list of other values"
)]
pub trait SetElement: Sized {
    /// The set type, for error messages: `SS`, `NS` or `BS`.
    const SET: &'static str;

    /// Writes a non-empty set.
    fn write_set<'a>(
        items: impl ExactSizeIterator<Item = &'a Self>,
    ) -> Result<AttributeValue, ConversionError>
    where
        Self: 'a;

    /// Reads the members of a set attribute of this element type.
    fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError>;
}

impl SetElement for String {
    const SET: &'static str = "SS";

    fn write_set<'a>(
        items: impl ExactSizeIterator<Item = &'a Self>,
    ) -> Result<AttributeValue, ConversionError> {
        Ok(AttributeValue::Ss(items.cloned().collect()))
    }

    fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
        match value {
            AttributeValue::Ss(members) => Ok(members.into_iter().collect()),
            other => Err(ConversionError::wrong_type(Self::SET, &other)),
        }
    }
}

impl SetElement for Binary {
    const SET: &'static str = "BS";

    fn write_set<'a>(
        items: impl ExactSizeIterator<Item = &'a Self>,
    ) -> Result<AttributeValue, ConversionError> {
        Ok(AttributeValue::Bs(
            items.map(|b| Blob::new(b.0.clone())).collect(),
        ))
    }

    fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
        match value {
            AttributeValue::Bs(members) => Ok(members
                .into_iter()
                .map(|b| Binary(b.into_inner()))
                .collect()),
            other => Err(ConversionError::wrong_type(Self::SET, &other)),
        }
    }
}

macro_rules! number_sets {
    ($($ty:ident)*) => {$(
        impl SetElement for $ty {
            const SET: &'static str = "NS";

            fn write_set<'a>(
                items: impl ExactSizeIterator<Item = &'a Self>,
            ) -> Result<AttributeValue, ConversionError> {
                items
                    .map(Number::number_text)
                    .collect::<Result<_, _>>()
                    .map(AttributeValue::Ns)
            }

            fn read_set<C: FromIterator<Self>>(value: AttributeValue) -> Result<C, ConversionError> {
                match value {
                    AttributeValue::Ns(members) => members
                        .iter()
                        .map(|member| <$ty as Number>::parse_number(member))
                        .collect(),
                    other => Err(ConversionError::wrong_type(Self::SET, &other)),
                }
            }
        }
    )*};
}

number_sets!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

fn write_set<'a, T: SetElement + 'a>(
    items: impl ExactSizeIterator<Item = &'a T>,
) -> Result<Option<AttributeValue>, ConversionError> {
    if items.len() == 0 {
        // DynamoDB rejects empty sets; an absent attribute reads back as an empty set.
        return Ok(None);
    }
    T::write_set(items).map(Some)
}

fn read_set<T: SetElement, C: FromIterator<T> + Default>(
    value: AttributeValue,
) -> Result<C, ConversionError> {
    match value {
        AttributeValue::Null(_) => Ok(C::default()),
        other => T::read_set(other),
    }
}

impl<T: SetElement + Eq + Hash, S> ToAttribute for HashSet<T, S> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_set(self.iter())
    }
}

impl<T: SetElement + Eq + Hash, S: BuildHasher + Default> FromAttribute for HashSet<T, S> {
    const EXPECTED: &'static str = T::SET;

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_set(value)
    }

    fn from_missing() -> Result<Self, ConversionError> {
        Ok(Self::default())
    }
}

impl<T: SetElement + Ord> ToAttribute for BTreeSet<T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        write_set(self.iter())
    }
}

impl<T: SetElement + Ord> FromAttribute for BTreeSet<T> {
    const EXPECTED: &'static str = T::SET;

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        read_set(value)
    }

    fn from_missing() -> Result<Self, ConversionError> {
        Ok(Self::default())
    }
}

macro_rules! pointers {
    ($($ptr:ident)*) => {$(
        impl<T: ToAttribute + ?Sized> ToAttribute for $ptr<T> {
            fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
                (**self).to_attribute()
            }
        }

        impl<T: FromAttribute> FromAttribute for $ptr<T> {
            const EXPECTED: &'static str = T::EXPECTED;

            fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
                T::from_attribute(value).map($ptr::new)
            }

            fn from_missing() -> Result<Self, ConversionError> {
                T::from_missing().map($ptr::new)
            }
        }

        impl FromAttribute for $ptr<str> {
            const EXPECTED: &'static str = "S";

            fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
                String::from_attribute(value).map(Into::into)
            }
        }
    )*};
}

pointers!(Box Arc);

impl ToAttribute for Cow<'_, str> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::S(self.clone().into_owned())))
    }
}

impl FromAttribute for Cow<'_, str> {
    const EXPECTED: &'static str = "S";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        String::from_attribute(value).map(Cow::Owned)
    }
}

#[cfg(test)]
mod tests;
