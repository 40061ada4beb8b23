//! Write transactions: TransactWriteItems across models and tables, built when sent.

use crate::operation::Operation;
use std::future::IntoFuture;

use aws_sdk_dynamodb::types::{
    ConditionCheck, Delete as DeleteAction, Put as PutAction, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update as UpdateAction,
};
use tracing::Instrument;

use super::{MAX_TRANSACTION_ACTIONS, built};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::CancelReason;
use crate::error::Error;
use crate::expr::{Condition, Placeholders, Update};
use crate::model::Model;
use crate::ops::{OpFuture, finish, prepare, request_span};
use crate::value::ConversionError;
use crate::value::Item;
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;

/// A write transaction: puts, creates, updates, deletes and condition checks across models and
/// tables (at most 100), applied all together or not at all.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::expr::Update;
/// use dynamo_model::ops::Transaction;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Account { #[dynamo(hash_key)] id: String, balance: i64 }
/// let f = Account::fields();
/// Transaction::new(db)
///     .update_if::<Account>("alice", Update::new().decrement(&f.balance, 10), f.balance.ge(10))
///     .update::<Account>("bob", Update::new().increment(&f.balance, 10))
///     .idempotency_token("transfer-42")
///     .await?;
/// # Ok(()) }
/// ```
///
/// If DynamoDB cancels it, `.await` fails with [`Error::TransactionCanceled`], listing a
/// [`CancelReason`] per action in the order they were added.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Transaction<'a> {
    db: &'a Db,
    actions: Vec<Box<dyn PendingAction<'a> + 'a>>,
    token: Option<String>,
    return_items: bool,
    /// Each action's table and model, for the capacity meter.
    models: Vec<(String, &'static str)>,
}

/// What a put's model does once the transaction committed: record the version written, then
/// (after every model has recorded its own) run `after_save`.
trait Committed: Send {
    fn record_version(&mut self);
    fn after_save(&self) -> Result<(), Error>;
}

type AfterCommit<'a> = Box<dyn Committed + 'a>;

struct SavedModel<'a, M> {
    model: &'a mut M,
    expected: Option<u64>,
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
trait PendingAction<'a>: Send {
    /// The action as it would be sent for the model as it is now, changing nothing.
    fn preview(&self, return_items: bool) -> Result<TransactWriteItem, Error>;
    /// Runs the behaviours of the action's write and builds the action to send.
    fn prepare(self: Box<Self>, return_items: bool) -> Result<PreparedAction<'a>, Error>;
}

/// One action, ready to send, with what its model's behaviours need around it.
struct PreparedAction<'a> {
    item: TransactWriteItem,
    /// The version attribute and the version the stored item must have, for a versioned write.
    version: Option<(&'static str, u64)>,
    after_commit: Option<AfterCommit<'a>>,
}

/// The version attribute and the version the stored item must have, for a versioned write.
type ExpectedVersion = Option<(&'static str, u64)>;

/// Renders an action's update and condition, with model `M`'s behaviours: `render::<M>`.
type RenderFn = fn(Option<&Update>, Option<&Condition>, ExpectedVersion) -> Result<Rendered, Error>;

/// What an action asks for when its condition fails: the stored item when the transaction
/// asks for items, and always for a versioned action, to tell a version conflict apart.
fn on_failure(
    return_items: bool,
    version: Option<(&'static str, u64)>,
) -> Option<ReturnValuesOnConditionCheckFailure> {
    (return_items || version.is_some()).then_some(ReturnValuesOnConditionCheckFailure::AllOld)
}

/// The rendered parts of an action's expressions.
struct Rendered {
    condition: Option<String>,
    update: Option<String>,
    placeholders: Placeholders,
}

fn render<M: Model>(
    update: Option<&Update>,
    condition: Option<&Condition>,
    version: Option<(&'static str, u64)>,
) -> Result<Rendered, Error> {
    let mut placeholders = Placeholders::new();
    let cap = update.and_then(|u| crate::ops::update::version_cap::<M>(u, &mut placeholders));
    // An update changes an existing item; it never invents a partial one.
    let exists =
        update.map(|_| crate::expr::exists_text(M::SCHEMA.hash_key.name, &mut placeholders));
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
    for required in [cap, exists].into_iter().flatten() {
        condition = Some(crate::ops::write::and_text(required, condition));
    }
    Ok(Rendered {
        condition,
        update,
        placeholders,
    })
}

/// A put or create of a model.
struct PutPending<'a, M> {
    table: String,
    model: &'a mut M,
    condition: Option<Condition>,
    only_if_new: bool,
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
                .set_return_values_on_condition_check_failure(on_failure(return_items, version))
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
        let model = pending.model;
        Ok(PreparedAction {
            item,
            version,
            after_commit: Some(Box::new(SavedModel { model, expected })),
        })
    }
}

/// An update, delete or condition check of an item by key: no model to change, so what is
/// previewed is what is sent (a delete runs `before_delete` first). The model's type lives on
/// in the two functions made for it.
struct KeyedPending {
    table: String,
    key: Result<Item, ConversionError>,
    kind: Keyed,
    condition: Option<Condition>,
    /// The version attribute and the version the stored item must have, for `*_at_version`.
    version: Option<(&'static str, u64)>,
    render: RenderFn,
    before_delete: fn(&Item) -> Result<(), Error>,
}

fn before_delete<M: Model>(key: &Item) -> Result<(), Error> {
    M::before_delete(key).map_err(|e| Error::hook::<M>("before_delete", e))
}

enum Keyed {
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
        let on_failure = on_failure(return_items, version);
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
            after_commit: None,
        })
    }
}

