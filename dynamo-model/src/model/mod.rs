//! What a model is: the [`Model`] trait that `#[derive(Model)]` implements (its schema, its
//! conversion to and from items, its keys and typed paths), the reads a model can give
//! ([`Projection`]), and the hooks it may await ([`AsyncHooks`]). What you can do with a model,
//! the operations on its table, are the methods of [`ModelExt`](crate::ModelExt), one layer up.

mod async_hooks;

pub use async_hooks::AsyncHooks;

use crate::behaviour::write::WriteBehaviours;
use crate::behaviour::{Hooks, ValidationErrors};
use crate::schema::Schema;
use crate::value::{ConversionError, Item};

/// A Rust type stored as items of one DynamoDB table: its schema, its conversion to and from
/// items, its keys and its typed attribute paths.
///
/// Derive it: `#[derive(Model)]` writes the conversion to and from items, the key, and the schema
/// from the struct's fields. The operations on the table are the methods of
/// [`ModelExt`](crate::ModelExt), which every model has (in scope through
/// `dynamo_model::prelude`); each returns a builder to set options on, and runs when `.await`ed.
///
/// ```
/// use dynamo_model::prelude::*;
///
/// #[derive(Model, Debug, PartialEq)]
/// #[dynamo(table = "cats")]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     name: String,
///     lives: u8,
///     nickname: Option<String>, // left out of the item when None
/// }
///
/// assert_eq!(Cat::SCHEMA.table, "cats");
/// assert_eq!(Cat::SCHEMA.partition_key.name, "id");
///
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// let mut cat = Cat { id: "c1".into(), name: "Tom".into(), lives: 9, nickname: None };
/// cat.create(db).await?;                          // fails if `c1` exists
/// let read = Cat::get(db, "c1").await?;            // Option<Cat>
/// assert_eq!(read.as_ref(), Some(&cat));
/// Cat::delete(db, "c1").await?;
/// # Ok(()) }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a model",
    label = "not a `#[derive(Model)]` type",
    note = "derive it: `#[derive(Model)]` on a struct with a `#[dynamo(partition_key)]` field"
)]
pub trait Model: Hooks + AsyncHooks + WriteBehaviours + Sized {
    /// How a key is passed to [`get`](crate::ModelExt::get) and
    /// [`delete`](crate::ModelExt::delete): the partition key's argument type (`&str` for a `String`
    /// key, the integer itself for numbers), or a tuple of partition and sort key arguments when the
    /// model has a sort key.
    type Key<'k>: KeyArg<Self>;

    /// The Rust type of the partition key (a [`KeyType`](crate::KeyType)).
    type PartitionKey;

    /// The Rust type of the sort key, or [`NoSortKey`](crate::NoSortKey).
    type SortKey;

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
}

/// What names an item of model `M` by its key: `Cat::get(db, "c1")`, `Line::get(db, ("o1", 2))`.
/// The derive implements it for the model's [`Key`](Model::Key) and, for each `String` part of
/// the key, for `&String` in its place, so that a field can be passed as `&order.id`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a key of `{M}`",
    label = "a key names every key attribute of `{M}`",
    note = "pass the partition key alone for a model without a sort key, and a tuple `(partition, sort)` for a model with one, e.g. `Line::get(db, (\"o1\", 2))`; the forms `{M}` takes are listed below"
)]
pub trait KeyArg<M: Model> {
    /// The key attributes, as DynamoDB expects them in `GetItem` and friends.
    fn key_item(self) -> Result<Item, ConversionError>;
}

/// What a read of model `M` can produce: the model itself, or a struct with some of its fields
/// that `#[derive(Projection)]` made, read from just those attributes.
///
/// ```
/// use dynamo_model::{Model, ModelExt, Projection};
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
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

    /// Whether this is the model itself, read from the whole item (and so upgraded from an
    /// older schema version), rather than some of its attributes as stored.
    #[doc(hidden)]
    const WHOLE: bool = false;

    /// Runs after a read produced the value: the model's
    /// [`after_load`](crate::Hooks::after_load) hook; nothing for a projection.
    #[doc(hidden)]
    fn after_load(&mut self) -> Result<(), crate::behaviour::HookError> {
        Ok(())
    }
}

/// A model reads as itself, from the whole item.
impl<M: Model> Projection<M> for M {
    const WHOLE: bool = true;

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
