//! The operations of a model: the builders that [`Model::get`], [`Model::put`],
//! [`Model::create`], [`Model::update`], [`Model::delete`], [`Model::query`] and
//! [`Model::scan`] return.
//!
//! Each builder runs when it is `.await`ed, so options chain before the await:
//! `Cat::get(&db, "c1").consistent_read(true).await`. Each can also show the request it would
//! send without sending it (`.request()`), to check its shape in a test or to send it with the
//! SDK yourself.

mod batch;
mod cursor;
mod read;
mod transaction;
mod update;

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use aws_sdk_dynamodb::operation::delete_item::DeleteItemInput;
use aws_sdk_dynamodb::operation::delete_item::builders::DeleteItemInputBuilder;
use aws_sdk_dynamodb::operation::get_item::GetItemInput;
use aws_sdk_dynamodb::operation::get_item::builders::GetItemInputBuilder;
use aws_sdk_dynamodb::operation::put_item::builders::PutItemInputBuilder;
use aws_sdk_dynamodb::operation::put_item::{PutItemError, PutItemInput};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};

pub use batch::{
    BatchGet, BatchGot, BatchWrite, BatchWriteItem, BatchWritten, MAX_BATCH_GET, MAX_BATCH_WRITE,
    RetryPolicy,
};
pub use cursor::Cursor;
pub use read::{Page, Query, Scan};
pub use transaction::{
    CancelReason, MAX_TRANSACTION_ACTIONS, Transaction, TransactionGet, TransactionItems,
};
pub use update::UpdateItem;

use tracing::Instrument;

use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::expr::{Condition, Placeholders};
use crate::model::{Model, Projection};
use crate::value::Item;

/// The future an operation builder turns into when awaited.
pub type OpFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// The span one request runs in: the operation, table and index, then the items it returned,
/// the capacity it consumed and the retries it needed. At debug level, so nothing is logged
/// unless a subscriber asks for it.
pub(crate) fn request_span(
    operation: &'static str,
    table: &str,
    index: Option<&str>,
) -> tracing::Span {
    tracing::debug_span!(
        "dynamodb",
        operation,
        table,
        index = index.unwrap_or(""),
        items = tracing::field::Empty,
        consumed = tracing::field::Empty,
        retries = tracing::field::Empty,
    )
}

/// Records what a finished request returned and consumed on its span and the `Db`'s meter.
pub(crate) fn finish<'c>(
    db: &Db,
    span: &tracing::Span,
    operation: &'static str,
    items: usize,
    consumed: impl IntoIterator<Item = &'c aws_sdk_dynamodb::types::ConsumedCapacity>,
) {
    let units = db.record_capacity(operation, consumed);
    span.record("items", items);
    if db.capacity_meter().is_some() {
        span.record("consumed", units);
    }
}

/// Seconds since 1970, as time to live compares them.
pub(crate) fn now_epoch_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether an item's TTL attribute (epoch seconds) has passed.
fn expired(item: &Item, ttl: &str) -> bool {
    match item.get(ttl) {
        Some(aws_sdk_dynamodb::types::AttributeValue::N(text)) => text
            .split('.')
            .next()
            .and_then(|whole| whole.parse::<i128>().ok())
            .is_some_and(|secs| secs <= i128::from(now_epoch_seconds())),
        _ => false,
    }
}

/// The attributes a read of `P` asks for; with `hide_expired`, the TTL attribute too, which is
/// needed to tell whether an item expired.
fn projection_paths<M: Model, P: Projection<M>>(
    hide_expired: bool,
) -> Option<crate::expr::ProjectionPaths> {
    P::projection_paths().map(|projected| match (hide_expired, M::SCHEMA.ttl) {
        (true, Some(ttl)) => projected.raw(crate::expr::RawPath::attribute(ttl)),
        _ => projected,
    })
}

/// Whether an SDK error is DynamoDB's "the condition did not hold".
fn is_condition_failure<E, R>(error: &aws_sdk_dynamodb::error::SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    error.as_service_error().and_then(|e| e.code()) == Some("ConditionalCheckFailedException")
}

