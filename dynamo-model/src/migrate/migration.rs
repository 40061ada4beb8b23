//! What a migration does to each item of one model: [`Migration`], and the ordered list of
//! them with the maintenance migrations run on demand, [`Migrations`].

use std::sync::Arc;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::model::Model;
use crate::ops::upgrade::Guard;
use crate::schema::Schema;
use crate::value::Item;

/// The attribute holding the ids of the transforms applied to an item (a string set), so that
/// a resumed or repeated run applies each transform to each item once.
pub const APPLIED_ATTRIBUTE: &str = "_mg";

/// What a migration makes of one stored item.
pub(crate) enum Outcome {
    /// The item is as the migration leaves it already.
    Done,
    /// The item becomes `item`, written only if `guard` still holds of the stored one.
    Replace { item: Item, guard: Guard },
}

/// The change a migration makes to one item, or why it cannot. The second argument is what a
/// transform records in [`APPLIED_ATTRIBUTE`]: the migration's id, or for a maintenance run
/// `<name>@<start>`, so that each run applies it once.
pub(crate) type ChangeFn = dyn Fn(&Item, &str) -> Result<Outcome, String> + Send + Sync;

/// One migration: a named change to every item of one model (or one entity of a shared table).
///
/// - [`upgrade`](Migration::upgrade): every item to the model's current schema version, through
///   its chain of old shapes; an item whose key template changed moves (a delete and a put in one
///   transaction).
/// - [`rewrite`](Migration::rewrite): every item whose stored form differs from what the model
///   writes now: index key attributes of a new index written from their templates, attributes read
///   under an `alias` stored under their name, defaults filled.
/// - [`transform`](Migration::transform): a function of yours on each item, applied once per item
///   ([`APPLIED_ATTRIBUTE`] records it); [`reversible`](Migration::reversible) adds its reverse.
///
/// Every change is written on the condition that the stored item is still as read, so an
/// application write made meanwhile is never overwritten: the item is read again and migrated
/// from what it holds now.
#[derive(Clone)]
pub struct Migration {
    pub(crate) id: String,
    pub(crate) schema: Schema,
    pub(crate) kind: &'static str,
    pub(crate) up: Arc<ChangeFn>,
    pub(crate) down: Option<Arc<ChangeFn>>,
}

impl std::fmt::Debug for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migration")
            .field("id", &self.id)
            .field("model", &self.schema.name)
            .field("kind", &self.kind)
            .field("reversible", &self.down.is_some())
            .finish()
    }
}

impl Migration {
    /// Upgrades every item of `M` to its current schema version (`#[dynamo(schema_version)]`),
    /// writing each older item back in the current shape on the condition that its stamp is
    /// unchanged. An item already at the current version is left alone, so a repeated or
    /// resumed run changes each item once.
    pub fn upgrade<M: Model>(id: impl Into<String>) -> Self {
        let up = |stored: &Item, _: &str| -> Result<Outcome, String> {
            let Some(versions) = M::SCHEMA.schema_version else {
                return Ok(Outcome::Done);
            };
            let version = versions.of(stored).map_err(|e| e.to_string())?;
            if version == versions.current {
                return Ok(Outcome::Done);
            }
            let model = M::from_item(stored.clone()).map_err(|e| e.to_string())?;
            let item = keep_applied(stored, model.to_item().map_err(|e| e.to_string())?);
            Ok(Outcome::Replace {
                item,
                guard: Guard::Stamp(versions, version),
            })
        };
        Migration::new::<M>(id, "upgrade", Arc::new(up), None)
    }

    /// Rewrites every item of `M` whose stored form is not what the model writes now: how a new
    /// index's key attributes (written from templates) reach the items stored before it, and
    /// how attributes read under an `alias` move to their name. Items already as the model
    /// writes them are left alone.
    pub fn rewrite<M: Model>(id: impl Into<String>) -> Self {
        let up = |stored: &Item, _: &str| -> Result<Outcome, String> {
            let model = M::from_item(stored.clone()).map_err(|e| e.to_string())?;
            let item = keep_applied(stored, model.to_item().map_err(|e| e.to_string())?);
            if &item == stored {
                return Ok(Outcome::Done);
            }
            Ok(Outcome::Replace {
                item,
                guard: Guard::AsRead,
            })
        };
        Migration::new::<M>(id, "rewrite", Arc::new(up), None)
    }

    /// Applies `change` to every item of `M` once: the item is read as `M` (older shapes
    /// upgraded), changed, and written with `id` added to its [`APPLIED_ATTRIBUTE`], so a
    /// resumed or repeated run skips it. An `Err` from `change` puts the item in the run's
    /// ledger of failures, with the message, and the run carries on.
    ///
    /// A `put` of the item by the application (which writes the model's attributes only) drops
    /// the record; for a change that must never apply twice, bump the schema version instead
    /// and make the change the upgrade.
    pub fn transform<M, F>(id: impl Into<String>, change: F) -> Self
    where
        M: Model,
        F: Fn(&mut M) -> Result<(), String> + Send + Sync + 'static,
    {
        let up = applying::<M, F>(change, true);
        Migration::new::<M>(id, "transform", up, None)
    }

