//! Typed attribute paths: where an attribute is in an item, and which Rust type it holds.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// One step of an attribute path: an attribute (or map key) name, or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// `name` or `map.key`.
    Name(Cow<'static, str>),
    /// `list[3]`.
    Index(usize),
}

/// The untyped path of an attribute: `home.zip`, `scores[3]`, `labels.en`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawPath {
    segments: Cow<'static, [Segment]>,
}

impl RawPath {
    /// The path of a top-level attribute whose segments are known at compile time.
    pub const fn from_static(segments: &'static [Segment]) -> Self {
        RawPath {
            segments: Cow::Borrowed(segments),
        }
    }

    /// The path of a top-level attribute.
    pub fn attribute(name: impl Into<Cow<'static, str>>) -> Self {
        RawPath {
            segments: Cow::Owned(vec![Segment::Name(name.into())]),
        }
    }

    /// This path followed by `segment`.
    pub fn child(&self, segment: Segment) -> Self {
        let mut segments = Vec::with_capacity(self.segments.len() + 1);
        segments.extend_from_slice(&self.segments);
        segments.push(segment);
        RawPath {
            segments: Cow::Owned(segments),
        }
    }

    /// The steps of the path, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether one path contains the other (or they are equal): `a` and `a.b` overlap, `a.b`
    /// and `a.c` do not. DynamoDB refuses an update with two actions on overlapping paths.
    pub fn overlaps(&self, other: &RawPath) -> bool {
        let shorter = self.segments.len().min(other.segments.len());
        self.segments[..shorter] == other.segments[..shorter]
    }
}

/// Written as DynamoDB would read it without placeholders: `home.zip`, `scores[3]`.
impl fmt::Display for RawPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Name(name) if i == 0 => f.write_str(name)?,
                Segment::Name(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for RawPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{self}`")
    }
}

/// The path of an attribute holding a `T`: what conditions, updates and projections are built
/// from. `#[derive(Model)]` makes one per field, reached through `Model::fields()`:
///
/// ```
/// use dynamo_model::expr::{AttributePath, Conditions};
/// use dynamo_model::Model;
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     lives: u8,
/// }
///
/// let lives = Cat::fields().lives;     // a Path<u8>
/// assert_eq!(lives.raw().to_string(), "lives");
/// let condition = lives.gt(3);         // lives > :v0
/// # let _ = condition;
/// ```
pub struct Path<T> {
    raw: RawPath,
    value: PhantomData<fn() -> T>,
}

impl<T> Path<T> {
    /// A path to an attribute holding `T`; the derive makes these for you.
    pub const fn new(raw: RawPath) -> Self {
        Path {
            raw,
            value: PhantomData,
        }
    }

    /// The untyped path.
    pub fn raw(&self) -> &RawPath {
        &self.raw
    }

    /// The path of a field of the document at this path; the derive calls this.
    #[doc(hidden)]
    pub fn field<F>(&self, name: &'static str) -> Path<F> {
        Path::new(self.raw.child(Segment::Name(Cow::Borrowed(name))))
    }
}

impl<T> Clone for Path<T> {
    fn clone(&self) -> Self {
        Path::new(self.raw.clone())
    }
}

impl<T> fmt::Debug for Path<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

impl<T> fmt::Display for Path<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

/// The path of a key attribute. It takes part in conditions like any path, but an update
/// cannot name it: DynamoDB never changes an item's key.
pub struct KeyPath<T> {
    path: Path<T>,
}

impl<T> KeyPath<T> {
    /// A key attribute's path; the derive makes these for you.
    pub const fn new(raw: RawPath) -> Self {
        KeyPath {
            path: Path::new(raw),
        }
    }
}

impl<T> Clone for KeyPath<T> {
    fn clone(&self) -> Self {
        KeyPath {
            path: self.path.clone(),
        }
    }
}

impl<T> fmt::Debug for KeyPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPath({})", self.path)
    }
}

/// The path of a field that is part of an index key written by a template. It takes part in
/// conditions like any path, but an update cannot set it alone: the index key made from it would
/// go stale. The model's generated `set_<index>(..)` changes it with the other parts of that key
/// and rewrites the index key in the same request.
pub struct IndexKeyPath<T> {
    path: Path<T>,
}

impl<T> IndexKeyPath<T> {
    /// An index key part's path; the derive makes these for you.
    pub const fn new(raw: RawPath) -> Self {
        IndexKeyPath {
            path: Path::new(raw),
        }
    }
}

impl<T> Clone for IndexKeyPath<T> {
    fn clone(&self) -> Self {
        IndexKeyPath {
            path: self.path.clone(),
        }
    }
}

impl<T> fmt::Debug for IndexKeyPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IndexKeyPath({})", self.path)
    }
}

impl<T> AttributePath for IndexKeyPath<T> {
    type Value = T;

    fn path(&self) -> &Path<T> {
        &self.path
    }
}

/// Anything that names an attribute of a known type: [`Path`], [`KeyPath`], and the handles the
/// derive makes for nested documents. Conditions are its methods (see [`Conditions`](super::Conditions)).
pub trait AttributePath {
    /// The Rust type stored at the path, as the field declares it (e.g. `Option<String>`).
    type Value;

    /// The typed path.
    fn path(&self) -> &Path<Self::Value>;
}

impl<T> AttributePath for Path<T> {
    type Value = T;

    fn path(&self) -> &Path<T> {
        self
    }
}

impl<T> AttributePath for KeyPath<T> {
    type Value = T;

    fn path(&self) -> &Path<T> {
        &self.path
    }
}