/// The service errors of conditional writes, which carry the stored item when the condition
/// failed and the request asked for it (as versioned writes do).
trait ConditionFailure {
    /// The item as it was when the condition failed.
    fn stored_item(&self) -> Option<&Item>;
}

macro_rules! condition_failures {
    ($($error:ty),*) => {$(
        impl ConditionFailure for $error {
            fn stored_item(&self) -> Option<&Item> {
                match self {
                    Self::ConditionalCheckFailedException(failed) => failed.item.as_ref(),
                    _ => None,
                }
            }
        }
    )*};
}

condition_failures!(PutItemError, DeleteItemError, UpdateItemError);

/// The item stored when a conditional write's condition failed, if DynamoDB returned it.
fn stored_item<E: ConditionFailure, R>(
    error: &aws_sdk_dynamodb::error::SdkError<E, R>,
) -> Option<&Item> {
    error
        .as_service_error()
        .and_then(ConditionFailure::stored_item)
}

/// The error of a failed conditional write of model `M`: [`Error::VersionConflict`] when the
/// stored item has another version than `expected`, [`Error::ConditionFailed`] when another
/// condition did not hold, else the SDK's error.
fn write_error<M: Model, E, R>(
    operation: &'static str,
    table: String,
    expected: Option<u64>,
    error: aws_sdk_dynamodb::error::SdkError<E, R>,
) -> Error
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata + ConditionFailure,
    aws_sdk_dynamodb::error::SdkError<E, R>: Into<aws_sdk_dynamodb::Error>,
{
    if !is_condition_failure(&error) {
        return Error::sdk(operation, &table, error);
    }
    version_conflict::<M>(&table, expected, stored_item(&error))
        .unwrap_or(Error::ConditionFailed { operation, table })
}

/// The input an SDK input builder builds. Every request builder here sets no field the SDK
/// requires at build time (those are checked by the service), so building cannot fail.
pub(crate) fn built<T>(input: Result<T, aws_sdk_dynamodb::error::BuildError>) -> T {
    input.unwrap_or_else(|_| unreachable!("DynamoDB inputs have no fields required at build time"))
}

/// The key a builder holds, taken out to be sent (the builder is being consumed).
pub(crate) fn take_key(key: &mut Result<Item, ConversionError>) -> Result<Item, ConversionError> {
    std::mem::replace(key, Ok(Item::new()))
}

/// Reads a value of `P` from an item of model `M`, and runs the model's `after_load` hook.
pub(crate) fn load<M: Model, P: Projection<M>>(item: Item) -> Result<P, Error> {
    let mut value = P::from_projection(item)?;
    P::after_load(&mut value).map_err(|e| Error::hook::<M>("after_load", e))?;
    Ok(value)
}

/// A model's item, ready to write, with the version it was read at.
pub(crate) struct PreparedWrite {
    pub(crate) item: Item,
    /// The version the stored item must have (0: no item), for a versioned model.
    pub(crate) expected_version: Option<u64>,
}

/// Runs the write behaviours in their documented order: `before_save`, timestamps, validation;
/// then builds the item, carrying the next version for a versioned model. `creating` sets
/// `created_at` even when the model has one.
pub(crate) fn prepare<M: Model>(model: &mut M, creating: bool) -> Result<PreparedWrite, Error> {
    model
        .before_save()
        .map_err(|e| Error::hook::<M>("before_save", e))?;
    if M::SCHEMA.created_at.is_some() || M::SCHEMA.updated_at.is_some() {
        model.stamp(std::time::SystemTime::now(), creating);
    }
    build_write(model)
}

