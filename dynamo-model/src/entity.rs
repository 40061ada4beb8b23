//! Single-table design: several models ("entities") stored in one table, each item carrying its
//! entity name, each model's keys written from its fields by key templates.
//!
//! The table is declared once, with `#[derive(SharedTable)]` on a unit struct; each model
//! names it with `table = Shop` and gives its `entity` name and key templates:
//!
//! ```
//! use dynamo_model::prelude::*;
//! use dynamo_model::SharedTable;
//!
//! #[derive(SharedTable)]
//! #[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Customer, Order))]
//! struct Shop;
//!
//! #[derive(Model)]
//! #[dynamo(table = Shop, entity = "customer", pk = "CUSTOMER#{id}", sk = "PROFILE")]
//! struct Customer {
//!     id: String,
//!     name: String,
//! }
//!
//! #[derive(Model)]
//! #[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{customer_id}", sk = "ORDER#{placed}#{order_id}")]
//! struct Order {
//!     customer_id: String,
//!     order_id: String,
//!     placed: u32,
//!     total_cents: u64,
//! }
//!
//! # async fn demo(db: &Db) -> Result<(), Error> {
//! // The key of an order is its template's parts, in template order.
//! let order = Order::get(db, ("alice", 20240601, "o-1")).await?;
//! // The orders of one customer, of June 2024 (the customer's own item is not an order, so an
//! // entity's query only reads its own sort-key prefix).
//! let june: Vec<Order> = Order::query(db, "alice")
//!     .range(|sk| {
//!         sk.between(
//!             Order::sort_key().placed(20240601),
//!             Order::sort_key().placed(20240630),
//!         )
//!     })
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! See the guide's `docs/single-table.md`.

use std::marker::PhantomData;

use crate::model::{KeyScalar, KeyType, Model};
use crate::value::{ConversionError, FromAttribute, ToAttribute};
use aws_sdk_dynamodb::types::AttributeValue;

/// A table that several models share, declared once with `#[derive(SharedTable)]`:
/// `#[dynamo(name = "shop", pk = "pk", sk = "sk", entity_attribute = "_et")]`, with its GSIs
/// (`gsi(name = "gsi1", pk = "gsi1pk", sk = "gsi1sk")`) and the list of its models
/// (`entities(Customer, Order)`): their entity names are checked to be distinct, and every model
/// naming the table to be in the list, at compile time.
pub trait SharedTable {
    /// The table's name (a [`Db`](crate::Db) may add a prefix or suffix).
    const NAME: &'static str;
    /// The name of the partition key attribute, e.g. `pk`.
    const PARTITION_KEY: &'static str;
    /// The name of the sort key attribute, e.g. `sk`, if the table has one.
    const SORT_KEY: Option<&'static str>;
    /// The attribute each item's entity name is stored in (`_et` unless given).
    const ENTITY_ATTRIBUTE: &'static str;
    /// The table's global secondary indexes, declared with `gsi(name = "...", pk = "...",
    /// sk = "...")`: string keys, every attribute projected. Creating the table through any of
    /// its models creates them all.
    const INDEXES: &'static [crate::IndexSchema];
    /// The entity names of the models stored in it, from `entities(...)`: distinct, and each
    /// model's name among them, both checked at compile time.
    const ENTITIES: &'static [&'static str];
}

/// Whether `name` is among a table's `entities(...)`, at compile time: a model stored in a
/// shared table must be listed there, so that its entity name is checked against the others'.
#[doc(hidden)]
pub const fn check_listed(entities: &[&str], name: &str) {
    let mut i = 0;
    while i < entities.len() {
        if const_str_eq(entities[i], name) {
            return;
        }
        i += 1;
    }
    panic!(
        "this model is not in its shared table's `entities(...)`: list it there, so that its entity name is checked against the other models'"
    );
}

/// The index named `name` of `indexes`, at compile time: a model naming an index its shared
/// table does not declare fails to compile with the message below. Generated code calls this.
#[doc(hidden)]
pub const fn shared_index(
    indexes: &'static [crate::IndexSchema],
    name: &str,
) -> crate::IndexSchema {
    let mut i = 0;
    while i < indexes.len() {
        if const_str_eq(indexes[i].name, name) {
            return indexes[i];
        }
        i += 1;
    }
    panic!(
        "the shared table declares no GSI of this name: add `gsi(name = \"...\", pk = \"...\", sk = \"...\")` to its #[dynamo(...)]"
    )
}

