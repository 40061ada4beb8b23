//! The type rules of expressions: which values an attribute of a type can be compared with, and
//! which operators and update actions its type supports. Each rule is a trait; a mistake is a
//! missing implementation, reported with a message that names the rule.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::marker::PhantomData;

use aws_sdk_dynamodb::types::AttributeValue;

use super::path::{AttributePath, IndexKeyPath, KeyPath, Navigable, Path, RawPath, Segment};
use crate::value::ConversionError;
use crate::value::ToAttribute;
use std::borrow::Cow;

/// A Rust value that can stand where an attribute of type `T` is expected: a `T` itself, a
/// `&str` for a `String`, the inner value for an `Option<T>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of type `{T}`",
    label = "the attribute holds `{T}`",
    note = "compare and set an attribute with a value of its own type"
)]
pub trait ValueOf<T: ?Sized> {
    /// The value as DynamoDB stores it, or `None` when it is stored as an absent attribute
    /// (`None`, an empty set).
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError>;

    /// The value as DynamoDB stores it; a value stored as an absent attribute is an error, since
    /// an expression cannot compare with nothing.
    fn to_value(&self) -> Result<AttributeValue, ConversionError> {
        self.to_stored()?.ok_or_else(absent)
    }

    /// The operand of an expression: the value, or (for a path) the attribute it names.
    fn operand(&self) -> Operand {
        match self.to_stored() {
            Ok(Some(stored)) => Operand::Value(Ok(stored)),
            Ok(None) => Operand::Absent,
            Err(error) => Operand::Value(Err(error)),
        }
    }
}

fn absent() -> ConversionError {
    ConversionError::custom(
        "this value is stored as an absent attribute (None, an empty set), so an expression cannot use it; test for it with `not_exists()`",
    )
}

impl<T: ToAttribute> ValueOf<T> for T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        self.to_attribute()
    }
}

impl<T: ToAttribute> ValueOf<T> for &T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        (**self).to_attribute()
    }
}

impl<T: ToAttribute> ValueOf<Option<T>> for T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        self.to_attribute()
    }
}

impl<T: ToAttribute> ValueOf<Box<T>> for T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        self.to_attribute()
    }
}

macro_rules! text_values {
    ($($target:ty),*) => {$(
        impl ValueOf<$target> for &str {
            fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
                Ok(Some(AttributeValue::S((*self).to_owned())))
            }
        }
        impl ValueOf<Option<$target>> for &str {
            fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
                Ok(Some(AttributeValue::S((*self).to_owned())))
            }
        }
    )*};
}

text_values!(
    String,
    Box<str>,
    std::sync::Arc<str>,
    std::borrow::Cow<'static, str>
);

/// A field converted by `#[dynamo(with = ...)]` or `#[dynamo(serde)]`: its handle is a
/// `Path<Custom<T, C>>`, and values for it are written by the codec `C` rather than by `T`'s own
/// conversion, so that a condition compares what is really stored.
pub struct Custom<T, C>(PhantomData<(fn() -> T, C)>);

/// How a `with` or `serde` field writes a value; the derive makes one per such field.
pub trait Codec<T> {
    /// Writes the value as the field's conversion does.
    fn encode(value: &T) -> Result<Option<AttributeValue>, ConversionError>;
}

impl<T, C: Codec<T>> ValueOf<Custom<T, C>> for T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        C::encode(self)
    }
}

impl<T, C: Codec<T>> ValueOf<Custom<T, C>> for &T {
    fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
        C::encode(self)
    }
}

/// One side of a comparison: a value, or another attribute of the same type.
#[derive(Debug, Clone)]
pub enum Operand {
    /// An attribute, by path.
    Path(RawPath),
    /// A value (or the error its conversion gave, reported when the expression is built).
    Value(Result<AttributeValue, ConversionError>),
    /// A value stored as an absent attribute: an update removes the attribute; anywhere else it
    /// is an error.
    Absent,
}

impl Operand {
    /// The operand of a value or a path.
    pub fn value<T: ?Sized>(value: &impl ValueOf<T>) -> Operand {
        value.operand()
    }

    /// The operand's value, for where a path cannot stand.
    pub(crate) fn absent_error() -> ConversionError {
        absent()
    }
}

/// Another attribute of the same type stands where a value may: `f.a.eq(&f.b)`.
macro_rules! path_operands {
    ($($path:ident),*) => {$(
        impl<T> ValueOf<T> for $path<T> {
            fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
                Err(path_not_value(self.path().raw()))
            }
            fn operand(&self) -> Operand {
                Operand::Path(self.path().raw().clone())
            }
        }
        impl<T> ValueOf<T> for &$path<T> {
            fn to_stored(&self) -> Result<Option<AttributeValue>, ConversionError> {
                Err(path_not_value(self.path().raw()))
            }
            fn operand(&self) -> Operand {
                Operand::Path(self.path().raw().clone())
            }
        }
    )*};
}

