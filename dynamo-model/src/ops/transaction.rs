//! Transactions: TransactWriteItems and TransactGetItems across models and tables, all or
//! nothing, with a typed reason for each action when DynamoDB cancels one.

use std::future::IntoFuture;

use aws_sdk_dynamodb::types::{
    ConditionCheck, Delete as DeleteAction, Get as GetAction, Put as PutAction,
    ReturnValuesOnConditionCheckFailure, TransactGetItem, TransactWriteItem,
    Update as UpdateAction,
};

use tracing::Instrument;

use super::{OpFuture, finish, prepare, request_span, saved};
use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::expr::{Condition, Placeholders, Update};
use crate::model::Model;
use crate::value::Item;

/// DynamoDB runs at most this many actions in one transaction.
pub const MAX_TRANSACTION_ACTIONS: usize = 100;

/// Why DynamoDB cancelled one action of a transaction (or `None` for an action that would have
/// succeeded: when one action fails, every action gets a reason).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CancelReason {
    /// This action was fine; another one cancelled the transaction.
    None,
    /// The action's condition did not hold. `item` is the item as it was, when the transaction
    /// asked for it with [`Transaction::return_items_on_condition_failure`].
    ConditionFailed {
        /// The item the condition was checked against.
        item: Option<Item>,
    },
    /// The action wrote a versioned model, and the stored item has another version than the
    /// one the model was read at.
    VersionConflict {
        /// The version the action expected (0: no item).
        expected: u64,
        /// The version stored, or `None` when there was no item.
        found: Option<u64>,
    },
    /// Another transaction or write touched the same item at the same time.
    Conflict,
    /// The request rate was too high for the table or partition.
    Throttled,
    /// DynamoDB found the action invalid for the stored item (e.g. arithmetic on an absent
    /// attribute).
    Validation {
        /// DynamoDB's message.
        message: String,
    },
    /// Any other reason DynamoDB gives.
    Other {
        /// DynamoDB's code.
        code: String,
        /// DynamoDB's message.
        message: String,
    },
}

impl CancelReason {
    /// The reason of one action; `version` is the version a versioned action expected, which
    /// tells a version conflict from a failed condition of the caller's.
    fn from_sdk(
        reason: &aws_sdk_dynamodb::types::CancellationReason,
        version: Option<(&'static str, u64)>,
    ) -> Self {
        let message = reason.message().unwrap_or_default().to_owned();
        match reason.code().unwrap_or("None") {
            "None" => CancelReason::None,
            "ConditionalCheckFailed" => {
                if let Some((attribute, expected)) = version {
                    let found = super::stored_version(reason.item(), attribute);
                    if found.unwrap_or(0) != expected {
                        return CancelReason::VersionConflict { expected, found };
                    }
                }
                CancelReason::ConditionFailed {
                    item: reason.item().cloned(),
                }
            }
            "TransactionConflict" => CancelReason::Conflict,
            "ThrottlingError" | "ProvisionedThroughputExceeded" | "RequestLimitExceeded" => {
                CancelReason::Throttled
            }
            "ValidationError" => CancelReason::Validation { message },
            code => CancelReason::Other {
                code: code.to_owned(),
                message,
            },
        }
    }
}

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
    actions: Result<Vec<Action<'a>>, Error>,
    token: Option<String>,
    return_items: bool,
}

/// What runs after the transaction committed: a saved model records its version and runs
/// `after_save`.
type AfterCommit<'a> = Box<dyn FnOnce() -> Result<(), Error> + Send + 'a>;

/// One action, with what its model's behaviours need around it.
struct Action<'a> {
    item: TransactWriteItem,
    /// The version attribute and the version the stored item must have, for a versioned write.
    version: Option<(&'static str, u64)>,
    after_commit: Option<AfterCommit<'a>>,
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
    let update = update
        .map(|u| super::update::render_update::<M>(u, &mut placeholders))
        .transpose()?;
    let condition = super::write_condition::<M>(
        condition,
        version.map(|(_, expected)| expected),
        false,
        &mut placeholders,
    )?;
    Ok(Rendered {
        condition,
        update,
        placeholders,
    })
}

fn built<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    // Every builder below gets its required fields set just before `build`.
    result.unwrap_or_else(|e| unreachable!("transaction action with its required fields: {e:?}"))
}

