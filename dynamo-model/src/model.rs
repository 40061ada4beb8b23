//! The [`Model`] trait that `#[derive(Model)]` implements, and the schema metadata it carries.

use aws_sdk_dynamodb::types::{AttributeValue, ScalarAttributeType};

use crate::behaviour::write::WriteBehaviours;
use crate::behaviour::{Hooks, ValidationErrors};
use crate::db::Db;
use crate::ops::{AsyncHooks, BatchGet, Delete, Get, Put, Query, Scan, UpdateItem};
use crate::table::Table;
use crate::value::ConversionError;
use crate::value::{FromAttribute, Item, ToAttribute};

/// A Rust type stored as items of one DynamoDB table.
///
/// Derive it: `#[derive(Model)]` writes the conversion to and from items, the key, and the schema
/// from the struct's fields. The provided methods are the operations on the table; each returns a
/// builder to set options on, and runs when `.await`ed.
///
/// ```
/// use dynamo_model::Model;
///
/// #[derive(Model, Debug, PartialEq)]
/// #[dynamo(table = "cats")]
/// struct Cat {
///     #[dynamo(hash_key)]
///     id: String,
///     name: String,
///     lives: u8,
///     nickname: Option<String>, // left out of the item when None
/// }
///
/// assert_eq!(Cat::SCHEMA.table, "cats");
/// assert_eq!(Cat::SCHEMA.hash_key.name, "id");
///
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// let mut cat = Cat { id: "c1".into(), name: "Tom".into(), lives: 9, nickname: None };
/// cat.create(db).await?;                          // fails if `c1` exists
/// let read = Cat::get(db, "c1").await?;            // Option<Cat>
/// assert_eq!(read.as_ref(), Some(&cat));
/// Cat::delete(db, "c1").await?;
/// # Ok(()) }
/// ```
///
/// # Operation names
///
/// A method called on the type takes a key; a method called on a model value works on that
/// item, by its key and, for a model with a `#[dynamo(version)]`, only while the stored item
/// still has its version. The suffix `_item` marks the second kind where both exist:
///
/// | | by key: `Cat::op(db, key)` | this item: `cat.op(db)` |
/// |---|---|---|
/// | read | [`get`](Model::get) | |
/// | write the whole item | | [`put`](Model::put), [`create`](Model::create) |
/// | change attributes | [`update`](Model::update) | [`update_item`](Model::update_item) |
/// | delete the item | [`delete`](Model::delete) | [`delete_item`](Model::delete_item) |
///
/// Inside an update, the actions on attributes have names no item operation uses
/// ([`UpdateActions`](crate::expr::UpdateActions)): `set`, `set_if_not_exists`, `increment`,
/// `decrement`, `append`, `prepend`, `add` (DynamoDB's `ADD`), `unset`, `unset_at`, `unset_key`
/// (its `REMOVE`) and `discard` (its `DELETE`, on set elements).
pub trait Model: Hooks + AsyncHooks + WriteBehaviours + Sized {
    /// How a key is passed to [`get`](Model::get) and [`delete`](Model::delete): the hash key's
    /// argument type (`&str` for a `String` key, the integer itself for numbers), or a tuple of
    /// hash and range key arguments when the model has a range key.
    type Key<'k>;

    /// The Rust type of the hash key (a [`KeyType`]).
    type HashKey;

    /// The Rust type of the range key, or [`NoRangeKey`].
    type RangeKey;

    /// The typed attribute paths of the model, one public field per stored attribute: a
    /// [`KeyPath`](crate::expr::KeyPath) for keys, a [`Path`](crate::expr::Path) for most
    /// others, a struct of paths for a nested document.
    type Fields;

    /// The typed attribute paths: `Cat::fields().name.eq("Tom")`. See [`crate::expr`].
    fn fields() -> Self::Fields;

    /// The typed handles of the model's secondary indexes, one public field per
    /// `global_index`/`local_index` (named after the index, with characters other than letters,
    /// digits and `_` replaced by `_`).
    type Indexes;

