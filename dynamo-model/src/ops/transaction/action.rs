//! The actions of a write transaction: each built when the transaction is sent, so that a put's
//! model runs its write behaviours then, and what each does once the transaction committed.

use aws_sdk_dynamodb::types::{
    ConditionCheck, Delete as DeleteAction, Put as PutAction, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update as UpdateAction,
};

use super::built;
use crate::error::Error;
use crate::expr::{Condition, Placeholders, Update};
use crate::model::Model;
use crate::ops::prepare;
use crate::value::ConversionError;
use crate::value::Item;

/// What a put's model does once the transaction committed: record the version written, then
/// (after every model has recorded its own) run `after_save`.
pub(super) trait Committed: Send {
    fn record_version(&mut self);
    fn after_save(&self) -> Result<(), Error>;
}

pub(super) type AfterCommit<'a> = Box<dyn Committed + 'a>;

pub(super) struct SavedModel<'a, M> {
    pub(super) model: &'a mut M,
    pub(super) expected: Option<u64>,
}

impl<M: Model + Send> Committed for SavedModel<'_, M> {
    fn record_version(&mut self) {
        if let Some(expected) = self.expected {
            self.model.set_version(expected.saturating_add(1));
        }
    }

    fn after_save(&self) -> Result<(), Error> {
        self.model
            .after_save()
            .map_err(|e| Error::hook::<M>("after_save", e))
    }
}

/// An action of a transaction, built when the transaction is sent, so that a put's model runs
/// its write behaviours then (and only then), and every action sees the transaction's options
/// however late in the chain they were set.
pub(super) trait PendingAction<'a>: Send {
    /// The action as it would be sent for the model as it is now, changing nothing.
    fn preview(&self, return_items: bool) -> Result<TransactWriteItem, Error>;
    /// Runs the behaviours of the action's write and builds the action to send.
    fn prepare(self: Box<Self>, return_items: bool) -> Result<PreparedAction<'a>, Error>;
    /// Makes the action conditional on `condition` too.
    fn add_condition(&mut self, condition: Condition);
    /// The table and key of the item the action touches, when its key could be made.
    fn target(&self) -> Option<(&str, Item)>;
    /// Makes the action conditional on the stored item's version; `Err` says why this action
    /// takes no expected version.
    fn expect_version(&mut self, version: u64) -> Result<(), &'static str>;
}