impl<'a> Transaction<'a> {
    /// An empty transaction on `db`.
    pub fn new(db: &'a Db) -> Self {
        Transaction {
            db,
            actions: Ok(Vec::new()),
            token: None,
            return_items: false,
        }
    }

    /// Adds the action `build` makes from whether items are returned on a failed condition.
    fn push(
        mut self,
        version: Option<(&'static str, u64)>,
        after_commit: Option<AfterCommit<'a>>,
        build: impl FnOnce(
            Option<ReturnValuesOnConditionCheckFailure>,
        ) -> Result<TransactWriteItem, Error>,
    ) -> Self {
        // A versioned action always asks for the item, to tell a version conflict apart.
        let on_failure = (self.return_items || version.is_some())
            .then_some(ReturnValuesOnConditionCheckFailure::AllOld);
        self.actions = self.actions.and_then(|mut actions| {
            actions.push(Action {
                item: build(on_failure)?,
                version,
                after_commit,
            });
            Ok(actions)
        });
        self
    }

    fn put_action<M: Model + Send>(
        self,
        model: &'a mut M,
        condition: Option<Condition>,
        only_if_new: bool,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        let prepared = match prepare(model, only_if_new) {
            Ok(prepared) => prepared,
            Err(e) => return self.fail(e),
        };
        let expected = prepared.expected_version;
        let version = M::SCHEMA.version.zip(expected);
        let after_commit: AfterCommit<'a> = Box::new(move || saved(model, expected));
        self.push(version, Some(after_commit), |on_failure| {
            let mut placeholders = Placeholders::new();
            let condition = super::write_condition::<M>(
                condition.as_ref(),
                expected,
                only_if_new,
                &mut placeholders,
            )?;
            let put = built(
                PutAction::builder()
                    .table_name(table)
                    .set_item(Some(prepared.item))
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(placeholders.names())
                    .set_expression_attribute_values(placeholders.values())
                    .set_return_values_on_condition_check_failure(on_failure)
                    .build(),
            );
            Ok(TransactWriteItem::builder().put(put).build())
        })
    }

    fn fail(mut self, error: Error) -> Self {
        if self.actions.is_ok() {
            self.actions = Err(error);
        }
        self
    }

    /// Writes `model`, replacing any item with its key. The model's write behaviours run now
    /// (`before_save`, timestamps, validation; an error is reported when the transaction is
    /// awaited); a versioned model is written only at the version it holds, and holds the new
    /// one once the transaction committed.
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

    fn update_action<M: Model>(
        self,
        key: M::Key<'_>,
        update: Update,
        condition: Option<Condition>,
        expected: Option<u64>,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        let key = M::key_item(key);
        let version = M::SCHEMA.version.zip(expected);
        self.push(version, None, |on_failure| {
            let rendered = render::<M>(Some(&update), condition.as_ref(), version)?;
            let update = built(
                UpdateAction::builder()
                    .table_name(table)
                    .set_key(Some(key?))
                    .set_update_expression(rendered.update)
                    .set_condition_expression(rendered.condition)
                    .set_expression_attribute_names(rendered.placeholders.names())
                    .set_expression_attribute_values(rendered.placeholders.values())
                    .set_return_values_on_condition_check_failure(on_failure)
                    .build(),
            );
            Ok(TransactWriteItem::builder().update(update).build())
        })
    }

    /// Applies `update` to the item of model `M` with this key, with the model's update
    /// behaviours (validation of the values set, timestamps, version bump).
    pub fn update<M: Model>(self, key: M::Key<'_>, update: Update) -> Self {
        self.update_action::<M>(key, update, None, None)
    }

    /// Applies `update` if `condition` holds.
    pub fn update_if<M: Model>(
        self,
        key: M::Key<'_>,
        update: Update,
        condition: Condition,
    ) -> Self {
        self.update_action::<M>(key, update, Some(condition), None)
    }

    /// Applies `update` if the stored item has `#[dynamo(version)]` `version`; otherwise the
    /// action's [`CancelReason`] is [`CancelReason::VersionConflict`].
    pub fn update_at_version<M: Model>(
        self,
        key: M::Key<'_>,
        version: u64,
        update: Update,
    ) -> Self {
        self.update_action::<M>(key, update, None, Some(version))
    }

    fn delete_action<M: Model>(
        self,
        key: M::Key<'_>,
        condition: Option<Condition>,
        expected: Option<u64>,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        let key = M::key_item(key);
        if let Ok(key) = &key
            && let Err(e) = M::before_delete(key)
        {
            return self.fail(Error::hook::<M>("before_delete", e));
        }
        let version = M::SCHEMA.version.zip(expected);
        self.push(version, None, |on_failure| {
            let rendered = render::<M>(None, condition.as_ref(), version)?;
            let delete = built(
                DeleteAction::builder()
                    .table_name(table)
                    .set_key(Some(key?))
                    .set_condition_expression(rendered.condition)
                    .set_expression_attribute_names(rendered.placeholders.names())
                    .set_expression_attribute_values(rendered.placeholders.values())
                    .set_return_values_on_condition_check_failure(on_failure)
                    .build(),
            );
            Ok(TransactWriteItem::builder().delete(delete).build())
        })
    }

    /// Deletes the item of model `M` with this key.
    pub fn delete<M: Model>(self, key: M::Key<'_>) -> Self {
        self.delete_action::<M>(key, None, None)
    }

    /// Deletes the item if `condition` holds.
    pub fn delete_if<M: Model>(self, key: M::Key<'_>, condition: Condition) -> Self {
        self.delete_action::<M>(key, Some(condition), None)
    }

    /// Deletes the item if it has `#[dynamo(version)]` `version`; otherwise the action's
    /// [`CancelReason`] is [`CancelReason::VersionConflict`].
    pub fn delete_at_version<M: Model>(self, key: M::Key<'_>, version: u64) -> Self {
        self.delete_action::<M>(key, None, Some(version))
    }

    /// Writes nothing, but cancels the transaction unless `condition` holds for the item of
    /// model `M` with this key.
    pub fn check<M: Model>(self, key: M::Key<'_>, condition: Condition) -> Self {
        let table = self.db.table_name_of::<M>();
        let key = M::key_item(key);
        self.push(None, None, |on_failure| {
            let rendered = render::<M>(None, Some(&condition), None)?;
            let check = built(
                ConditionCheck::builder()
                    .table_name(table)
                    .set_key(Some(key?))
                    .set_condition_expression(rendered.condition)
                    .set_expression_attribute_names(rendered.placeholders.names())
                    .set_expression_attribute_values(rendered.placeholders.values())
                    .set_return_values_on_condition_check_failure(on_failure)
                    .build(),
            );
            Ok(TransactWriteItem::builder().condition_check(check).build())
        })
    }

    /// Makes retries safe: DynamoDB runs a transaction with the same token (and the same
    /// actions) at most once within 10 minutes.
    pub fn idempotency_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// For the actions added after this call: when a condition fails, the reason carries the
    /// item as it was.
    pub fn return_items_on_condition_failure(mut self) -> Self {
        self.return_items = true;
        self
    }

    /// The actions this transaction sends, without sending them.
    pub fn requests(&self) -> Result<Vec<TransactWriteItem>, Error> {
        match &self.actions {
            Ok(actions) => Ok(actions.iter().map(|a| a.item.clone()).collect()),
            Err(e) => Err(e.copy_stored()),
        }
    }

    async fn run(self) -> Result<(), Error> {
        let (actions, behaviours): (Vec<_>, Vec<_>) = self
            .actions?
            .into_iter()
            .map(|a| (a.item, (a.version, a.after_commit)))
            .unzip();
        if actions.is_empty() {
            return Ok(());
        }
        if actions.len() > MAX_TRANSACTION_ACTIONS {
            return Err(Error::TooManyActions {
                actions: actions.len(),
                limit: MAX_TRANSACTION_ACTIONS,
            });
        }
        let span = request_span("TransactWriteItems", "(transaction)", None);
        let count = actions.len();
        let result = self
            .db
            .client()
            .transact_write_items()
            .set_transact_items(Some(actions))
            .set_client_request_token(self.token)
            .set_return_consumed_capacity(self.db.return_capacity())
            .send()
            .instrument(span.clone())
            .await;
        match result {
            Ok(output) => {
                finish(
                    self.db,
                    &span,
                    "TransactWriteItems",
                    count,
                    output.consumed_capacity(),
                );
                for (_, after_commit) in behaviours {
                    if let Some(after_commit) = after_commit {
                        after_commit()?;
                    }
                }
                Ok(())
            }
            Err(e) => match e.as_service_error() {
                Some(service) if service.is_transaction_canceled_exception() => {
                    let reasons = match service {
                        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(canceled) => canceled
                            .cancellation_reasons()
                            .iter()
                            .zip(&behaviours)
                            .map(|(reason, (version, _))| CancelReason::from_sdk(reason, *version))
                            .collect(),
                        _ => Vec::new(),
                    };
                    Err(Error::TransactionCanceled { reasons })
                }
                _ => Err(Error::sdk("TransactWriteItems", "(transaction)", e)),
            },
        }
    }
}

impl<'a> IntoFuture for Transaction<'a> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// A read transaction: up to 100 gets across models and tables, read as of one moment.
/// `.await` gives the items in the order of the gets; [`TransactionItems::take`] reads each as
/// its model.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::TransactionGet;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Account { #[dynamo(hash_key)] id: String, balance: i64 }
/// let mut items = TransactionGet::new(db).get::<Account>("alice").get::<Account>("bob").await?;
/// let alice: Option<Account> = items.take(0)?;
/// let bob: Option<Account> = items.take(1)?;
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct TransactionGet<'a> {
    db: &'a Db,
    gets: Result<Vec<TransactGetItem>, ConversionError>,
}