impl<'a> Transaction<'a> {
    /// An empty transaction on `db`.
    pub fn new(db: &'a Db) -> Self {
        Transaction {
            db,
            actions: Vec::new(),
            token: None,
            return_items: false,
            models: Vec::new(),
        }
    }

    fn put_action<M: Model + Send>(
        mut self,
        model: &'a mut M,
        condition: Option<Condition>,
        only_if_new: bool,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        self.models.push((table.clone(), M::SCHEMA.name));
        self.actions.push(Box::new(PutPending {
            table,
            model,
            condition,
            only_if_new,
        }));
        self
    }

    fn keyed<M: Model>(
        mut self,
        key: M::Key<'_>,
        kind: Keyed,
        condition: Option<Condition>,
        expected: Option<u64>,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        self.models.push((table.clone(), M::SCHEMA.name));
        self.actions.push(Box::new(KeyedPending {
            table,
            key: M::key_item(key),
            kind,
            condition,
            version: M::SCHEMA.version.zip(expected),
            render: render::<M>,
            before_delete: before_delete::<M>,
        }));
        self
    }

    /// Writes `model`, replacing any item with its key. The model's write behaviours
    /// (`before_save`, timestamps, validation) run when the transaction is sent, and an error
    /// there stops it before anything is sent; a versioned model is written only at the
    /// version it holds, and holds the new one once the transaction committed.
    pub fn put<M: Model + Send>(self, model: &'a mut M) -> Self {
        self.put_action(model, None, false)
    }

    /// Writes `model` if `condition` holds for the stored item.
    pub fn put_if<M: Model + Send>(self, model: &'a mut M, condition: Condition) -> Self {
        self.put_action(model, Some(condition), false)
    }

    /// Writes `model` only if no item has its key.
    pub fn create<M: Model + Send>(self, model: &'a mut M) -> Self {
        self.put_action(model, None, true)
    }

    /// Applies `update` to the item of model `M` with this key, with the model's update
    /// behaviours (validation of the values set, timestamps, version bump).
    ///
    /// Like [`ModelExt::update`](crate::ModelExt::update), it changes an existing item only: with no item with the key, the
    /// action's [`CancelReason`] is a failed condition with no item. Put the whole model to
    /// create or replace one.
    pub fn update<M: Model>(self, key: M::Key<'_>, update: Update) -> Self {
        self.keyed::<M>(key, Keyed::Update(update), None, None)
    }

    /// Applies `update` if `condition` holds.
    pub fn update_if<M: Model>(
        self,
        key: M::Key<'_>,
        update: Update,
        condition: Condition,
    ) -> Self {
        self.keyed::<M>(key, Keyed::Update(update), Some(condition), None)
    }

    /// Applies `update` if the stored item has `#[dynamo(version)]` `version`; otherwise the
    /// action's [`CancelReason`] is [`CancelReason::VersionConflict`].
    pub fn update_at_version<M: Model>(
        self,
        key: M::Key<'_>,
        version: u64,
        update: Update,
    ) -> Self {
        let expected = M::SCHEMA.version.map(|_| version);
        self.keyed::<M>(key, Keyed::Update(update), None, expected)
    }

    /// Deletes the item of model `M` with this key. The model's `before_delete` hook runs when
    /// the transaction is sent.
    pub fn delete<M: Model>(self, key: M::Key<'_>) -> Self {
        self.keyed::<M>(key, Keyed::Delete, None, None)
    }

