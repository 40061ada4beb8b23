//! Writing one whole model: put (replace) and create (only if new).

use crate::operation::Operation;
use aws_sdk_dynamodb::operation::put_item::PutItemInput;
use aws_sdk_dynamodb::operation::put_item::builders::PutItemInputBuilder;
use aws_sdk_dynamodb::types::{ReturnValue, ReturnValuesOnConditionCheckFailure};

use std::future::IntoFuture;

use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::put_item::{PutItemError, PutItemOutput};

use super::telemetry::send_one;
use super::write::{
    PreparedWrite, build_write, is_condition_failure, prepare, retried_condition_failure, saved,
    stored_item, version_conflict, write_condition, write_error,
};
use super::{OpFuture, built, load_old};
use crate::db::Db;
use crate::db::{Attempts, watch};
use crate::error::Error;
use crate::expr::Condition;
use crate::expr::Placeholders;
use crate::model::Model;
use crate::schema::Schema;
use crate::value::Item;

/// Writes one item. Made by [`ModelExt::put`](crate::ModelExt::put) (replace) and
/// [`ModelExt::create`](crate::ModelExt::create) (only if new).
///
/// Before the item is built, the model's behaviours run on it: `before_save`, timestamps and
/// validation (see [`crate::behaviour`]). A versioned model is written only if the stored
/// version is the model's, and the model holds the new version once `.await` succeeds.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Put<'a, M> {
    db: &'a Db,
    model: &'a mut M,
    only_if_new: bool,
    condition: Option<Condition>,
}

impl<'a, M: Model> Put<'a, M> {
    pub(crate) fn new(db: &'a Db, model: &'a mut M, only_if_new: bool) -> Self {
        Put {
            db,
            model,
            only_if_new,
            condition: None,
        }
    }

    /// Writes only if `condition` holds for the item stored now (an absent item has no
    /// attributes); otherwise `.await` fails with [`Error::ConditionFailed`] and nothing is
    /// written. A second call combines both conditions with AND.
    pub fn condition(mut self, condition: Condition) -> Self {
        Condition::and_into(&mut self.condition, condition);
        self
    }

    /// The `PutItem` request `.await` sends for the model as it is now, without sending it.
    /// It changes nothing: the model's `before_save` hook and timestamps run only when the
    /// write is sent, so an attribute they change is sent with its new value. Validation and
    /// the version check and bump are as sent.
    pub fn request(&self) -> Result<PutItemInput, Error> {
        let prepared = build_write(&*self.model)?;
        Ok(built(self.input(prepared, None)?.build()))
    }

    /// The request for an item prepared from the model.
    fn input(
        &self,
        prepared: PreparedWrite,
        returns: Option<ReturnValue>,
    ) -> Result<PutItemInputBuilder, Error> {
        let conditional = self.conditional(&prepared);
        put_input(
            self.db,
            &M::SCHEMA,
            (self.condition.as_ref(), self.only_if_new, conditional),
            prepared,
            returns,
        )
    }

    /// After the write: the model holds its new version, then its `after_save` hooks run.
    async fn saved(&mut self, expected: Option<u64>) -> Result<(), Error> {
        saved(self.model, expected)?;
        self.model
            .after_save_async(self.db)
            .await
            .map_err(|e| Error::hook::<M>("after_save_async", e))
    }

    /// The put of a model with unique attributes: one transaction with the markers of the
    /// values it gives and of those it replaces.
    fn unique_write(
        &self,
        prepared: PreparedWrite,
    ) -> Result<crate::ops::unique::UniqueWrite<'static>, Error> {
        let new = prepared.item.clone();
        let expected_version = prepared.expected_version;
        Ok(crate::ops::unique::UniqueWrite {
            schema: M::SCHEMA,
            operation: Operation::PutItem,
            action: crate::ops::unique::ItemAction::Put(self.input(prepared, None)?),
            only_if_new: self.only_if_new,
            upsert: false,
            expected_version,
            after: Box::new(move |_| Ok(Some(new.clone()))),
        })
    }

    /// Whether the put carries a condition (a create, a version check or the caller's).
    fn conditional(&self, prepared: &PreparedWrite) -> bool {
        self.only_if_new || self.condition.is_some() || prepared.expected_version.is_some()
    }

    /// Writes the item and gives the item it replaced, if there was one.
    pub fn return_old(self) -> OpFuture<'a, Option<M>>
    where
        M: Send + 'a,
    {
        Box::pin(async move { load_old::<M, M>(self.run(Some(ReturnValue::AllOld)).await?) })
    }

    async fn run(mut self, returns: Option<ReturnValue>) -> Result<Option<Item>, Error> {
        self.model
            .before_save_async(self.db)
            .await
            .map_err(|e| Error::hook::<M>("before_save_async", e))?;
        let prepared = prepare(self.model, self.only_if_new)?;
        let expected = prepared.expected_version;
        if !M::SCHEMA.uniques.is_empty() {
            let old = self.unique_write(prepared)?.send(self.db).await?;
            self.saved(expected).await?;
            return Ok(old.filter(|_| returns.is_some()));
        }
        // A conditional put keeps the item it sends, to recognise it when a retry finds it.
        let sent = self.conditional(&prepared).then(|| prepared.item.clone());
        let input = self.input(prepared, returns)?;
        let (table, result, attempts) = send_put(self.db, M::SCHEMA.name, input, sent).await;
        match result {
            Ok(output) => {
                self.saved(expected).await?;
                Ok(output.attributes)
            }
            Err(e) => Err(put_error(
                (M::SCHEMA.name, M::SCHEMA.version),
                table,
                expected,
                (self.only_if_new, self.condition.is_some()),
                attempts,
                e,
            )),
        }
    }
}