/// The item of a write of `model` as it is, after validation, carrying the next version for a
/// versioned model; the part of [`prepare`] that changes nothing.
pub(crate) fn build_write<M: Model>(model: &M) -> Result<PreparedWrite, Error> {
    model.validate()?;
    let mut item = model.to_item()?;
    let expected_version = match M::SCHEMA.version {
        Some(attribute) => {
            let current = model.version();
            if current >= M::VERSION_MAX {
                return Err(Error::VersionExhausted {
                    table: M::SCHEMA.table.to_owned(),
                    attribute,
                    max: M::VERSION_MAX,
                });
            }
            item.insert(
                attribute.to_owned(),
                AttributeValue::N((current + 1).to_string()),
            );
            Some(current)
        }
        None => None,
    };
    Ok(PreparedWrite {
        item,
        expected_version,
    })
}

/// `attribute_not_exists(#v)` for version 0 (never written), else `#v = :v`.
fn version_condition(attribute: &str, expected: u64, placeholders: &mut Placeholders) -> String {
    if expected == 0 {
        return not_exists(attribute, placeholders);
    }
    let mut text = String::new();
    placeholders.name(attribute, &mut text);
    text.push_str(" = ");
    placeholders.value(AttributeValue::N(expected.to_string()), &mut text);
    text
}

/// `attribute_not_exists(#a)`.
fn not_exists(attribute: &str, placeholders: &mut Placeholders) -> String {
    let mut text = String::from("attribute_not_exists(");
    placeholders.name(attribute, &mut text);
    text.push(')');
    text
}

/// The condition of a write of model `M` (put, create, update or delete, alone or in a
/// transaction), rendered into `placeholders`: the caller's `condition`, the version check of a versioned model (the stored item must have
/// version `expected`), and for a create "no item with this key" (the hash key is present in
/// every item of the table, so its absence means that).
pub(crate) fn write_condition<M: Model>(
    condition: Option<&Condition>,
    expected: Option<u64>,
    only_if_new: bool,
    placeholders: &mut Placeholders,
) -> Result<Option<String>, ConversionError> {
    let mut text = condition.map(|c| c.render(placeholders)).transpose()?;
    if let (Some(attribute), Some(expected)) = (M::SCHEMA.version, expected) {
        let version = version_condition(attribute, expected, placeholders);
        text = Some(and_text(version, text));
    }
    if only_if_new {
        let key = not_exists(M::SCHEMA.hash_key.name, placeholders);
        text = Some(and_text(key, text));
    }
    Ok(text)
}

/// `required AND (other)`, or `required` alone.
fn and_text(required: String, other: Option<String>) -> String {
    match other {
        Some(other) => format!("{required} AND ({other})"),
        None => required,
    }
}

/// The version held by a stored item (`None` when there was no item).
pub(crate) fn stored_version(item: Option<&Item>, attribute: &str) -> Option<u64> {
    match item?.get(attribute) {
        Some(AttributeValue::N(n)) => n.parse().ok(),
        _ => Some(0),
    }
}

/// Whether a failed versioned write failed for its version: the stored item's version is not
/// the expected one. `stored` is the item DynamoDB returned with the failure.
pub(crate) fn version_conflict<M: Model>(
    table: &str,
    expected: Option<u64>,
    stored: Option<&Item>,
) -> Option<Error> {
    let (attribute, expected) = (M::SCHEMA.version?, expected?);
    let found = stored_version(stored, attribute);
    // No item, or one without a version, is version 0.
    (found.unwrap_or(0) != expected).then(|| Error::VersionConflict {
        table: table.to_owned(),
        expected,
        found,
    })
}

/// Reads one item by key. Made by [`Model::get`]; `.await` gives `Option<M>`, or `Option<P>`
/// after `.project::<P>()`.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Get<'a, M, P = M> {
    db: &'a Db,
    key: Result<Item, ConversionError>,
    consistent_read: bool,
    hide_expired: bool,
    model: PhantomData<fn() -> (M, P)>,
}

