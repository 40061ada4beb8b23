//! `Ref<T>`: a field holding the key of an item of model `T`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::db::Db;
use crate::model::Model;
use crate::ops::Get;
use crate::schema::{KeyAttribute, KeyScalar};
use crate::value::{ConversionError, FromAttribute, Item, ToAttribute};

/// A reference to an item of model `T`: the item's key, stored in the referring item.
///
/// A field of type `Ref<T>`, `Option<Ref<T>>` or `Vec<Ref<T>>` is a relation of its model:
/// `Order::relations().customer` names it, and a populate reads the referenced items in
/// `BatchGetItem` calls, each key once (see [`relation`](crate::relation)). The referenced model
/// may be in another table, in the same shared table, or be the model itself.
///
/// **Stored as** a map of the referenced model's key attributes, as they are stored in its
/// table: `{"id": {"S": "c1"}}` for a model keyed by `id`, `{"pk": {"S": "CUSTOMER#alice"},
/// "sk": {"S": "PROFILE"}}` for an entity of a shared table. Any client can read it and pass it to
/// `GetItem` as the key. For a model with a partition key only,
/// `#[dynamo(with = dynamo_model::relation::as_value)]` stores the key's value alone (`{"S":
/// "c1"}`), which can then also be an index key.
///
/// ```
/// use dynamo_model::prelude::*;
/// use dynamo_model::Ref;
///
/// #[derive(Model, Clone)]
/// #[dynamo(table = "customers")]
/// struct Customer {
///     #[dynamo(partition_key)]
///     id: String,
///     name: String,
/// }
///
/// #[derive(Model)]
/// #[dynamo(table = "orders")]
/// struct Order {
///     #[dynamo(partition_key)]
///     id: String,
///     customer: Ref<Customer>,
/// }
///
/// # fn main() -> Result<(), dynamo_model::ConversionError> {
/// let order = Order { id: "o1".into(), customer: Ref::to_key("c1")? };
/// let item = order.to_item()?;
/// assert_eq!(
///     item["customer"],
///     dynamo_model::AttributeValue::M([("id".to_owned(), dynamo_model::AttributeValue::S("c1".into()))].into()),
/// );
/// # Ok(()) }
/// ```
pub struct Ref<T: Model> {
    key: Item,
    model: PhantomData<fn() -> T>,
}

impl<T: Model> Ref<T> {
    /// A reference to this item, by its key.
    pub fn to(item: &T) -> Result<Self, ConversionError> {
        Ok(Ref::from_checked(item.item_key()?))
    }

    /// A reference to the item with this key, given as [`get`](crate::ModelExt::get) takes it
    /// (the partition key, or a tuple of partition and sort key).
    pub fn to_key(key: impl crate::model::KeyArg<T>) -> Result<Self, ConversionError> {
        Ok(Ref::from_checked(key.key_item()?))
    }

    /// A reference holding `key`, the key attributes as stored in `T`'s table; refused when an
    /// attribute is missing, of the wrong type, or not a key attribute of `T`.
    pub fn from_key_item(key: Item) -> Result<Self, ConversionError> {
        check_key(&key, &key_attributes(&T::SCHEMA))?;
        Ok(Ref::from_checked(key))
    }

    /// Reads the referenced item: one `GetItem`. `.await` gives `Ok(None)` when it is missing.
    /// To read the items of many references in few requests, populate them
    /// ([`ModelExt::populate`](crate::ModelExt::populate)).
    pub fn get<'a>(&self, db: &'a Db) -> Get<'a, T> {
        Get::new(db, Ok(self.key.clone()))
    }

    /// Whether `item` is the referenced item (has its key).
    pub fn is(&self, item: &T) -> bool {
        item.item_key().is_ok_and(|key| key == self.key)
    }
}

impl<T: Model> Ref<T> {
    fn from_checked(key: Item) -> Self {
        Ref {
            key,
            model: PhantomData,
        }
    }

    /// The key attributes, as stored in the referenced model's table.
    pub fn key(&self) -> &Item {
        &self.key
    }

    /// The key attributes, as stored in the referenced model's table.
    pub fn into_key(self) -> Item {
        self.key
    }
}

/// The key attributes of a model's table.
pub(crate) fn key_attributes(schema: &crate::schema::Schema) -> Vec<KeyAttribute> {
    std::iter::once(schema.partition_key)
        .chain(schema.sort_key)
        .collect()
}