/// One action, ready to send, with what its model's behaviours need around it.
pub(super) struct PreparedAction<'a> {
    pub(super) item: TransactWriteItem,
    /// The version attribute and the version the stored item must have, for a versioned write.
    pub(super) version: Option<(&'static str, u64)>,
    /// For a `create`: the table and model, whose failed condition with an item there means
    /// the item already exists.
    pub(super) creates: Option<(String, &'static str)>,
    /// For an update of a model with a schema version: the version and the model, whose failed
    /// condition on an item of another version means the item must be upgraded first.
    pub(super) shape: Shape,
    pub(super) after_commit: Option<AfterCommit<'a>>,
}

/// The schema version and name of the model an update action changes, if it has a version.
pub(super) type Shape = Option<(crate::schema::SchemaVersion, &'static str)>;

/// The version attribute and the version the stored item must have, for a versioned write.
pub(super) type ExpectedVersion = Option<(&'static str, u64)>;

/// Renders an action's update and condition, with model `M`'s behaviours: `render::<M>`.
pub(super) type RenderFn =
    fn(Option<&Update>, Option<&Condition>, ExpectedVersion) -> Result<Rendered, Error>;

/// What an action asks for when its condition fails: the stored item when the transaction
/// asks for items, and always for a versioned action, to tell a version conflict apart.
pub(super) fn on_failure(
    return_items: bool,
    version: Option<(&'static str, u64)>,
) -> Option<ReturnValuesOnConditionCheckFailure> {
    (return_items || version.is_some()).then_some(ReturnValuesOnConditionCheckFailure::AllOld)
}

/// The rendered parts of an action's expressions.
pub(super) struct Rendered {
    pub(super) condition: Option<String>,
    pub(super) update: Option<String>,
    pub(super) placeholders: Placeholders,
}

pub(super) fn render<M: Model>(
    update: Option<&Update>,
    condition: Option<&Condition>,
    version: Option<(&'static str, u64)>,
) -> Result<Rendered, Error> {
    let mut placeholders = Placeholders::new();
    let cap = update.and_then(|u| crate::ops::update::version_cap::<M>(u, &mut placeholders));
    // An update changes an existing item; it never invents a partial one.
    let exists =
        update.map(|_| crate::expr::exists_text(M::SCHEMA.partition_key.name, &mut placeholders));
    let update = update
        .map(|u| crate::ops::update::render_update::<M>(u, &mut placeholders))
        .transpose()?;
    let mut condition = crate::ops::write_condition(
        &M::SCHEMA,
        condition,
        version.map(|(_, expected)| expected),
        false,
        &mut placeholders,
    )?;
    // An update changes attributes of the current shape: it applies to an item of the current
    // version only.
    let stamp = M::SCHEMA
        .schema_version
        .filter(|_| update.is_some())
        .map(|versions| {
            crate::behaviour::upgrade::stamp_condition(
                &versions,
                versions.current,
                &mut placeholders,
            )
        });
    for required in [cap, exists, stamp].into_iter().flatten() {
        condition = Some(crate::ops::write::and_text(required, condition));
    }
    Ok(Rendered {
        condition,
        update,
        placeholders,
    })
}

/// A put or create of a model.
pub(super) struct PutPending<'a, M> {
    pub(super) table: String,
    pub(super) model: &'a mut M,
    pub(super) condition: Option<Condition>,
    pub(super) only_if_new: bool,
}

impl<M: Model> PutPending<'_, M> {
    fn action(
        &self,
        prepared: crate::ops::PreparedWrite,
        return_items: bool,
    ) -> Result<(TransactWriteItem, ExpectedVersion), Error> {
        let expected = prepared.expected_version;
        let version = M::SCHEMA.version.zip(expected);
        let mut placeholders = Placeholders::new();
        let condition = crate::ops::write_condition(
            &M::SCHEMA,
            self.condition.as_ref(),
            expected,
            self.only_if_new,
            &mut placeholders,
        )?;
        let put = built(
            PutAction::builder()
                .table_name(self.table.clone())
                .set_item(Some(prepared.item))
                .set_condition_expression(condition)
                .set_expression_attribute_names(placeholders.names())
                .set_expression_attribute_values(placeholders.values())
                // A create asks for the item too: one there means it already exists.
                .set_return_values_on_condition_check_failure(on_failure(
                    return_items || self.only_if_new,
                    version,
                ))
                .build(),
        );
        Ok((TransactWriteItem::builder().put(put).build(), version))
    }
}

impl<'a, M: Model + Send> PendingAction<'a> for PutPending<'a, M> {
    fn preview(&self, return_items: bool) -> Result<TransactWriteItem, Error> {
        let prepared = crate::ops::build_write(&*self.model)?;
        Ok(self.action(prepared, return_items)?.0)
    }

    fn prepare(self: Box<Self>, return_items: bool) -> Result<PreparedAction<'a>, Error> {
        let this = *self;
        let prepared = prepare(this.model, this.only_if_new)?;
        let expected = prepared.expected_version;
        let pending = PutPending {
            table: this.table,
            model: this.model,
            condition: this.condition,
            only_if_new: this.only_if_new,
        };
        let (item, version) = pending.action(prepared, return_items)?;
        let creates = pending
            .only_if_new
            .then(|| (pending.table.clone(), M::SCHEMA.name));
        let model = pending.model;
        Ok(PreparedAction {
            item,
            version,
            creates,
            shape: None,
            after_commit: Some(Box::new(SavedModel { model, expected })),
        })
    }

    fn add_condition(&mut self, condition: Condition) {
        Condition::and_into(&mut self.condition, condition);
    }

    fn target(&self) -> Option<(&str, Item)> {
        let key = self.model.item_key().ok()?;
        Some((self.table.as_str(), key))
    }

    fn expect_version(&mut self, _: u64) -> Result<(), &'static str> {
        Err(
            "`.if_version(..)` follows an update, delete or check: a put is written at the version its model holds",
        )
    }
}