impl<'a, M: Model> Get<'a, M> {
    pub(crate) fn new(db: &'a Db, key: Result<Item, ConversionError>) -> Self {
        Get {
            db,
            key,
            consistent_read: false,
            hide_expired: false,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, P: Projection<M>> Get<'a, M, P> {
    /// Reads only the attributes of projection `Q` (see [`Projection`]), and gives a `Q`.
    pub fn project<Q: Projection<M>>(self) -> Get<'a, M, Q> {
        Get {
            db: self.db,
            key: self.key,
            consistent_read: self.consistent_read,
            hide_expired: self.hide_expired,
            model: PhantomData,
        }
    }

    /// Gives `None` for an item whose `#[dynamo(ttl)]` time has passed: DynamoDB deletes
    /// expired items only eventually, and until then reads return them.
    pub fn hide_expired(mut self) -> Self {
        self.hide_expired = M::SCHEMA.ttl.is_some();
        self
    }

    /// Asks for a strongly consistent read, which sees every write acknowledged before it
    /// (eventually consistent by default, at half the read cost).
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// The `GetItem` request this builder sends, exactly as sent, without sending it.
    pub fn request(&self) -> Result<GetItemInput, Error> {
        Ok(built(self.input(self.key.clone()?).build()))
    }

    /// The request, with the key item given (moved in when sending, not cloned).
    fn input(&self, key: Item) -> GetItemInputBuilder {
        let mut placeholders = Placeholders::new();
        let projection = projection_paths::<M, P>(self.hide_expired)
            .map(|paths| paths.render(&mut placeholders));
        GetItemInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .set_key(Some(key))
            .consistent_read(self.consistent_read)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_return_consumed_capacity(self.db.return_capacity())
    }

    async fn run(mut self) -> Result<Option<P>, Error> {
        let key = take_key(&mut self.key)?;
        let input = self.input(key);
        let table = input.get_table_name().clone().unwrap_or_default();
        let span = request_span("GetItem", &table, None);
        let output = input
            .send_with(self.db.client())
            .instrument(span.clone())
            .await
            .map_err(|e| Error::sdk("GetItem", &table, e))?;
        finish(
            self.db,
            &span,
            "GetItem",
            usize::from(output.item.is_some()),
            output.consumed_capacity(),
        );
        match output.item {
            Some(item)
                if self.hide_expired && M::SCHEMA.ttl.is_some_and(|ttl| expired(&item, ttl)) =>
            {
                Ok(None)
            }
            Some(item) => Ok(Some(load::<M, P>(item)?)),
            None => Ok(None),
        }
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Get<'a, M, P> {
    type Output = Result<Option<P>, Error>;
    type IntoFuture = OpFuture<'a, Option<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Writes one item. Made by [`Model::put`] (replace) and [`Model::create`] (only if new).
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
        let mut placeholders = Placeholders::new();
        let condition = write_condition::<M>(
            self.condition.as_ref(),
            prepared.expected_version,
            self.only_if_new,
            &mut placeholders,
        )?;
        Ok(PutItemInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .set_item(Some(prepared.item))
            .set_condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .set_return_values_on_condition_check_failure(
                prepared
                    .expected_version
                    .map(|_| ReturnValuesOnConditionCheckFailure::AllOld),
            )
            .set_return_values(returns)
            .set_return_consumed_capacity(self.db.return_capacity()))
    }

    /// Writes the item and gives the item it replaced, if there was one.
    pub async fn return_old(self) -> Result<Option<M>, Error> {
        match self.run(Some(ReturnValue::AllOld)).await? {
            Some(old) if !old.is_empty() => Ok(Some(load::<M, M>(old)?)),
            _ => Ok(None),
        }
    }

    async fn run(self, returns: Option<ReturnValue>) -> Result<Option<Item>, Error> {
        self.model
            .before_save_async(self.db)
            .await
            .map_err(|e| Error::hook::<M>("before_save_async", e))?;
        let prepared = prepare(self.model, self.only_if_new)?;
        let expected = prepared.expected_version;
        let input = self.input(prepared, returns)?;
        let table = input.get_table_name().clone().unwrap_or_default();
        let span = request_span("PutItem", &table, None);
        let result = input
            .send_with(self.db.client())
            .instrument(span.clone())
            .await;
        match result {
            Ok(output) => {
                finish(self.db, &span, "PutItem", 1, output.consumed_capacity());
                saved(self.model, expected)?;
                self.model
                    .after_save_async(self.db)
                    .await
                    .map_err(|e| Error::hook::<M>("after_save_async", e))?;
                Ok(output.attributes)
            }
            Err(e) => {
                if self.only_if_new && is_condition_failure(&e) {
                    let stored = stored_item(&e);
                    // An item with the key is there; or, when DynamoDB did not return it, the
                    // key condition is the one left to fail (a version conflict is told apart
                    // by `write_error`).
                    let exists = stored.is_some_and(|item| !item.is_empty())
                        || (self.condition.is_none()
                            && version_conflict::<M>(&table, expected, stored).is_none());
                    if exists {
                        return Err(Error::AlreadyExists { table });
                    }
                }
                Err(write_error::<M, _, _>("PutItem", table, expected, e))
            }
        }
    }
}

/// What a successful write of a whole model does to it: record the version written, then run
/// `after_save`.
pub(crate) fn saved<M: Model>(model: &mut M, expected: Option<u64>) -> Result<(), Error> {
    if let Some(expected) = expected {
        model.set_version(expected.saturating_add(1));
    }
    model
        .after_save()
        .map_err(|e| Error::hook::<M>("after_save", e))
}

impl<'a, M: Model + Send + 'a> IntoFuture for Put<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(None).await.map(|_| ()) })
    }
}

