//! Write transactions: TransactWriteItems across models and tables, built when sent.

use crate::operation::Operation;
use std::future::IntoFuture;

use aws_sdk_dynamodb::types::TransactWriteItem;
use tracing::Instrument;

use super::MAX_TRANSACTION_ACTIONS;
use super::action::*;
use crate::capacity::Models;
use crate::db::Db;
use crate::error::CancelReason;
use crate::error::Error;
use crate::expr::{Condition, Update};
use crate::model::Model;
use crate::ops::{OpFuture, finish, request_span};
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
/// # #[derive(Model)] struct Account { #[dynamo(partition_key)] id: String, balance: i64 }
/// let f = Account::fields();
/// Transaction::new(db)
///     .update::<Account>("alice", Update::new().decrement(&f.balance, 10))
///     .condition(f.balance.ge(10))
///     .update::<Account>("bob", Update::new().increment(&f.balance, 10))
///     .idempotency_token("transfer-42")
///     .await?;
/// # Ok(()) }
/// ```
///
/// An action is made conditional as a single write is: `.condition(..)` and `.if_version(..)`
/// right after it apply to it. If DynamoDB cancels the transaction, `.await` fails with
/// [`Error::TransactionCanceled`], listing a [`CancelReason`] per action in the order they were
/// added.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Transaction<'a> {
    db: &'a Db,
    actions: Vec<Box<dyn PendingAction<'a> + 'a>>,
    token: Option<String>,
    return_items: bool,
    /// Each action's table and model, for the capacity meter.
    models: Vec<(String, &'static str)>,
    /// The first misplaced option, refused when the transaction is sent.
    misuse: Option<String>,
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
            misuse: None,
        }
    }

    fn put_action<M: Model + Send>(mut self, model: &'a mut M, only_if_new: bool) -> Self {
        let what = if only_if_new { "a create" } else { "a put" };
        self.refuse_unique(crate::ops::unique::refuse_in_transaction(&M::SCHEMA, what));
        let table = self.db.table_name_of::<M>();
        self.models.push((table.clone(), M::SCHEMA.name));
        self.actions.push(Box::new(PutPending {
            table,
            model,
            condition: None,
            only_if_new,
        }));
        self
    }

    fn keyed<M: Model>(
        mut self,
        key: impl crate::model::KeyArg<M>,
        kind: Keyed,
        condition: Option<Condition>,
    ) -> Self {
        let refused = match &kind {
            Keyed::Update(update) if M::SCHEMA.uniques.iter().any(|a| update.touches(a)) => {
                crate::ops::unique::refuse_in_transaction(
                    &M::SCHEMA,
                    "an update of a unique attribute",
                )
            }
            Keyed::Delete => crate::ops::unique::refuse_in_transaction(&M::SCHEMA, "a delete"),
            _ => Ok(()),
        };
        self.refuse_unique(refused);
        let table = self.db.table_name_of::<M>();
        self.models.push((table.clone(), M::SCHEMA.name));
        let shape = match &kind {
            Keyed::Update(_) => M::SCHEMA.schema_version.map(|v| (v, M::SCHEMA.name)),
            Keyed::Delete | Keyed::Check => None,
        };
        self.actions.push(Box::new(KeyedPending {
            table,
            key: key.key_item(),
            shape,
            kind,
            condition,
            version_attribute: M::SCHEMA.version,
            version: None,
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
        self.put_action(model, false)
    }

    /// Writes `model` only if no item has its key.
    pub fn create<M: Model + Send>(self, model: &'a mut M) -> Self {
        self.put_action(model, true)
    }

    /// Applies `update` to the item of model `M` with this key, with the model's update
    /// behaviours (validation of the values set, timestamps, version bump).
    ///
    /// Like [`ModelExt::update`](crate::ModelExt::update), it changes an existing item only: with
    /// no item with the key, the action's [`CancelReason`] is a failed condition with no item. Put
    /// the whole model to create or replace one.
    pub fn update<M: Model>(self, key: impl crate::model::KeyArg<M>, update: Update) -> Self {
        self.keyed::<M>(key, Keyed::Update(update), None)
    }

    /// Deletes the item of model `M` with this key. The model's `before_delete` hook runs when
    /// the transaction is sent.
    pub fn delete<M: Model>(self, key: impl crate::model::KeyArg<M>) -> Self {
        self.keyed::<M>(key, Keyed::Delete, None)
    }

    /// Writes nothing, but cancels the transaction unless `condition` holds for the item of
    /// model `M` with this key.
    pub fn check<M: Model>(self, key: impl crate::model::KeyArg<M>, condition: Condition) -> Self {
        self.keyed::<M>(key, Keyed::Check, Some(condition))
    }

    /// Makes the action just added conditional: it is applied only if `condition` holds for
    /// the stored item (an absent item has no attributes); otherwise the transaction is
    /// cancelled, and that action's [`CancelReason`] is a failed condition. A second call
    /// combines both conditions with AND. With no action before it, the transaction fails with
    /// [`Error::InvalidRequest`] and nothing is sent.
    pub fn condition(mut self, condition: Condition) -> Self {
        match self.actions.last_mut() {
            Some(action) => action.add_condition(condition),
            None => self.refuse("`.condition(..)` follows the action it makes conditional"),
        }
        self
    }

    /// Makes the update, delete or check just added conditional on the stored item having this
    /// `#[dynamo(version)]`; otherwise that action's [`CancelReason`] is
    /// [`CancelReason::VersionConflict`]. Does nothing for a model without a version. After a
    /// put (which is written at the version its model holds) or with no action before it, the
    /// transaction fails with [`Error::InvalidRequest`] and nothing is sent.
    pub fn if_version(mut self, version: u64) -> Self {
        let refused = match self.actions.last_mut() {
            Some(action) => action.expect_version(version).err(),
            None => Some("`.if_version(..)` follows the update, delete or check it applies to"),
        };
        if let Some(reason) = refused {
            self.refuse(reason);
        }
        self
    }

    /// Records the refusal of a write of a model with unique attributes.
    fn refuse_unique(&mut self, refused: Result<(), Error>) {
        if let Err(Error::InvalidRequest { reason, .. }) = refused {
            self.refuse(reason);
        }
    }

    /// Records a misplaced option, which the transaction reports instead of being sent.
    fn refuse(&mut self, reason: impl Into<String>) {
        self.misuse.get_or_insert_with(|| reason.into());
    }

    /// A misplaced option, or two actions on one item (which DynamoDB refuses), as the error
    /// the transaction fails with before anything is sent.
    fn misused(&self) -> Result<(), Error> {
        let refuse = |reason: String| {
            Err(Error::InvalidRequest {
                operation: Operation::TransactWriteItems,
                reason,
            })
        };
        if let Some(reason) = &self.misuse {
            return refuse(reason.clone());
        }
        let targets: Vec<_> = self.actions.iter().map(|a| a.target()).collect();
        for (later, target) in targets.iter().enumerate() {
            let Some((table, key)) = target else {
                continue;
            };
            let first = targets[..later].iter().position(|earlier| {
                earlier
                    .as_ref()
                    .is_some_and(|(t, k)| t == table && k == key)
            });
            if let Some(first) = first {
                return refuse(format!(
                    "actions {first} and {later} both touch the item with key `{}` in table `{table}`, and DynamoDB refuses a transaction that touches one item twice: merge them into one action",
                    crate::value::describe_key(key)
                ));
            }
        }
        Ok(())
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
        self.misused()?;
        self.actions
            .iter()
            .map(|action| action.preview(self.return_items))
            .collect()
    }

    async fn run(self) -> Result<(), Error> {
        self.misused()?;
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
            .map(|a| (a.item, ((a.version, a.creates, a.shape), a.after_commit)))
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
                let expected: Vec<_> = behaviours.into_iter().map(|(e, _)| e).collect();
                Err(canceled(e, &expected, attempts))
            }
        }
    }
}

/// What an action expected of the stored item, to tell its cancel reason: the version of a
/// versioned write, and the table and model of a `create`.
type Expected = (
    Option<(&'static str, u64)>,
    Option<(String, &'static str)>,
    super::action::Shape,
);

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
    expected: &[Expected],
    attempts: crate::db::Attempts,
) -> Error {
    match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
            let reasons = canceled
                .cancellation_reasons()
                .iter()
                .zip(expected)
                .map(|(reason, (version, creates, shape))| {
                    CancelReason::from_sdk(reason, *version, creates.as_ref(), *shape)
                })
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