    /// [`transform`](Migration::transform) with its reverse: running the migration down applies
    /// `reverse` to every item the transform was applied to, and takes `id` out of its record.
    pub fn reversible<M, F, R>(id: impl Into<String>, change: F, reverse: R) -> Self
    where
        M: Model,
        F: Fn(&mut M) -> Result<(), String> + Send + Sync + 'static,
        R: Fn(&mut M) -> Result<(), String> + Send + Sync + 'static,
    {
        let up = applying::<M, F>(change, true);
        let down = applying::<M, R>(reverse, false);
        Migration::new::<M>(id, "transform", up, Some(down))
    }

    fn new<M: Model>(
        id: impl Into<String>,
        kind: &'static str,
        up: Arc<ChangeFn>,
        down: Option<Arc<ChangeFn>>,
    ) -> Self {
        Migration {
            id: id.into(),
            schema: M::SCHEMA,
            kind,
            up,
            down,
        }
    }

    /// The migration's id: what its history and checkpoints are kept under.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The model it migrates, by its Rust type name.
    pub fn model(&self) -> &'static str {
        self.schema.name
    }

    /// `upgrade`, `rewrite` or `transform`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Whether it can be run down.
    pub fn is_reversible(&self) -> bool {
        self.down.is_some()
    }
}

/// The change of a transform (`forward`) or of its reverse, recorded in [`APPLIED_ATTRIBUTE`]
/// under the mark the run gives.
fn applying<M, F>(change: F, forward: bool) -> Arc<ChangeFn>
where
    M: Model,
    F: Fn(&mut M) -> Result<(), String> + Send + Sync + 'static,
{
    Arc::new(
        move |stored: &Item, mark: &str| -> Result<Outcome, String> {
            let mut applied = applied(stored);
            if applied.iter().any(|done| done == mark) == forward {
                return Ok(Outcome::Done);
            }
            let mut model = M::from_item(stored.clone()).map_err(|e| e.to_string())?;
            change(&mut model)?;
            let mut item = model.to_item().map_err(|e| e.to_string())?;
            if forward {
                // An earlier run of the same maintenance migration is superseded by this one.
                if let Some((name, _)) = mark.split_once('@') {
                    let earlier = format!("{name}@");
                    applied.retain(|done| !done.starts_with(&earlier));
                }
                applied.push(mark.to_owned());
            } else {
                applied.retain(|done| done != mark);
            }
            if !applied.is_empty() {
                item.insert(APPLIED_ATTRIBUTE.to_owned(), AttributeValue::Ss(applied));
            }
            Ok(Outcome::Replace {
                item,
                guard: Guard::AsRead,
            })
        },
    )
}

/// The ids of the transforms applied to `item`.
fn applied(item: &Item) -> Vec<String> {
    match item.get(APPLIED_ATTRIBUTE) {
        Some(AttributeValue::Ss(ids)) => ids.clone(),
        _ => Vec::new(),
    }
}

/// `item` with the record of applied transforms `stored` had.
fn keep_applied(stored: &Item, mut item: Item) -> Item {
    if let Some(applied) = stored.get(APPLIED_ATTRIBUTE) {
        item.insert(APPLIED_ATTRIBUTE.to_owned(), applied.clone());
    }
    item
}

/// The migrations of an application: an ordered list, run in order, each once; and
/// maintenance migrations, run by name when asked. Each is kept in the history under its id.
///
/// ```
/// use dynamo_model::migrate::{Migration, Migrations};
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] #[dynamo(table = "orders")]
/// # struct Order { #[dynamo(partition_key)] id: String, total: u64 }
///
/// let migrations = Migrations::new()
///     .migration(Migration::upgrade::<Order>("2026-12-01 orders to version 3"))
///     .migration(Migration::rewrite::<Order>("2026-12-02 orders by customer"))
///     .maintenance(Migration::transform::<Order, _>("recount totals", |order| {
///         order.total = order.total.max(0);
///         Ok(())
///     }));
/// assert_eq!(migrations.ids(), ["2026-12-01 orders to version 3", "2026-12-02 orders by customer"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Migrations {
    pub(crate) ordered: Vec<Migration>,
    pub(crate) maintenance: Vec<Migration>,
}

impl Migrations {
    /// No migrations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `migration` after the others: it runs once every earlier one is done.
    pub fn migration(mut self, migration: Migration) -> Self {
        self.ordered.push(migration);
        self
    }

    /// Adds a maintenance migration: run on demand by name, as often as asked, never by
    /// [`Runner::run`](super::Runner::run).
    pub fn maintenance(mut self, migration: Migration) -> Self {
        self.maintenance.push(migration);
        self
    }

    /// The ids of the ordered migrations, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.ordered.iter().map(Migration::id).collect()
    }

    /// The migration with this id, ordered or maintenance.
    pub fn get(&self, id: &str) -> Option<&Migration> {
        self.ordered
            .iter()
            .chain(&self.maintenance)
            .find(|m| m.id == id)
    }

    /// An id given twice, or an empty one: what makes the list unusable.
    pub(crate) fn mistake(&self) -> Option<String> {
        let all: Vec<&str> = self
            .ordered
            .iter()
            .chain(&self.maintenance)
            .map(Migration::id)
            .collect();
        if all.iter().any(|id| id.is_empty()) {
            return Some("a migration has an empty id".to_owned());
        }
        let twice = all
            .iter()
            .enumerate()
            .find(|(i, id)| all[..*i].contains(id))?;
        Some(format!("two migrations have the id `{}`", twice.1))
    }
}
