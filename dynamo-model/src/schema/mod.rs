//! What a model is, as data: its table, keys, secondary indexes and their projections, the
//! attributes it stores, its schema version, and for a model in a shared table its entity and
//! key templates. The
//! derive writes a [`Schema`] constant for every model; table creation, cost predictions and
//! the checks of stored keys read it.
//!
//! [`assert_compatible`] checks a model against a committed schema [`Snapshot`], so that a change
//! that breaks reading stored items fails in CI (see `docs/migrations.md`).
//!
//! This layer knows values and nothing above them: no expression, client or operation.

use aws_sdk_dynamodb::types::ScalarAttributeType;

pub(crate) mod keys;
mod shared;
mod snapshot;
mod versions;

pub(crate) use keys::check_item_keys;
pub use keys::{KeyType, NoSortKey, PartitionValue, UniqueValue};
pub use shared::{
    EntitySchema, KeyTemplate, SharedTable, check_collection_pair, check_distinct_entities,
    check_listed, shared_index, shared_index_sort_key,
};
pub use snapshot::{Change, Snapshot, SnapshotField, UPDATE_VARIABLE, assert_compatible};
pub use versions::{FieldSchema, SchemaVersion, stored_version};

/// The schema of a model, as `#[derive(Model)]` read it from the struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// The model's Rust type name, e.g. `Order`: what request spans and cost reports name.
    pub name: &'static str,
    /// The table name given by `#[dynamo(table = "...")]` (the struct's name by default). A
    /// [`Db`](crate::Db) may add a prefix or suffix when it addresses the table.
    pub table: &'static str,
    /// The partition (hash) key.
    pub partition_key: KeyAttribute,
    /// The sort (range) key, if the table has one.
    pub sort_key: Option<KeyAttribute>,
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
    /// The `#[dynamo(counter)]` attributes: an update of these only leaves the version and
    /// `updated_at` alone.
    pub counters: &'static [&'static str],
    /// The `#[dynamo(unique)]` attributes: no two items of the model hold the same value of
    /// one, kept so by marker items in the table's marker table (see `docs/unique.md`).
    pub uniques: &'static [&'static str],
    /// `#[dynamo(schema_version = N)]`: the version writes stamp, and the stamp attribute.
    pub schema_version: Option<SchemaVersion>,
    /// Every stored field: its attribute, Rust type, whether items must hold it, its earlier
    /// names. What a schema [`Snapshot`] records.
    pub fields: &'static [FieldSchema],
    /// For a model stored in a [`SharedTable`]: its entity name and key
    /// templates.
    pub entity: Option<EntitySchema>,
}

/// The partition key attribute (S) of a marker table, which keeps the values of
/// `#[dynamo(unique)]` attributes.
pub(crate) const MARKER_KEY: &str = "pk";

impl Schema {
    /// The marker table of the model's table, which keeps its `#[dynamo(unique)]` values:
    /// `<table>-unique`, before the `Db`'s prefix and suffix.
    pub fn marker_table(&self) -> String {
        format!("{}-unique", self.table)
    }
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
/// #[dynamo(global_index(name = "by_owner", partition_key = "owner", sort_key = "name"))]
/// #[dynamo(local_index(name = "by_age", sort_key = "age", projection = "keys_only"))]
/// #[dynamo(global_index(name = "by_colour", partition_key = "colour", include = ["lives"]))]
/// struct Cat {
///     #[dynamo(partition_key)]
///     home: String,
///     #[dynamo(sort_key)]
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
/// assert_eq!(by_owner.partition_key.name, "owner");
/// assert_eq!(Cat::SCHEMA.indexes[1].partition_key.name, "home"); // a local index shares the partition key
/// assert_eq!(Cat::SCHEMA.indexes[2].attributes, IndexAttributes::Include(&["lives"]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSchema {
    /// The index name.
    pub name: &'static str,
    /// Global or local.
    pub kind: IndexKind,
    /// The index's partition key; for a local index, the table's.
    pub partition_key: KeyAttribute,
    /// The index's sort key.
    pub sort_key: Option<KeyAttribute>,
    /// Which attributes the index copies from the table (DynamoDB's index projection).
    pub attributes: IndexAttributes,
    /// The further partition attributes of a multi-attribute key (a global index only), after
    /// `partition_key`: up to three more.
    pub more_partition_keys: &'static [KeyAttribute],
    /// The further sort attributes of a multi-attribute key, after `sort_key`: up to three more.
    pub more_sort_keys: &'static [KeyAttribute],
}

impl IndexSchema {
    /// Every partition attribute of the index key, in key order.
    pub fn partition_keys(&self) -> impl Iterator<Item = KeyAttribute> + 'static {
        std::iter::once(self.partition_key).chain(self.more_partition_keys.iter().copied())
    }

    /// Every sort attribute of the index key, in key order.
    pub fn sort_keys(&self) -> impl Iterator<Item = KeyAttribute> + 'static {
        self.sort_key
            .into_iter()
            .chain(self.more_sort_keys.iter().copied())
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

impl KeyScalar {
    /// `S`, `N` or `B`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyScalar::S => "S",
            KeyScalar::N => "N",
            KeyScalar::B => "B",
        }
    }
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