path_operands!(Path, KeyPath, IndexKeyPath);

fn path_not_value(path: &RawPath) -> ConversionError {
    ConversionError::custom(format!(
        "the path `{path}` stands where only a value can (a prefix, a set element, a number to add)"
    ))
}

/// Types DynamoDB orders, so `<`, `<=`, `>`, `>=` and `BETWEEN` apply: strings (and what is
/// stored as one), numbers and binary.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with <, <=, >, >= or between",
    label = "DynamoDB orders strings, numbers and binary only",
    note = "test this attribute with eq, ne, exists or contains instead"
)]
pub trait Ordered {}

/// Types `begins_with` applies to (strings and binary), and what a prefix of them is.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be tested with begins_with",
    label = "begins_with applies to strings and binary only"
)]
pub trait BeginsWith {
    /// The type of a prefix.
    type Prefix;
}

/// Types `contains` applies to: a string (a substring), a set or a list (an element).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be tested with contains",
    label = "contains applies to strings, sets and lists only"
)]
pub trait Contains {
    /// What it may contain.
    type Element;
}

/// Types `size()` measures: strings and binary (length), lists, maps and sets (entries).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no size in DynamoDB",
    label = "size applies to strings, binary, lists, maps and sets"
)]
pub trait HasSize {}

/// Numbers: `ADD` adds to them, and an update may set `a = a + 1`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number",
    label = "arithmetic and ADD on a scalar need a number attribute"
)]
pub trait Numeric {}

/// Sets: `add` (`ADD`) and `discard` (`DELETE`) put elements in and take them out.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set",
    label = "discard() takes elements out of a set (SS, NS, BS) only; add() works on sets and numbers"
)]
pub trait Set {
    /// The element type.
    type Element;
}

/// What `ADD` accepts: numbers (added) and sets (elements added).
#[diagnostic::on_unimplemented(
    message = "ADD cannot apply to `{Self}`",
    label = "ADD applies to numbers and sets only; use set() for other types"
)]
pub trait Addable {}

/// Lists: `list_append`, an element by index, removing an element.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list",
    label = "this operation needs a list attribute (Vec, VecDeque)"
)]
pub trait List {
    /// The element type.
    type Element;
}

/// Maps with string keys: an entry by key.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a map",
    label = "entries by key exist in map attributes (HashMap, BTreeMap) only"
)]
pub trait Map {
    /// The value type.
    type Value;
}

/// Attributes an update may unset (`REMOVE`): optional ones. A required field unset would make the
/// item unreadable as the model.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a required attribute and cannot be unset",
    label = "only an `Option` field may be absent from an item",
    note = "make the field an `Option` (or a `Nullable`), or set it to another value"
)]
pub trait Removable {}

impl<T> Removable for Option<T> {}

/// A `Nullable` may be absent too.
impl<T> Removable for crate::value::Nullable<T> {}

macro_rules! impl_for {
    ($trait:ident: $($ty:ty),* $(,)?) => {$( impl $trait for $ty {} )*};
}