/// The items a read transaction read, in the order of its gets.
#[derive(Debug, Clone, Default)]
pub struct TransactionItems {
    items: Vec<Option<Item>>,
}

impl TransactionItems {
    /// How many gets there were.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there were no gets.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Reads the item of get number `index` as model `M` (`None` if there was no item); it can
    /// be taken once.
    pub fn take<M: Model>(&mut self, index: usize) -> Result<Option<M>, Error> {
        match self.items.get_mut(index).and_then(Option::take) {
            Some(item) => super::load::<M, M>(item).map(Some),
            None => Ok(None),
        }
    }
}

impl<'a> TransactionGet<'a> {
    /// An empty read transaction on `db`.
    pub fn new(db: &'a Db) -> Self {
        TransactionGet {
            db,
            gets: Ok(Vec::new()),
        }
    }

    /// Reads the item of model `M` with this key.
    pub fn get<M: Model>(mut self, key: M::Key<'_>) -> Self {
        let table = self.db.table_name_of::<M>();
        let key = M::key_item(key);
        self.gets = self.gets.and_then(|mut gets| {
            let get = built(
                GetAction::builder()
                    .table_name(table)
                    .set_key(Some(key?))
                    .build(),
            );
            gets.push(TransactGetItem::builder().get(get).build());
            Ok(gets)
        });
        self
    }