    /// The typed index handles: `Cat::indexes().by_owner.query(db, "alice")`.
    fn indexes() -> Self::Indexes;

    /// The table, key attributes and stored attributes of the model.
    const SCHEMA: Schema;

    /// Writes the model as a DynamoDB item.
    fn to_item(&self) -> Result<Item, ConversionError>;

    /// Reads the model from a DynamoDB item, naming the attribute in any error.
    fn from_item(item: Item) -> Result<Self, ConversionError>;

    /// The key attributes of a key argument, as DynamoDB expects them in `GetItem` and friends.
    fn key_item(key: Self::Key<'_>) -> Result<Item, ConversionError>;

    /// The key attributes of this item.
    fn item_key(&self) -> Result<Item, ConversionError>;

    /// Checks every `#[dynamo(validate(...))]` rule of the model and of the documents inside
    /// it, and lists every failure. Writes call it; it is public so that input can be checked
    /// before any write is attempted.
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }

    /// The `#[dynamo(version)]` field's value; 0 for a model without one.
    fn version(&self) -> u64 {
        0
    }

    /// Table-level operations: create, delete, describe.
    fn table() -> Table<Self> {
        Table::new()
    }

    /// Reads the item with this key; `.await` gives `Ok(None)` when there is none.
    fn get<'a>(db: &'a Db, key: Self::Key<'_>) -> Get<'a, Self> {
        Get::new(db, Self::key_item(key))
    }

    /// Writes the item, replacing any item with the same key.
    ///
    /// The write may change the model, so it borrows it mutably: the `before_save` hook and
    /// timestamps run on it, and a versioned model holds its new version afterwards.
    fn put<'a>(&'a mut self, db: &'a Db) -> Put<'a, Self> {
        Put::new(db, self, false)
    }

    /// Writes the item only if no item with its key exists; otherwise `.await` fails with
    /// [`Error::AlreadyExists`](crate::Error::AlreadyExists). `created_at` is set to now.
    fn create<'a>(&'a mut self, db: &'a Db) -> Put<'a, Self> {
        Put::new(db, self, true)
    }

    /// Changes attributes of this item: [`update`](Model::update) by its key, and for a
    /// versioned model only if the stored item still has this model's version (else
    /// [`Error::VersionConflict`](crate::Error::VersionConflict)). `.await` gives the item as it
    /// is afterwards, with its new version.
    fn update_item<'a>(&self, db: &'a Db) -> UpdateItem<'a, Self> {
        UpdateItem::new(db, self.item_key()).if_version(self.version())
    }

    /// Deletes this item: by its key, and for a versioned model only if the stored item still
    /// has this model's version (else [`Error::VersionConflict`](crate::Error::VersionConflict)).
    fn delete_item<'a>(&self, db: &'a Db) -> Delete<'a, Self> {
        let delete = Delete::new(db, self.item_key());
        delete.if_version(self.version())
    }

    /// Deletes the item with this key; deleting an absent item is not an error.
    fn delete<'a>(db: &'a Db, key: Self::Key<'_>) -> Delete<'a, Self> {
        Delete::new(db, Self::key_item(key))
    }

    /// Changes attributes of the item with this key: chain actions (`set`, `add`, `unset`,
    /// ...; see [`UpdateActions`](crate::expr::UpdateActions)) on typed paths, then `.await`
    /// the item as it is afterwards.
    fn update<'a>(db: &'a Db, key: Self::Key<'_>) -> UpdateItem<'a, Self> {
        UpdateItem::new(db, Self::key_item(key))
    }

    /// Reads the items with this hash key, optionally narrowed by `.range(..)` and `.filter(..)`.
    fn query<'a>(
        db: &'a Db,
        hash: impl PartitionValue<Self::HashKey>,
    ) -> Query<'a, Self, Self::RangeKey> {
        let keys = (
            Self::SCHEMA.hash_key.name,
            Self::SCHEMA.range_key.map(|key| key.name),
        );
        Query::new::<Self::HashKey>(db, None, keys, hash)
    }

    /// Reads the items with these keys, in BatchGetItem calls of up to 100 keys.
    fn batch_get<'a, 'k>(
        db: &'a Db,
        keys: impl IntoIterator<Item = Self::Key<'k>>,
    ) -> BatchGet<'a, Self> {
        let keys = keys.into_iter().map(Self::key_item).collect();
        BatchGet::new(db, keys)
    }

    /// Reads every item of the table, optionally `.filter(..)`ed.
    fn scan(db: &Db) -> Scan<'_, Self> {
        Scan::new(db, None)
    }
}

