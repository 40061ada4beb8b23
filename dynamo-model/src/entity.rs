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
//! #[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Customer, Order))]
//! struct Shop;
//!
//! #[derive(Model)]
//! #[dynamo(table = Shop, entity = "customer", partition_key = "CUSTOMER#{id}", sort_key = "PROFILE")]
//! struct Customer {
//!     id: String,
//!     name: String,
//! }
//!
//! #[derive(Model)]
//! #[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#{placed}#{order_id}")]
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
//!     .sort_key(|sk| {
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

use crate::model::Model;
use crate::schema::{KeyScalar, KeyType, SharedTable};
use crate::value::{ConversionError, FromAttribute, ToAttribute};
use aws_sdk_dynamodb::types::AttributeValue;

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

    /// The start of a sort key of this entity, for `.sort_key(..)` conditions of a query.
    fn sort_key() -> Self::SortKeyStart;
}

/// A sort key written by a template `M` ([`KeyTemplate`](crate::schema::KeyTemplate)): the text of
/// the key, whole or a prefix of it. Made by the typed builder ([`Entity::sort_key`], or an index
/// handle's `sort_key()`), never by hand, so a condition on it always follows the template.
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
    type Arg<'k>
        = SortKeyText<M>
    where
        Self: 'k;

    fn key_arg(&self) -> SortKeyText<M> {
        self.clone()
    }
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