impl<P: AttributePath + ?Sized> AttributePath for &P {
    type Value = P::Value;

    fn path(&self) -> &Path<Self::Value> {
        (**self).path()
    }
}

/// A path that an update may write: every path except a key's.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be updated",
    label = "this is a key attribute, part of an index key, or not an attribute path",
    note = "an item's key never changes: to move an item, create it under the new key and delete the old one",
    note = "a part of an index key (an `IndexKeyPath`) changes only with the other parts of that key, through the model's generated `set_<index>(..)`, which rewrites the index key in the same request"
)]
pub trait UpdatePath: AttributePath {}

impl<T> UpdatePath for Path<T> {}
impl<P: UpdatePath + ?Sized> UpdatePath for &P {}

/// How the derive reaches into a type: the handle for a path holding it. For most types the
/// handle is a plain [`Path`]; for a `#[derive(Attribute)]` document it is a struct with one
/// handle per field, so that `Cat::fields().home.zip` is a `Path<u32>`.
///
/// `W` is the declared type at the path, which may wrap `Self` (`Option<Address>`,
/// `Box<Address>`), so that the handle of an optional document can still be removed.
///
/// Implement it for a type with hand-written `ToAttribute`/`FromAttribute` to use the type as a
/// model field:
///
/// ```
/// use dynamo_model::expr::{Navigable, Path};
///
/// struct Celsius(f64);
///
/// impl Navigable for Celsius {
///     type Handle<W> = Path<W>;
///     fn handle<W>(path: Path<W>) -> Path<W> {
///         path
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no typed path",
    label = "a model field's type must implement `dynamo_model::expr::Navigable`",
    note = "#[derive(Attribute)] implements it; for a type with hand-written conversions write `impl Navigable for T {{ type Handle<W> = Path<W>; fn handle<W>(path: Path<W>) -> Path<W> {{ path }} }}`"
)]
pub trait Navigable {
    /// The handle of a path holding a `W` whose content is `Self`.
    type Handle<W>;

    /// Makes the handle.
    fn handle<W>(path: Path<W>) -> Self::Handle<W>;
}

/// Types whose handle is the path itself.
macro_rules! leaf {
    ($($ty:ty),* $(,)?) => {$(
        impl Navigable for $ty {
            type Handle<W> = Path<W>;
            fn handle<W>(path: Path<W>) -> Path<W> {
                path
            }
        }
    )*};
}

leaf!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    crate::value::Binary,
    crate::AttributeValue,
    std::time::SystemTime,
    Box<str>,
    std::sync::Arc<str>
);

impl<T> Navigable for crate::value::Nullable<T> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T> Navigable for crate::value::KeepOffset<T> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl Navigable for Cow<'_, str> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T> Navigable for Vec<T> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T> Navigable for std::collections::VecDeque<T> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T, const N: usize> Navigable for [T; N] {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<V, S> Navigable for std::collections::HashMap<String, V, S> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<V> Navigable for std::collections::BTreeMap<String, V> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T, S> Navigable for std::collections::HashSet<T, S> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

impl<T> Navigable for std::collections::BTreeSet<T> {
    type Handle<W> = Path<W>;
    fn handle<W>(path: Path<W>) -> Path<W> {
        path
    }
}

macro_rules! tuple_leaf {
    ($(($($name:ident),+))*) => {$(
        impl<$($name),+> Navigable for ($($name,)+) {
            type Handle<W> = Path<W>;
            fn handle<W>(path: Path<W>) -> Path<W> {
                path
            }
        }
    )*};
}

tuple_leaf!((A)(A, B)(A, B, C)(A, B, C, D)(A, B, C, D, E)(
    A, B, C, D, E, F
));

/// An optional value has the handle of what it holds, over the optional path.
impl<T: Navigable> Navigable for Option<T> {
    type Handle<W> = T::Handle<W>;
    fn handle<W>(path: Path<W>) -> Self::Handle<W> {
        T::handle(path)
    }
}

impl<T: Navigable> Navigable for Box<T> {
    type Handle<W> = T::Handle<W>;
    fn handle<W>(path: Path<W>) -> Self::Handle<W> {
        T::handle(path)
    }
}

impl<T: Navigable> Navigable for std::sync::Arc<T> {
    type Handle<W> = T::Handle<W>;
    fn handle<W>(path: Path<W>) -> Self::Handle<W> {
        T::handle(path)
    }
}

#[cfg(feature = "chrono")]
leaf!(
    chrono::DateTime<chrono::Utc>,
    chrono::DateTime<chrono::FixedOffset>,
    chrono::NaiveDate,
    chrono::NaiveDateTime
);
#[cfg(feature = "time")]
leaf!(time::OffsetDateTime, time::Date, time::PrimitiveDateTime);
#[cfg(feature = "uuid")]
leaf!(uuid::Uuid);
#[cfg(feature = "rust_decimal")]
leaf!(rust_decimal::Decimal);
#[cfg(feature = "bytes")]
leaf!(bytes::Bytes);

/// The path of a model field that a projection field mirrors, checking that both hold `T`.
/// Generated code calls this.
pub fn projected_path<T, P: crate::expr::AttributePath<Value = T>>(
    path: &P,
) -> crate::expr::RawPath {
    path.path().raw().clone()
}

/// The top-level attribute name of a path. Generated code calls this.
pub fn top_level_name(path: &crate::expr::RawPath) -> &str {
    match path.segments().first() {
        Some(crate::expr::Segment::Name(name)) => name,
        _ => "",
    }
}