/// The PutItem request of an item prepared from a model with `schema`, with the caller's
/// condition, the version check, and the create check when `only_if_new`; `conditional` asks
/// for the stored item when a condition fails. Apart from the model's type, so that it is
/// compiled once.
fn put_input(
    db: &Db,
    schema: &Schema,
    (condition, only_if_new, conditional): (Option<&Condition>, bool, bool),
    prepared: PreparedWrite,
    returns: Option<ReturnValue>,
) -> Result<PutItemInputBuilder, Error> {
    let mut placeholders = Placeholders::new();
    let condition = write_condition(
        schema,
        condition,
        prepared.expected_version,
        only_if_new,
        &mut placeholders,
    )?;
    Ok(PutItemInput::builder()
        .table_name(db.table_name(schema.table))
        .set_item(Some(prepared.item))
        .set_condition_expression(condition)
        .set_expression_attribute_names(placeholders.names())
        .set_expression_attribute_values(placeholders.values())
        .set_return_values_on_condition_check_failure(
            conditional.then_some(ReturnValuesOnConditionCheckFailure::AllOld),
        )
        .set_return_values(returns)
        .set_return_consumed_capacity(db.return_capacity()))
}

/// The error of a failed put of a model versioned by `version`: for a create (`only_if_new`),
/// [`Error::AlreadyExists`] when an item with the key is there, else what [`write_error`] says.
fn put_error(
    (model, version): (&'static str, Option<&'static str>),
    table: String,
    expected: Option<u64>,
    (only_if_new, has_condition): (bool, bool),
    attempts: Attempts,
    error: SdkError<PutItemError, HttpResponse>,
) -> Error {
    if only_if_new && is_condition_failure(&error) {
        let stored = stored_item(&error);
        // An item with the key is there; or, when DynamoDB did not return it, the key
        // condition is the one left to fail (a version conflict is told apart by
        // `write_error`).
        let exists = stored.is_some_and(|item| !item.is_empty())
            || (!has_condition && version_conflict(version, &table, expected, stored).is_none());
        if exists {
            return Error::AlreadyExists {
                table,
                model,
                unique: None,
            };
        }
    }
    write_error(
        Operation::PutItem,
        version,
        table,
        expected,
        error,
        attempts,
    )
}

/// Sends a put of `model`'s item and gives the table it went to with its outcome. When its
/// condition failed on a retry and the stored item is exactly the one it writes (`sent`, kept
/// for a conditional put), an earlier attempt landed and its answer was lost: that is a
/// success (what it replaced is not known any more). Apart from the model's type, so that it
/// is compiled once.
async fn send_put(
    db: &Db,
    model: &'static str,
    input: PutItemInputBuilder,
    sent: Option<Item>,
) -> (
    String,
    Result<PutItemOutput, SdkError<PutItemError, HttpResponse>>,
    Attempts,
) {
    let table = input.get_table_name().clone().unwrap_or_default();
    let (result, attempts) = watch(send_one(
        db,
        Operation::PutItem,
        model,
        &table,
        input.send_with(db.client()),
        |_| 1,
        PutItemOutput::consumed_capacity,
    ))
    .await;
    let result = match result {
        Err(e)
            if sent.is_some()
                && retried_condition_failure(attempts.count, &e) == Some(sent.as_ref()) =>
        {
            Ok(PutItemOutput::builder().build())
        }
        other => other,
    };
    (table, result, attempts)
}

impl<'a, M: Model + Send + 'a> IntoFuture for Put<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(None).await.map(|_| ()) })
    }
}
