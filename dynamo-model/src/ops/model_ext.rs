//! What you can do with a model: the operations on its table, as methods of every [`Model`].

use crate::db::Db;
use crate::model::{KeyArg, Model};
use crate::ops::relation::{Include, Load, Populate};
use crate::ops::{BatchGet, Delete, Get, Put, Query, Scan, UpdateItem};
use crate::schema::PartitionValue;
use crate::table::Table;

/// The operations on a model's table: `Cat::get(db, key)`, `cat.put(db)`,
/// `Cat::update(db, key)`, `Cat::query(db, partition)`, and the rest below. Every [`Model`] has
/// them; `use dynamo_model::prelude::*` brings them into scope.
///
/// ```
/// use dynamo_model::prelude::*;
///
/// #[derive(Model, Debug, PartialEq)]
/// #[dynamo(table = "cats")]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     lives: u8,
/// }
///
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// let mut tom = Cat { id: "c1".into(), lives: 9 };
/// tom.create(db).await?;
/// let f = Cat::fields();
/// Cat::update(db, "c1").decrement(&f.lives, 1).await?;
/// assert_eq!(Cat::get(db, "c1").await?.map(|cat| cat.lives), Some(8));
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
/// | read | [`get`](ModelExt::get) | |
/// | write the whole item | | [`put`](ModelExt::put), [`create`](ModelExt::create) |
/// | change attributes | [`update`](ModelExt::update) | [`update_item`](ModelExt::update_item) |
/// | delete the item | [`delete`](ModelExt::delete) | [`delete_item`](ModelExt::delete_item) |
///
/// Inside an update, the actions on attributes have names no item operation uses
/// ([`UpdateActions`](crate::expr::UpdateActions)): `set`, `set_if_not_exists`, `increment`,
/// `decrement`, `append`, `prepend`, `add` (DynamoDB's `ADD`), `unset`, `unset_at`, `unset_key`
/// (its `REMOVE`) and `discard` (its `DELETE`, on set elements).
pub trait ModelExt: Model {
    /// Table-level operations: create, delete, describe.
    fn table() -> Table<Self> {
        Table::new()
    }

    /// Reads the item with this key; `.await` gives `Ok(None)` when there is none.
    fn get<'a>(db: &'a Db, key: impl KeyArg<Self>) -> Get<'a, Self> {
        Get::new(db, key.key_item())
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

    /// Changes attributes of this item: [`update`](ModelExt::update) by its key, and for a
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
    fn delete<'a>(db: &'a Db, key: impl KeyArg<Self>) -> Delete<'a, Self> {
        Delete::new(db, key.key_item())
    }

    /// Changes attributes of the item with this key: chain actions (`set`, `add`, `unset`,
    /// ...; see [`UpdateActions`](crate::expr::UpdateActions)) on typed paths, then `.await`
    /// the item as it is afterwards.
    fn update<'a>(db: &'a Db, key: impl KeyArg<Self>) -> UpdateItem<'a, Self> {
        UpdateItem::new(db, key.key_item())
    }

    /// Reads the items with this partition key, optionally narrowed by `.sort_key(..)` and `.filter(..)`.
    fn query<'a>(
        db: &'a Db,
        partition: impl PartitionValue<Self::PartitionKey>,
    ) -> Query<'a, Self, Self::SortKey> {
        let keys = (
            Self::SCHEMA.partition_key.name,
            Self::SCHEMA.sort_key.map(|key| key.name),
        );
        Query::new::<Self::PartitionKey>(db, None, keys, partition)
    }

    /// Reads the items with these keys, in BatchGetItem calls of up to 100 keys.
    fn batch_get<'a, K: KeyArg<Self>>(
        db: &'a Db,
        keys: impl IntoIterator<Item = K>,
    ) -> BatchGet<'a, Self> {
        let keys = keys.into_iter().map(K::key_item).collect();
        BatchGet::new(db, keys)
    }

    /// Reads every item of the table, optionally `.filter(..)`ed.
    fn scan(db: &Db) -> Scan<'_, Self> {
        Scan::new(db, None)
    }

    /// Reads what the relations `include` names for every item (`Order::relations().customer`,
    /// a `.then(..)` of relations, or a tuple of them): referenced items in `BatchGetItem` calls,
    /// each distinct key once; has-many children by one query per parent. `.await` gives each
    /// item paired with what was loaded for it (see [`relation`](crate::relation)).
    fn populate<'a, I: Include<Self>>(
        db: &'a Db,
        items: impl IntoIterator<Item = Self>,
        include: I,
    ) -> Populate<'a, Self, I> {
        Populate::new(db, items.into_iter().collect(), include)
    }

    /// Reads what the relations `include` names for this item: `.await` gives it (a
    /// [`Resolved`](crate::relation::Resolved) item for a reference, the
    /// [`Children`](crate::relation::Children) for a has-many).
    fn load<'a, I: Include<Self>>(&'a self, db: &'a Db, include: I) -> Load<'a, Self, I> {
        Load::new(db, self, include)
    }
}

impl<M: Model> ModelExt for M {}
