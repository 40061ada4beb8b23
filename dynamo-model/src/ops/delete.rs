//! Deleting one item by key.

use crate::operation::Operation;
use aws_sdk_dynamodb::operation::delete_item::DeleteItemInput;
use aws_sdk_dynamodb::operation::delete_item::builders::DeleteItemInputBuilder;
use aws_sdk_dynamodb::types::{ReturnValue, ReturnValuesOnConditionCheckFailure};

use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::delete_item::DeleteItemOutput;

use super::telemetry::send_one;
use super::write::{write_condition, write_error};
use super::{OpFuture, built, load_old, take_key};
use crate::db::Db;
use crate::db::watch;
use crate::error::Error;
use crate::expr::Condition;
use crate::expr::Placeholders;
use crate::model::Model;
use crate::value::ConversionError;
use crate::value::Item;

/// Deletes one item by key. Made by [`ModelExt::delete`](crate::ModelExt::delete); deleting an
/// absent item succeeds (unless a condition says otherwise). The model's `before_delete` hook runs
/// first.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Delete<'a, M> {
    db: &'a Db,
    key: Result<Item, ConversionError>,
    condition: Option<Condition>,
    expected_version: Option<u64>,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> Delete<'a, M> {
    pub(crate) fn new(db: &'a Db, key: Result<Item, ConversionError>) -> Self {
        Delete {
            db,
            key,
            condition: None,
            expected_version: None,
            model: PhantomData,
        }
    }

    condition_options!("Deletes", "");

    /// The `DeleteItem` request `.await` sends, exactly as sent, without sending it.
    pub fn request(&self) -> Result<DeleteItemInput, Error> {
        Ok(built(self.input(self.key.clone()?, None)?.build()))
    }

    /// The request, with the key item given (moved in when sending, not cloned).
    fn input(
        &self,
        key: Item,
        returns: Option<ReturnValue>,
    ) -> Result<DeleteItemInputBuilder, Error> {
        let mut placeholders = Placeholders::new();
        let condition = write_condition(
            &M::SCHEMA,
            self.condition.as_ref(),
            self.expected_version,
            false,
            &mut placeholders,
        )?;
        Ok(DeleteItemInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .set_key(Some(key))
            .set_condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .set_return_values_on_condition_check_failure(
                (self.expected_version.is_some() || self.condition.is_some())
                    .then_some(ReturnValuesOnConditionCheckFailure::AllOld),
            )
            .set_return_values(returns)
            .set_return_consumed_capacity(self.db.return_capacity()))
    }

    /// Deletes the item and gives it as it was, if there was one.
    pub fn return_old(self) -> OpFuture<'a, Option<M>>
    where
        M: Send + 'a,
    {
        Box::pin(async move { load_old::<M, M>(self.run(Some(ReturnValue::AllOld)).await?) })
    }

    async fn run(mut self, returns: Option<ReturnValue>) -> Result<Option<Item>, Error> {
        let key = take_key(&mut self.key)?;
        let wants_old = returns.is_some();
        let input = self.input(key, returns)?;
        if let Some(key) = input.get_key() {
            M::before_delete_async(key, self.db)
                .await
                .map_err(|e| Error::hook::<M>("before_delete_async", e))?;
            M::before_delete(key).map_err(|e| Error::hook::<M>("before_delete", e))?;
        }
        if !M::SCHEMA.uniques.is_empty() {
            // With the markers of the item's unique values.
            let old = super::unique::UniqueWrite {
                schema: M::SCHEMA,
                operation: Operation::DeleteItem,
                action: super::unique::ItemAction::Delete(input),
                only_if_new: false,
                upsert: false,
                expected_version: self.expected_version,
                after: Box::new(|_| Ok(None)),
            }
            .send(self.db)
            .await?;
            return Ok(old.filter(|_| wants_old));
        }
        send_delete(
            self.db,
            M::SCHEMA.name,
            M::SCHEMA.version,
            input,
            self.expected_version,
        )
        .await
    }
}

/// Sends a delete of `model`'s item and gives the item it deleted when asked for, or the
/// error, told apart by the model's `version` attribute. Apart from the model's type, so that
/// it is compiled once.
async fn send_delete(
    db: &Db,
    model: &'static str,
    version: Option<&'static str>,
    input: DeleteItemInputBuilder,
    expected_version: Option<u64>,
) -> Result<Option<Item>, Error> {
    let table = input.get_table_name().clone().unwrap_or_default();
    let (result, attempts) = watch(send_one(
        db,
        Operation::DeleteItem,
        model,
        &table,
        input.send_with(db.client()),
        |_| 1,
        DeleteItemOutput::consumed_capacity,
    ))
    .await;
    // The condition failed on a retry and there is no item any more: an earlier attempt
    // deleted it and its answer was lost (or another writer deleted it meanwhile; either way
    // the item is gone, as asked). What it held is not known any more.
    if let Err(e) = &result
        && super::write::retried_condition_failure(attempts.count, e) == Some(None)
    {
        return Ok(None);
    }
    match result {
        Ok(output) => Ok(output.attributes),
        Err(e) => Err(write_error(
            Operation::DeleteItem,
            version,
            table,
            expected_version,
            e,
            attempts,
        )),
    }
}

impl<'a, M: Model + Send + 'a> IntoFuture for Delete<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(None).await.map(|_| ()) })
    }
}