/// Checks that `key` holds exactly these key attributes, each of its scalar type.
fn check_key(key: &Item, attributes: &[KeyAttribute]) -> Result<(), ConversionError> {
    for attribute in attributes {
        let value = key.get(attribute.name).ok_or_else(|| {
            ConversionError::missing(scalar_name(attribute.scalar)).at_path(attribute.name)
        })?;
        let right = matches!(
            (attribute.scalar, value),
            (KeyScalar::S, AttributeValue::S(_))
                | (KeyScalar::N, AttributeValue::N(_))
                | (KeyScalar::B, AttributeValue::B(_))
        );
        if !right {
            return Err(
                ConversionError::wrong_type(scalar_name(attribute.scalar), value)
                    .at_path(attribute.name),
            );
        }
    }
    if let Some(other) = key
        .keys()
        .find(|name| !attributes.iter().any(|a| a.name == name.as_str()))
    {
        let names: Vec<&str> = attributes.iter().map(|a| a.name).collect();
        return Err(ConversionError::custom(format!(
            "a reference holds only the key attributes of the referenced model ({}), not `{other}`",
            names.join(", ")
        )));
    }
    Ok(())
}

fn scalar_name(scalar: KeyScalar) -> &'static str {
    match scalar {
        KeyScalar::S => "S",
        KeyScalar::N => "N",
        KeyScalar::B => "B",
    }
}

impl<T: Model> ToAttribute for Ref<T> {
    fn to_attribute(&self) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::M(self.key.clone())))
    }
}

impl<T: Model> FromAttribute for Ref<T> {
    const EXPECTED: &'static str = "M (the referenced item's key)";

    fn from_attribute(value: AttributeValue) -> Result<Self, ConversionError> {
        match value {
            AttributeValue::M(key) => Ref::from_key_item(key),
            other => Err(ConversionError::wrong_type(Self::EXPECTED, &other)),
        }
    }
}

/// A reference is compared and set whole in expressions: its path is a leaf.
impl<T: Model> crate::expr::Navigable for Ref<T> {
    type Handle<W> = crate::expr::Path<W>;

    fn handle<W>(path: crate::expr::Path<W>) -> crate::expr::Path<W> {
        path
    }
}

impl<T: Model> Clone for Ref<T> {
    fn clone(&self) -> Self {
        Ref::from_checked(self.key.clone())
    }
}

impl<T: Model> PartialEq for Ref<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<T: Model> Eq for Ref<T> {}

impl<T: Model> Hash for Ref<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        crate::ops::key_fingerprint(&self.key).hash(state);
    }
}

impl<T: Model> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key: Vec<(&String, &AttributeValue)> = self.key.iter().collect();
        key.sort_by(|a, b| a.0.cmp(b.0));
        f.debug_struct("Ref")
            .field("model", &std::any::type_name::<T>())
            .field("key", &key)
            .finish()
    }
}

/// Implemented by the models whose key is a partition key alone, whose references
/// [`as_value`] can store as the key's value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has a sort key: a reference to it is stored as a map of its key attributes",
    label = "`as_value` stores the partition key's value alone, and this model's key has two attributes",
    note = "leave out `with = dynamo_model::relation::as_value`: `Ref<{Self}>` is stored as a map of both key attributes"
)]
pub trait PartitionKeyOnly: Model {}

/// Stores a [`Ref`] to a model keyed by a partition key alone as that key's value (S, N or B)
/// rather than as a map: `#[dynamo(with = dynamo_model::relation::as_value)]`. Such an attribute
/// can be an index's key, and reads as other clients store a foreign key.
pub mod as_value {
    use super::*;

    /// Writes the reference as the referenced item's partition key value.
    pub fn to_attribute<T: PartitionKeyOnly>(
        value: &Ref<T>,
    ) -> Result<Option<AttributeValue>, ConversionError> {
        let name = T::SCHEMA.partition_key.name;
        match value.key.get(name) {
            Some(key) if value.key.len() == 1 => Ok(Some(key.clone())),
            _ => Err(ConversionError::custom(format!(
                "a reference stored as a value holds the partition key `{name}` alone"
            ))),
        }
    }

    /// Reads a reference from the referenced item's partition key value. (Its model's key is
    /// a partition key alone: [`to_attribute`] requires it.)
    pub fn from_attribute<T: Model>(
        value: Option<AttributeValue>,
    ) -> Result<Ref<T>, ConversionError> {
        let key = T::SCHEMA.partition_key;
        if let Some(sort) = T::SCHEMA.sort_key {
            return Err(ConversionError::custom(format!(
                "a reference stored as a value names a model keyed by its partition key alone; `{}` also has the sort key `{}`",
                T::SCHEMA.name,
                sort.name
            )));
        }
        let value = value.ok_or_else(|| ConversionError::missing(scalar_name(key.scalar)))?;
        Ref::from_key_item(Item::from([(key.name.to_owned(), value)]))
    }
}