/// An update, delete or condition check of an item by key: no model to change, so what is
/// previewed is what is sent (a delete runs `before_delete` first). The model's type lives on
/// in the two functions made for it.
pub(super) struct KeyedPending {
    pub(super) table: String,
    pub(super) key: Result<Item, ConversionError>,
    pub(super) kind: Keyed,
    pub(super) condition: Option<Condition>,
    /// The model's version attribute, if it has one.
    pub(super) version_attribute: Option<&'static str>,
    /// The version attribute and the version the stored item must have, after
    /// `.if_version(..)`.
    pub(super) version: Option<(&'static str, u64)>,
    pub(super) render: RenderFn,
    pub(super) before_delete: fn(&Item) -> Result<(), Error>,
    /// For an update: the model's schema version, if it has one.
    pub(super) shape: Shape,
}

pub(super) fn before_delete<M: Model>(key: &Item) -> Result<(), Error> {
    M::before_delete(key).map_err(|e| Error::hook::<M>("before_delete", e))
}

pub(super) enum Keyed {
    Update(Update),
    Delete,
    Check,
}

impl KeyedPending {
    fn action(&self, return_items: bool) -> Result<TransactWriteItem, Error> {
        let version = self.version;
        let update = match &self.kind {
            Keyed::Update(update) => Some(update),
            Keyed::Delete | Keyed::Check => None,
        };
        let rendered = (self.render)(update, self.condition.as_ref(), version)?;
        let key = Some(self.key.clone()?);
        let table = self.table.clone();
        let on_failure = on_failure(return_items || self.shape.is_some(), version);
        let names = rendered.placeholders.names();
        let values = rendered.placeholders.values();
        // The three SDK builders share these setters but no trait.
        macro_rules! keyed {
            ($builder:expr) => {
                $builder
                    .table_name(table)
                    .set_key(key)
                    .set_condition_expression(rendered.condition)
                    .set_expression_attribute_names(names)
                    .set_expression_attribute_values(values)
                    .set_return_values_on_condition_check_failure(on_failure)
            };
        }
        let item = TransactWriteItem::builder();
        Ok(match &self.kind {
            Keyed::Update(_) => item.update(built(
                keyed!(UpdateAction::builder())
                    .set_update_expression(rendered.update)
                    .build(),
            )),
            Keyed::Delete => item.delete(built(keyed!(DeleteAction::builder()).build())),
            Keyed::Check => item.condition_check(built(keyed!(ConditionCheck::builder()).build())),
        }
        .build())
    }
}

impl<'a> PendingAction<'a> for KeyedPending {
    fn preview(&self, return_items: bool) -> Result<TransactWriteItem, Error> {
        self.action(return_items)
    }

    fn prepare(self: Box<Self>, return_items: bool) -> Result<PreparedAction<'a>, Error> {
        if let (Keyed::Delete, Ok(key)) = (&self.kind, &self.key) {
            (self.before_delete)(key)?;
        }
        Ok(PreparedAction {
            item: self.action(return_items)?,
            version: self.version,
            creates: None,
            shape: self.shape,
            after_commit: None,
        })
    }

    fn add_condition(&mut self, condition: Condition) {
        Condition::and_into(&mut self.condition, condition);
    }

    fn target(&self) -> Option<(&str, Item)> {
        let key = self.key.as_ref().ok()?.clone();
        Some((self.table.as_str(), key))
    }

    fn expect_version(&mut self, version: u64) -> Result<(), &'static str> {
        self.version = self.version_attribute.map(|attribute| (attribute, version));
        Ok(())
    }
}