/// The sort key attribute of a shared index, at compile time.
#[doc(hidden)]
pub const fn shared_index_sort_key(index: crate::IndexSchema) -> &'static str {
    match index.range_key {
        Some(key) => key.name,
        None => panic!(
            "this index template has an `sk`, but the shared table's GSI has no sort key: remove `sk`, or give the GSI one"
        ),
    }
}

/// String equality in a constant.
const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A key written by a template, as a type: the model itself for its primary key, a marker the
/// derive makes for each index. Its typed builder starts at [`KeyTemplate::start`].
pub trait KeyTemplate {
    /// The start of a typed sort key: its methods are the template's parts, in order.
    type Start;

    /// The start of a sort key written by this template.
    fn start() -> Self::Start;
}

/// What the schema of a model stored in a shared table says about its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitySchema {
    /// The entity name every item of the model carries.
    pub name: &'static str,
    /// The attribute the entity name is stored in.
    pub attribute: &'static str,
    /// The partition key template, e.g. `CUSTOMER#{customer_id}`.
    pub partition_template: &'static str,
    /// The sort key template, e.g. `ORDER#{created_at}#{order_id}`.
    pub sort_template: Option<&'static str>,
    /// The literal text the sort key template starts with (`ORDER#`): a query of the model reads
    /// only sort keys with this prefix, so other entities of the partition stay out.
    pub sort_prefix: &'static str,
}

/// A model stored in a [`SharedTable`], derived from `entity = "..."` and its key templates.
pub trait Entity: Model {
    /// The table it is stored in.
    type Table: SharedTable;

    /// The start of a typed sort key: its methods are the template's parts, in template order,
    /// each narrowing the key further (`Order::sort_key().created_at(t).order_id(id)`).
    type SortKeyStart;

    /// The entity name stored in each item.
    const ENTITY: &'static str;

    /// The partition key template with each part replaced by its type (`CUSTOMER#{String}`):
    /// entities with the same shape share partitions, which is what a collection checks.
    const PARTITION_SHAPE: &'static str;

    /// The start of a sort key of this entity, for `.range(..)` conditions of a query.
    fn sort_key() -> Self::SortKeyStart;
}

/// A sort key written by a template `M` ([`KeyTemplate`]): the text of the key, whole or a
/// prefix of it. Made by the typed builder ([`Entity::sort_key`], or an index handle's
/// `sort_key()`), never by hand, so a condition on it always follows the template.
pub struct SortKeyText<M> {
    text: String,
    model: PhantomData<fn() -> M>,
}

impl<M> SortKeyText<M> {
    /// A key text; generated code makes these.
    #[doc(hidden)]
    pub fn new(text: String) -> Self {
        SortKeyText {
            text,
            model: PhantomData,
        }
    }

    /// The key text, e.g. `ORDER#0000000042#`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<M> Clone for SortKeyText<M> {
    fn clone(&self) -> Self {
        SortKeyText::new(self.text.clone())
    }
}

impl<M> std::fmt::Debug for SortKeyText<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SortKeyText").field(&self.text).finish()
    }
}

impl<M> ToAttribute for SortKeyText<M> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::S(self.text.clone())))
    }
}

impl<M> FromAttribute for SortKeyText<M> {
    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        String::from_attribute(value).map(SortKeyText::new)
    }

    const EXPECTED: &'static str = "S";
}

impl<M> KeyType for SortKeyText<M> {
    const SCALAR: KeyScalar = KeyScalar::S;
    type Arg<'k> = SortKeyText<M>;
}

impl<M> crate::expr::Ordered for SortKeyText<M> {}

impl<M> crate::expr::BeginsWith for SortKeyText<M> {
    type Prefix = SortKeyText<M>;
}

/// Reads the entity name of an item and checks it is `expected`. Generated code calls this first
/// in `from_item`, so an item of another entity is never read as this one.
#[doc(hidden)]
pub fn check_entity(
    item: &crate::value::Item,
    attribute: &'static str,
    expected: &'static str,
) -> Result<(), ConversionError> {
    match item.get(attribute) {
        Some(AttributeValue::S(found)) if found == expected => Ok(()),
        Some(AttributeValue::S(found)) => Err(ConversionError::custom(format!(
            "the item is a `{found}`, not a `{expected}`"
        ))
        .in_attribute(attribute)),
        Some(other) => {
            Err(ConversionError::wrong_type("S (an entity name)", other).in_attribute(attribute))
        }
        None => Err(ConversionError::custom(format!(
            "the item has no entity name, so it cannot be read as a `{expected}`"
        ))
        .in_attribute(attribute)),
    }
}