    async fn run(self) -> Result<TransactionItems, Error> {
        let gets = self.gets?;
        if gets.is_empty() {
            return Ok(TransactionItems::default());
        }
        if gets.len() > MAX_TRANSACTION_ACTIONS {
            return Err(Error::TooManyActions {
                actions: gets.len(),
                limit: MAX_TRANSACTION_ACTIONS,
            });
        }
        let span = request_span("TransactGetItems", "(transaction)", None);
        let output = self
            .db
            .client()
            .transact_get_items()
            .set_transact_items(Some(gets))
            .set_return_consumed_capacity(self.db.return_capacity())
            .send()
            .instrument(span.clone())
            .await
            .map_err(|e| Error::sdk("TransactGetItems", "(transaction)", e))?;
        let found = output
            .responses()
            .iter()
            .filter(|r| r.item.is_some())
            .count();
        finish(
            self.db,
            &span,
            "TransactGetItems",
            found,
            output.consumed_capacity(),
        );
        Ok(TransactionItems {
            items: output
                .responses
                .unwrap_or_default()
                .into_iter()
                .map(|response| response.item.filter(|item| !item.is_empty()))
                .collect(),
        })
    }
}

impl<'a> IntoFuture for TransactionGet<'a> {
    type Output = Result<TransactionItems, Error>;
    type IntoFuture = OpFuture<'a, TransactionItems>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