    /// Deletes the item if `condition` holds.
    pub fn delete_if<M: Model>(self, key: M::Key<'_>, condition: Condition) -> Self {
        self.keyed::<M>(key, Keyed::Delete, Some(condition), None)
    }

    /// Deletes the item if it has `#[dynamo(version)]` `version`; otherwise the action's
    /// [`CancelReason`] is [`CancelReason::VersionConflict`].
    pub fn delete_at_version<M: Model>(self, key: M::Key<'_>, version: u64) -> Self {
        let expected = M::SCHEMA.version.map(|_| version);
        self.keyed::<M>(key, Keyed::Delete, None, expected)
    }

    /// Writes nothing, but cancels the transaction unless `condition` holds for the item of
    /// model `M` with this key.
    pub fn check<M: Model>(self, key: M::Key<'_>, condition: Condition) -> Self {
        self.keyed::<M>(key, Keyed::Check, Some(condition), None)
    }

    /// Makes retries safe: DynamoDB runs a transaction with the same token (and the same
    /// actions) at most once within 10 minutes.
    pub fn idempotency_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// For every action of the transaction, wherever this is called in the chain: when a
    /// condition fails, the reason carries the item as it was.
    pub fn return_items_on_condition_failure(mut self) -> Self {
        self.return_items = true;
        self
    }

    /// The actions this transaction sends, without sending them. It changes nothing: a put
    /// shows its model as it is now, before the `before_save` hook and the timestamps that run
    /// when the transaction is sent.
    pub fn requests(&self) -> Result<Vec<TransactWriteItem>, Error> {
        self.actions
            .iter()
            .map(|action| action.preview(self.return_items))
            .collect()
    }

    async fn run(self) -> Result<(), Error> {
        if self.actions.is_empty() {
            return Ok(());
        }
        if self.actions.len() > MAX_TRANSACTION_ACTIONS {
            return Err(Error::TooManyActions {
                actions: self.actions.len(),
                limit: MAX_TRANSACTION_ACTIONS,
            });
        }
        let return_items = self.return_items;
        let (actions, behaviours): (Vec<_>, Vec<_>) = self
            .actions
            .into_iter()
            .map(|action| action.prepare(return_items))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|a| (a.item, (a.version, a.after_commit)))
            .unzip();
        let pairs: Vec<(&str, &'static str)> =
            self.models.iter().map(|(t, m)| (t.as_str(), *m)).collect();
        let models = Models::PerItem(&pairs);
        let span = request_span(Operation::TransactWriteItems, models, "(transaction)", None);
        let count = actions.len();
        let request = self
            .db
            .client()
            .transact_write_items()
            .set_transact_items(Some(actions))
            .set_client_request_token(self.token)
            .set_return_consumed_capacity(self.db.return_capacity())
            .send()
            .instrument(span.clone());
        let (result, attempts) = crate::db::watch(request).await;
        match result {
            Ok(output) => {
                finish(
                    self.db,
                    &span,
                    Operation::TransactWriteItems,
                    models,
                    count,
                    output.consumed_capacity(),
                );
                committed(behaviours.into_iter().filter_map(|(_, c)| c).collect())
            }
            Err(e) => {
                let versions: Vec<_> = behaviours.iter().map(|(version, _)| *version).collect();
                Err(canceled(e, &versions, attempts))
            }
        }
    }
}

/// After a commit: every model holds its new version before any `after_save` runs, and every
/// hook runs, one failing not keeping the others from theirs.
fn committed(mut models: Vec<AfterCommit<'_>>) -> Result<(), Error> {
    for model in &mut models {
        model.record_version();
    }
    let errors: Vec<Error> = models
        .iter()
        .filter_map(|model| model.after_save().err())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::AfterWrite { errors })
    }
}

/// The error of a transaction that failed: cancelled, with each action's reason told apart by
/// the version the action expected, or the SDK's error.
fn canceled(
    error: aws_sdk_dynamodb::error::SdkError<TransactWriteItemsError, HttpResponse>,
    versions: &[Option<(&'static str, u64)>],
    attempts: crate::db::Attempts,
) -> Error {
    match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
            let reasons = canceled
                .cancellation_reasons()
                .iter()
                .zip(versions)
                .map(|(reason, version)| CancelReason::from_sdk(reason, *version))
                .collect();
            Error::TransactionCanceled { reasons }
        }
        _ => Error::sdk(
            Operation::TransactWriteItems,
            "(transaction)",
            error,
            attempts,
        ),
    }
}

impl<'a> IntoFuture for Transaction<'a> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