/// Reads the entity name of an item, for a collection choosing which member reads it.
#[doc(hidden)]
pub fn entity_of<'i>(item: &'i crate::value::Item, attribute: &str) -> Option<&'i str> {
    match item.get(attribute) {
        Some(AttributeValue::S(name)) => Some(name),
        _ => None,
    }
}

/// An item a collection has no member for, and keeps no `Unknown` variant for: reading it is an
/// error naming the entity it carries, never a silent drop.
#[doc(hidden)]
#[cold]
pub fn unknown_entity(item: &crate::value::Item, attribute: &'static str) -> ConversionError {
    let found = match item.get(attribute) {
        Some(AttributeValue::S(name)) => format!("`{name}`"),
        Some(_) => "a non-string entity name".to_owned(),
        None => "no entity name".to_owned(),
    };
    ConversionError::custom(format!(
        "the item has {found}, which is no member of this collection; add a member for it, or an `#[dynamo(unknown)] Unknown(Item)` variant to keep such items"
    ))
    .in_attribute(attribute)
}

/// The query of a collection named `name`: the whole partition of member `M`'s table, each item
/// read by the collection `C`. Generated code calls this.
#[doc(hidden)]
pub fn collection_query<'a, M, C>(
    db: &'a crate::Db,
    name: &'static str,
    partition: impl crate::model::PartitionValue<M::HashKey>,
) -> crate::ops::Query<'a, M, crate::NoRangeKey, C>
where
    M: Model,
    C: crate::Projection<M>,
{
    M::query(db, partition)
        .whole_partition()
        .retype_range()
        .retype()
        .reading_for(name)
}

/// Whether two members of a collection can share its query, at compile time: same partition
/// shape, different entity names, and neither literal sort-key prefix a prefix of the other.
/// Generated code evaluates this in a constant, so a mistake fails to compile.
#[doc(hidden)]
pub const fn check_collection_pair(
    (first_name, first_shape, first_prefix): (&str, &str, &str),
    (name, shape, prefix): (&str, &str, &str),
) {
    if !const_str_eq(first_shape, shape) {
        panic!(
            "the members of a collection share one partition: their `pk` templates must have the same literal text and part types"
        );
    }
    if const_str_eq(first_name, name) {
        panic!("two members of this collection have the same entity name");
    }
    if const_starts_with(first_prefix, prefix) || const_starts_with(prefix, first_prefix) {
        panic!(
            "one member's literal sort-key prefix is a prefix of another's: a query of one would read the other's items; make the prefixes distinct"
        );
    }
}

/// Whether `text` starts with `prefix`, in a constant.
const fn const_starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if prefix.len() > text.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the entity names of a table's `entities(...)` are distinct, at compile time.
#[doc(hidden)]
pub const fn check_distinct_entities(names: &[&str]) {
    let mut i = 0;
    while i < names.len() {
        let mut j = i + 1;
        while j < names.len() {
            if const_str_eq(names[i], names[j]) {
                panic!(
                    "two entities of this shared table have the same entity name: reading would take one for the other; give each model its own `entity = \"...\"`"
                );
            }
            j += 1;
        }
        i += 1;
    }
}

/// Checks that a stored key is the one the model's template writes from the fields just read.
/// An item written under another template (an earlier version's, or another tool's) would
/// otherwise read fine and then be updated or deleted under a key it does not have.
#[doc(hidden)]
pub fn check_stored_key(
    attribute: &'static str,
    stored: &AttributeValue,
    expected: &str,
) -> Result<(), ConversionError> {
    match stored {
        AttributeValue::S(text) if text == expected => Ok(()),
        AttributeValue::S(text) => Err(ConversionError::custom(format!(
            "the stored key `{text}` is not the `{expected}` the model's template writes from the item's fields: the item was written under another key template; rewrite it under the current one (a move), or read it as an `Item`"
        ))
        .in_attribute(attribute)),
        other => Err(ConversionError::wrong_type("S (a key written from a template)", other).in_attribute(attribute)),
    }
}