/// Deletes one item by key. Made by [`Model::delete`]; deleting an absent item succeeds
/// (unless a condition says otherwise). The model's `before_delete` hook runs first.
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

    /// Deletes only if `condition` holds for the stored item; otherwise `.await` fails with
    /// [`Error::ConditionFailed`]. A second call combines both conditions with AND.
    pub fn condition(mut self, condition: Condition) -> Self {
        Condition::and_into(&mut self.condition, condition);
        self
    }

    /// Deletes only if the stored item has this `#[dynamo(version)]` (the version of the model
    /// as it was read); otherwise `.await` fails with [`Error::VersionConflict`]. Does nothing
    /// for a model without a version.
    pub fn if_version(mut self, version: u64) -> Self {
        self.expected_version = M::SCHEMA.version.map(|_| version);
        self
    }

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
        let condition = write_condition::<M>(
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
                self.expected_version
                    .map(|_| ReturnValuesOnConditionCheckFailure::AllOld),
            )
            .set_return_values(returns)
            .set_return_consumed_capacity(self.db.return_capacity()))
    }

    /// Deletes the item and gives it as it was, if there was one.
    pub async fn return_old(self) -> Result<Option<M>, Error> {
        match self.run(Some(ReturnValue::AllOld)).await? {
            Some(old) if !old.is_empty() => Ok(Some(load::<M, M>(old)?)),
            _ => Ok(None),
        }
    }

    async fn run(mut self, returns: Option<ReturnValue>) -> Result<Option<Item>, Error> {
        let key = take_key(&mut self.key)?;
        let input = self.input(key, returns)?;
        if let Some(key) = input.get_key() {
            M::before_delete_async(key, self.db)
                .await
                .map_err(|e| Error::hook::<M>("before_delete_async", e))?;
            M::before_delete(key).map_err(|e| Error::hook::<M>("before_delete", e))?;
        }
        let table = input.get_table_name().clone().unwrap_or_default();
        let span = request_span("DeleteItem", &table, None);
        let result = input
            .send_with(self.db.client())
            .instrument(span.clone())
            .await;
        match result {
            Ok(output) => {
                finish(self.db, &span, "DeleteItem", 1, output.consumed_capacity());
                Ok(output.attributes)
            }
            Err(e) => Err(write_error::<M, _, _>(
                "DeleteItem",
                table,
                self.expected_version,
                e,
            )),
        }
    }
}

impl<'a, M: Model + Send + 'a> IntoFuture for Delete<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(None).await.map(|_| ()) })
    }
}