impl_for!(Ordered: String, Box<str>, std::sync::Arc<str>, std::borrow::Cow<'_, str>, crate::value::Binary, std::time::SystemTime);
impl_for!(Ordered: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
impl_for!(Numeric: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
impl_for!(Addable: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
impl_for!(HasSize: String, Box<str>, std::sync::Arc<str>, std::borrow::Cow<'_, str>, crate::value::Binary);

impl BeginsWith for String {
    type Prefix = String;
}
impl BeginsWith for Box<str> {
    type Prefix = String;
}
impl BeginsWith for std::sync::Arc<str> {
    type Prefix = String;
}
impl BeginsWith for std::borrow::Cow<'_, str> {
    type Prefix = String;
}
impl BeginsWith for crate::value::Binary {
    type Prefix = crate::value::Binary;
}
impl BeginsWith for std::time::SystemTime {
    type Prefix = String;
}
impl Contains for String {
    type Element = String;
}

impl<T> Contains for Vec<T> {
    type Element = T;
}
impl<T> Contains for VecDeque<T> {
    type Element = T;
}
impl<T, S> Contains for HashSet<T, S> {
    type Element = T;
}
impl<T> Contains for BTreeSet<T> {
    type Element = T;
}
impl<T> List for Vec<T> {
    type Element = T;
}
impl<T> List for VecDeque<T> {
    type Element = T;
}
impl<T, S> Set for HashSet<T, S> {
    type Element = T;
}
impl<T> Set for BTreeSet<T> {
    type Element = T;
}
impl<T, S> Addable for HashSet<T, S> {}
impl<T> Addable for BTreeSet<T> {}
impl<V, S> Map for HashMap<String, V, S> {
    type Value = V;
}
impl<V> Map for BTreeMap<String, V> {
    type Value = V;
}
impl<T> HasSize for Vec<T> {}
impl<T> HasSize for VecDeque<T> {}
impl<T, const N: usize> HasSize for [T; N] {}
impl<T, S> HasSize for HashSet<T, S> {}
impl<T> HasSize for BTreeSet<T> {}
impl<V, S> HasSize for HashMap<String, V, S> {}
impl<V> HasSize for BTreeMap<String, V> {}

/// Wrappers take the rules of what they hold.
macro_rules! forward_rules {
    ($($wrapper:ident),*) => {$(
        impl<T: Ordered> Ordered for $wrapper<T> {}
        impl<T: Numeric> Numeric for $wrapper<T> {}
        impl<T: Addable> Addable for $wrapper<T> {}
        impl<T: HasSize> HasSize for $wrapper<T> {}
        impl<T: BeginsWith> BeginsWith for $wrapper<T> {
            type Prefix = T::Prefix;
        }
        impl<T: Contains> Contains for $wrapper<T> {
            type Element = T::Element;
        }
        impl<T: Set> Set for $wrapper<T> {
            type Element = T::Element;
        }
        impl<T: List> List for $wrapper<T> {
            type Element = T::Element;
        }
        impl<T: Map> Map for $wrapper<T> {
            type Value = T::Value;
        }
    )*};
}

forward_rules!(Option, Box);

/// A `with` or `serde` field keeps the ordering of its Rust type (epoch numbers and ISO text
/// order like the times they hold); other operators depend on the stored shape, which only the
/// codec knows, so they do not apply.
impl<T: Ordered, C> Ordered for Custom<T, C> {}

#[cfg(feature = "chrono")]
mod chrono_rules {
    use super::*;
    impl_for!(Ordered: chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::FixedOffset>, chrono::NaiveDate, chrono::NaiveDateTime);
    impl BeginsWith for chrono::DateTime<chrono::Utc> {
        type Prefix = String;
    }
    impl BeginsWith for chrono::NaiveDate {
        type Prefix = String;
    }
    impl BeginsWith for chrono::NaiveDateTime {
        type Prefix = String;
    }
}

#[cfg(feature = "time")]
mod time_rules {
    use super::*;
    impl_for!(Ordered: time::OffsetDateTime, time::Date, time::PrimitiveDateTime);
    impl BeginsWith for time::OffsetDateTime {
        type Prefix = String;
    }
    impl BeginsWith for time::Date {
        type Prefix = String;
    }
}

#[cfg(feature = "uuid")]
mod uuid_rules {
    use super::*;
    impl_for!(Ordered: uuid::Uuid);
    impl BeginsWith for uuid::Uuid {
        type Prefix = String;
    }
}

#[cfg(feature = "rust_decimal")]
impl_for!(Ordered: rust_decimal::Decimal);
#[cfg(feature = "rust_decimal")]
impl_for!(Numeric: rust_decimal::Decimal);
#[cfg(feature = "rust_decimal")]
impl_for!(Addable: rust_decimal::Decimal);

#[cfg(feature = "bytes")]
mod bytes_rules {
    use super::*;
    impl_for!(Ordered: bytes::Bytes);
    impl_for!(HasSize: bytes::Bytes);
    impl BeginsWith for bytes::Bytes {
        type Prefix = bytes::Bytes;
    }
}

/// The handle of a list or map entry: `list.at(3)`, `map.key("en")`.
impl<T> Path<T> {
    /// The element at `index` of the list at this path.
    pub fn at(&self, index: usize) -> <T::Element as Navigable>::Handle<T::Element>
    where
        T: List,
        T::Element: Navigable,
    {
        T::Element::handle(Path::new(self.raw().child(Segment::Index(index))))
    }

    /// The value under `key` of the map at this path.
    pub fn key(
        &self,
        key: impl Into<Cow<'static, str>>,
    ) -> <T::Value as Navigable>::Handle<T::Value>
    where
        T: Map,
        T::Value: Navigable,
    {
        T::Value::handle(Path::new(self.raw().child(Segment::Name(key.into()))))
    }
}