/// The schema of a model, as `#[derive(Model)]` read it from the struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// The model's Rust type name, e.g. `Order`: what request spans and cost reports name.
    pub name: &'static str,
    /// The table name given by `#[dynamo(table = "...")]` (the struct's name by default). A
    /// [`Db`] may add a prefix or suffix when it addresses the table.
    pub table: &'static str,
    /// The partition (hash) key.
    pub hash_key: KeyAttribute,
    /// The sort (range) key, if the table has one.
    pub range_key: Option<KeyAttribute>,
    /// The names of all stored attributes, keys included, in field order.
    pub attributes: &'static [&'static str],
    /// The secondary indexes declared with `global_index(...)` and `local_index(...)`.
    pub indexes: &'static [IndexSchema],
    /// The attribute marked `#[dynamo(ttl)]`: DynamoDB's time to live expires items by it.
    pub ttl: Option<&'static str>,
    /// The attribute marked `#[dynamo(version)]`, which optimistic locking checks and bumps.
    pub version: Option<&'static str>,
    /// The attribute set when an item is created (`#[dynamo(created_at)]`).
    pub created_at: Option<&'static str>,
    /// The attribute set on every write (`#[dynamo(updated_at)]`).
    pub updated_at: Option<&'static str>,
    /// For a model stored in a [`SharedTable`](crate::SharedTable): its entity name and key
    /// templates.
    pub entity: Option<crate::EntitySchema>,
}

/// Types that hold epoch seconds, as DynamoDB's time to live reads them: the integers and
/// `Option`s of them. (A time type is one too when stored with
/// `with = dynamo_model::with::epoch_seconds`.)
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not hold epoch seconds, which time to live needs",
    label = "a #[dynamo(ttl)] field is a number of seconds since 1970",
    note = "use an integer field, or a time with `#[dynamo(ttl, with = dynamo_model::with::epoch_seconds)]`"
)]
pub trait TtlSeconds {}

macro_rules! ttl_seconds {
    ($($ty:ty),*) => {$(
        impl TtlSeconds for $ty {}
        impl TtlSeconds for Option<$ty> {}
    )*};
}

ttl_seconds!(i32, i64, u32, u64, i128, u128, isize, usize);

/// One secondary index of a table, as declared on the model:
///
/// ```
/// use dynamo_model::{IndexKind, IndexAttributes, Model};
///
/// #[derive(Model)]
/// #[dynamo(global_index(name = "by_owner", hash = "owner", range = "name"))]
/// #[dynamo(local_index(name = "by_age", range = "age", projection = "keys_only"))]
/// #[dynamo(global_index(name = "by_colour", hash = "colour", include = ["lives"]))]
/// struct Cat {
///     #[dynamo(hash_key)]
///     home: String,
///     #[dynamo(range_key)]
///     name: String,
///     owner: String,
///     age: u8,
///     colour: String,
///     lives: u8,
/// }
///
/// let by_owner = &Cat::SCHEMA.indexes[0];
/// assert_eq!(by_owner.name, "by_owner");
/// assert_eq!(by_owner.kind, IndexKind::Global);
/// assert_eq!(by_owner.hash_key.name, "owner");
/// assert_eq!(Cat::SCHEMA.indexes[1].hash_key.name, "home"); // a local index shares the hash key
/// assert_eq!(Cat::SCHEMA.indexes[2].attributes, IndexAttributes::Include(&["lives"]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSchema {
    /// The index name.
    pub name: &'static str,
    /// Global or local.
    pub kind: IndexKind,
    /// The index's partition key; for a local index, the table's.
    pub hash_key: KeyAttribute,
    /// The index's sort key.
    pub range_key: Option<KeyAttribute>,
    /// Which attributes the index copies from the table (DynamoDB's index projection).
    pub attributes: IndexAttributes,
    /// The further partition attributes of a multi-attribute key (a global index only), after
    /// `hash_key`: up to three more.
    pub more_hash_keys: &'static [KeyAttribute],
    /// The further sort attributes of a multi-attribute key, after `range_key`: up to three more.
    pub more_range_keys: &'static [KeyAttribute],
}

impl IndexSchema {
    /// Every partition attribute of the index key, in key order.
    pub fn hash_keys(&self) -> impl Iterator<Item = KeyAttribute> + 'static {
        std::iter::once(self.hash_key).chain(self.more_hash_keys.iter().copied())
    }

    /// Every sort attribute of the index key, in key order.
    pub fn range_keys(&self) -> impl Iterator<Item = KeyAttribute> + 'static {
        self.range_key
            .into_iter()
            .chain(self.more_range_keys.iter().copied())
    }
}

/// Whether an index is global (any partition key, its own throughput) or local (the table's
/// partition key, another sort key; created with the table only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexKind {
    /// A global secondary index.
    Global,
    /// A local secondary index.
    Local,
}

/// The attributes a secondary index copies from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexAttributes {
    /// Every attribute (the default).
    All,
    /// The index's and the table's key attributes only.
    KeysOnly,
    /// The keys and these attributes (stored names).
    Include(&'static [&'static str]),
}

/// One key attribute of a table: its stored name and DynamoDB scalar type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAttribute {
    /// The attribute's name in the table.
    pub name: &'static str,
    /// `S`, `N` or `B`.
    pub scalar: KeyScalar,
}

/// The DynamoDB types a key attribute can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyScalar {
    /// String.
    S,
    /// Number.
    N,
    /// Binary.
    B,
}

impl From<KeyScalar> for ScalarAttributeType {
    fn from(scalar: KeyScalar) -> Self {
        match scalar {
            KeyScalar::S => ScalarAttributeType::S,
            KeyScalar::N => ScalarAttributeType::N,
            KeyScalar::B => ScalarAttributeType::B,
        }
    }
}

/// A Rust type that can be a DynamoDB key: strings, numbers and binary.
///
/// `Arg` is what callers pass to name a key of this type: `&str` for `String` (so
/// `Cat::get(&db, "c1")` needs no allocation), the value itself for numbers, `&Binary` for
/// binary keys.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a DynamoDB key",
    label = "DynamoDB keys must be strings, numbers or binary",
    note = "a key attribute is stored as S, N or B; Option, bool, sets, lists, maps and nested documents cannot be keys"
)]
pub trait KeyType: ToAttribute + FromAttribute {
    /// The DynamoDB type of the key attribute.
    const SCALAR: KeyScalar;
    /// The type a caller passes to name a key.
    type Arg<'k>: ToAttribute;
}

impl KeyType for String {
    const SCALAR: KeyScalar = KeyScalar::S;
    type Arg<'k> = &'k str;
}

impl KeyType for crate::value::Binary {
    const SCALAR: KeyScalar = KeyScalar::B;
    type Arg<'k> = &'k crate::value::Binary;
}

/// What names a partition key's value in a query: the key type's value itself, or a reference
/// to it (`&str` for a `String` key). Not a condition: DynamoDB matches a partition key by
/// equality only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of the partition key, of type `{H}`",
    label = "a query takes the partition key's value, which DynamoDB matches by equality only",
    note = "pass the value, e.g. `Visit::query(db, \"tom\")`; a condition on the sort key goes in `.range(|key| ...)`, on other attributes in `.filter(..)`"
)]
pub trait PartitionValue<H> {
    /// The value as the key attribute `name` stores it.
    fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError>;
}

/// `H` and `&H` name a partition key of type `H`.
macro_rules! partition_values {
    ($($ty:ty),* $(,)?) => {$(
        impl PartitionValue<$ty> for $ty {
            fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError> {
                crate::value::key_attribute(name, self)
            }
        }

        impl PartitionValue<$ty> for &$ty {
            fn partition_attribute(&self, name: &str) -> Result<AttributeValue, ConversionError> {
                crate::value::key_attribute(name, *self)
            }
        }
    )*};
}

partition_values!(String, crate::value::Binary);

impl PartitionValue<String> for &str {
    fn partition_attribute(&self, _name: &str) -> Result<AttributeValue, ConversionError> {
        Ok(AttributeValue::S((*self).to_owned()))
    }
}

macro_rules! number_keys {
    ($($ty:ident)*) => {$(
        impl KeyType for $ty {
            const SCALAR: KeyScalar = KeyScalar::N;
            type Arg<'k> = $ty;
        }

        partition_values!($ty);
    )*};
}

number_keys!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64);

/// The key types of the optional features: a key is written by the value layer's conversion,
/// and the schema says which types may be one.
macro_rules! feature_keys {
    ($($feature:literal: $ty:ty => $scalar:ident, $arg:ty;)*) => {$(
        #[cfg(feature = $feature)]
        impl KeyType for $ty {
            const SCALAR: KeyScalar = KeyScalar::$scalar;
            type Arg<'k> = $arg;
        }

        #[cfg(feature = $feature)]
        partition_values!($ty);
    )*};
}

feature_keys! {
    "uuid": uuid::Uuid => S, uuid::Uuid;
    "rust_decimal": rust_decimal::Decimal => N, rust_decimal::Decimal;
    "bytes": bytes::Bytes => B, &'k bytes::Bytes;
    "chrono": chrono::DateTime<chrono::Utc> => S, chrono::DateTime<chrono::Utc>;
    "chrono": chrono::NaiveDate => S, chrono::NaiveDate;
    "time": time::OffsetDateTime => S, time::OffsetDateTime;
    "time": time::Date => S, time::Date;
}

/// What a read of model `M` can produce: the model itself, or a struct with some of its fields
/// that `#[derive(Projection)]` made, read from just those attributes.
///
/// ```
/// use dynamo_model::{Model, Projection};
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(hash_key)]
///     id: String,
///     name: String,
///     lives: u8,
///     #[dynamo(rename = "bio")]
///     biography: String,
/// }
///
/// #[derive(Projection, Debug, PartialEq)]
/// #[dynamo(model = Cat)]
/// struct CatCard {
///     name: String,   // must be a field of Cat, of the same type
///     lives: u8,
/// }
///
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// // Reads only `name` and `lives`: ProjectionExpression "#n0, #n1".
/// let card: Option<CatCard> = Cat::get(db, "c1").project::<CatCard>().await?;
/// # Ok(()) }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from `{M}`",
    label = "this read has no type to give its items",
    note = "an index that does not project every attribute cannot give whole models: choose a #[derive(Projection)] struct with `.project::<P>()`"
)]
pub trait Projection<M: Model>: Sized {
    /// The attributes to read; `None` reads the whole item.
    fn projection_paths() -> Option<crate::expr::ProjectionExpression>;

    /// Reads the value from a (projected) item; a missing attribute the type requires is an
    /// error naming it, never a default.
    fn from_projection(item: Item) -> Result<Self, ConversionError>;

    /// Runs after a read produced the value: the model's
    /// [`after_load`](crate::Hooks::after_load) hook; nothing for a projection.
    #[doc(hidden)]
    fn after_load(&mut self) -> Result<(), crate::behaviour::HookError> {
        Ok(())
    }
}

/// A model reads as itself, from the whole item.
impl<M: Model> Projection<M> for M {
    fn projection_paths() -> Option<crate::expr::ProjectionExpression> {
        None
    }

    fn from_projection(item: Item) -> Result<Self, ConversionError> {
        <M as Model>::from_item(item)
    }

    fn after_load(&mut self) -> Result<(), crate::behaviour::HookError> {
        <M as Hooks>::after_load(self)
    }
}

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

/// The `RangeKey` of a model without a range key.
#[derive(Debug, Clone, Copy)]
pub struct NoRangeKey;

/// A key type that can be a sort key in a query: any [`KeyType`], which [`NoRangeKey`] is not.
#[diagnostic::on_unimplemented(
    message = "this model has no range key, so a query has no sort key condition",
    label = "the model's table is keyed by its hash key alone",
    note = "query by the hash key and use `.filter(..)` to narrow the items"
)]
pub trait SortKey: KeyType {}

impl<T: KeyType> SortKey for T {}

/// Builds a key item from one or two key attributes, refusing what DynamoDB refuses in a key:
/// an empty string or binary, a partition key over 2048 bytes, a sort key over 1024. Generated
/// code calls this.
pub fn key_item_of(
    hash: (&str, AttributeValue),
    range: Option<(&str, AttributeValue)>,
) -> Result<Item, ConversionError> {
    check_key_value(
        hash.0,
        &hash.1,
        crate::value::MAX_PARTITION_KEY_SIZE,
        "partition",
    )?;
    let mut item = Item::with_capacity(2);
    item.insert(hash.0.to_owned(), hash.1);
    if let Some((name, value)) = range {
        check_key_value(name, &value, crate::value::MAX_SORT_KEY_SIZE, "sort")?;
        item.insert(name.to_owned(), value);
    }
    Ok(item)
}

/// DynamoDB's key rules for the key attributes of a whole item of model `M`: the table's keys
/// and every index key attribute the item holds (an index key may not be empty or over the same
/// limits either).
pub(crate) fn check_item_keys(schema: &Schema, item: &Item) -> Result<(), ConversionError> {
    let table = [
        (
            Some(schema.hash_key),
            crate::value::MAX_PARTITION_KEY_SIZE,
            "partition",
        ),
        (schema.range_key, crate::value::MAX_SORT_KEY_SIZE, "sort"),
    ];
    let indexes = schema.indexes.iter().flat_map(|index| {
        index
            .hash_keys()
            .map(|key| (Some(key), crate::value::MAX_PARTITION_KEY_SIZE, "partition"))
            .chain(
                index
                    .range_keys()
                    .map(|key| (Some(key), crate::value::MAX_SORT_KEY_SIZE, "sort")),
            )
    });
    for (key, limit, which) in table.into_iter().chain(indexes) {
        if let Some(key) = key
            && let Some(value) = item.get(key.name)
        {
            check_key_value(key.name, value, limit, which)?;
        }
    }
    Ok(())
}

/// DynamoDB's rules for one key value.
pub(crate) fn check_key_value(
    name: &str,
    value: &AttributeValue,
    limit: usize,
    which: &str,
) -> Result<(), ConversionError> {
    let size = match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::B(b) => b.as_ref().len(),
        _ => return Ok(()),
    };
    if size == 0 {
        return Err(ConversionError::custom(format!(
            "an empty {} cannot be a {which} key: DynamoDB refuses it",
            if matches!(value, AttributeValue::S(_)) {
                "string"
            } else {
                "binary"
            }
        ))
        .in_attribute(name));
    }
    if size > limit {
        return Err(ConversionError::custom(format!(
            "a {which} key of {size} bytes is over DynamoDB's limit of {limit}"
        ))
        .in_attribute(name));
    }
    Ok(())
}
