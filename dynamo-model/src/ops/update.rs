//! UpdateItem: typed actions on one item, an optional condition, the item as it is afterwards.

use crate::operation::Operation;
use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::update_item::UpdateItemInput;
use aws_sdk_dynamodb::operation::update_item::builders::UpdateItemInputBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};

use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::update_item::{UpdateItemError, UpdateItemOutput};

use super::{OpFuture, send_one, write_error};
use crate::behaviour::Failures;
use crate::db::Db;
use crate::db::{Attempts, watch};
use crate::error::Error;
use crate::expr::{Condition, Placeholders, Update, UpdateActions};
use crate::model::{Model, Projection};
use crate::schema::SchemaVersion;
use crate::value::ConversionError;
use crate::value::Item;

/// Changes attributes of one item in place. Made by [`ModelExt::update`](crate::ModelExt::update)
/// and [`ModelExt::update_item`](crate::ModelExt::update_item); `.await` gives the item as it is
/// after the update. The actions (`set`, `increment`, `unset`, ...) are the [`UpdateActions`]
/// methods, in scope through the prelude.
///
/// Only the named attributes change: `set(&f.home.zip, ..)` writes `home.zip` and leaves the
/// rest of `home` alone. An update of an absent item creates it with just the key and the
/// updated attributes, which the model may not be able to read; add
/// `.condition(f.id.exists())` to update existing items only.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::prelude::*;
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     lives: u8,
///     nickname: Option<String>,
/// }
///
/// let f = Cat::fields();
/// let cat = Cat::update(db, "c1")
///     .decrement(&f.lives, 1)
///     .unset(&f.nickname)
///     .condition(f.lives.gt(0))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct UpdateItem<'a, M> {
    db: &'a Db,
    key: Result<Item, ConversionError>,
    update: Update,
    condition: Option<Condition>,
    expected_version: Option<u64>,
    /// Whether a missing item is created (`upsert`) instead of being [`Error::NotFound`].
    upsert: bool,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> UpdateItem<'a, M> {
    pub(crate) fn new(db: &'a Db, key: Result<Item, ConversionError>) -> Self {
        UpdateItem {
            db,
            key,
            update: Update::new(),
            condition: None,
            expected_version: None,
            upsert: false,
            model: PhantomData,
        }
    }

    condition_options!(
        "Updates",
        " (Every update of a versioned model adds 1 to its version, with or without this check.)"
    );

    /// Creates the item when there is none, instead of failing with [`Error::NotFound`]: a
    /// create-or-update (DynamoDB's own `UpdateItem` semantics).
    ///
    /// The item it would create holds only the key and what the update writes, so before
    /// anything is sent the update must write every attribute the model requires (the others
    /// being `Option`s or `#[dynamo(default)]`): otherwise `.await` fails with
    /// [`Error::IncompleteUpsert`] naming the first missing one, and nothing is written. So an
    /// upsert never leaves an item the model cannot read.
    pub fn upsert(mut self) -> Self {
        self.upsert = true;
        self
    }

    /// Updates and gives the item as it was before, if there was one.
    pub fn return_old(self) -> OpFuture<'a, Option<M>>
    where
        M: Send + 'a,
    {
        Box::pin(async move { super::load_old::<M, M>(self.run(ReturnValue::AllOld).await?) })
    }

    /// Updates and gives the whole new item read as projection `P` (or the model).
    pub fn return_new<P: Projection<M> + Send + 'a>(self) -> OpFuture<'a, P>
    where
        M: Send + 'a,
    {
        Box::pin(async move {
            let new = self.run(ReturnValue::AllNew).await?;
            super::load::<M, P>(new.unwrap_or_default())
        })
    }

    /// Updates and gives just the updated attributes, as they are now, read as projection `P`
    /// (DynamoDB's `UPDATED_NEW`).
    pub fn return_updated<P: Projection<M> + Send + 'a>(self) -> OpFuture<'a, P>
    where
        M: Send + 'a,
    {
        Box::pin(async move {
            let updated = self.run(ReturnValue::UpdatedNew).await?;
            super::load::<M, P>(updated.unwrap_or_default())
        })
    }

    /// Updates and gives just the updated attributes as they were before, read as projection
    /// `P`, or `None` if none of them existed (DynamoDB's `UPDATED_OLD`).
    pub fn return_updated_old<P: Projection<M> + Send + 'a>(self) -> OpFuture<'a, Option<P>>
    where
        M: Send + 'a,
    {
        Box::pin(async move { super::load_old::<M, P>(self.run(ReturnValue::UpdatedOld).await?) })
    }

    /// The `UpdateItem` request `.await` sends, exactly as sent, without sending it: with the
    /// model's timestamps and version bump added, after the values it sets passed validation.
    pub fn request(&self) -> Result<UpdateItemInput, Error> {
        Ok(super::built(
            self.input(self.key.clone()?, ReturnValue::AllNew)?.build(),
        ))
    }

    /// The request, with the key item given (moved in when sending, not cloned).
    fn input(&self, key: Item, returns: ReturnValue) -> Result<UpdateItemInputBuilder, Error> {
        let mut placeholders = Placeholders::new();
        // The timestamps and version bump, made once: rendered, and checked by an upsert.
        let mut extra = behaviour_actions::<M>(&self.update, std::time::SystemTime::now());
        if self.upsert
            && let Some(versions) = M::SCHEMA.schema_version
        {
            // An item the upsert creates is of the current version.
            let stamp = SchemaVersion::stamp(versions.current);
            extra = Some(
                extra
                    .unwrap_or_default()
                    .set_attribute(versions.attribute, stamp),
            );
        }
        let update = render_with_behaviours::<M>(&self.update, extra.as_ref(), &mut placeholders)?;
        let mut condition = super::write_condition(
            &M::SCHEMA,
            self.condition.as_ref(),
            self.expected_version,
            false,
            &mut placeholders,
        )?;
        let capped = version_cap::<M>(&self.update, &mut placeholders);
        if let Some(cap) = capped.clone() {
            condition = Some(super::write::and_text(cap, condition));
        }
        if self.upsert {
            creatable::<M>(&self.update, extra.as_ref(), &key)?;
        } else {
            // An update changes an existing item; it never invents a partial one.
            let exists = crate::expr::exists_text(M::SCHEMA.partition_key.name, &mut placeholders);
            condition = Some(super::write::and_text(exists, condition));
        }
        if let Some(versions) = M::SCHEMA.schema_version {
            // An update changes attributes of the current shape: it applies to an item of the
            // current version only (an older one is upgraded first, see `run`).
            let mut current = crate::behaviour::upgrade::stamp_condition(
                &versions,
                versions.current,
                &mut placeholders,
            );
            if self.upsert {
                let pk = M::SCHEMA.partition_key.name;
                let absent = crate::expr::not_exists_text(pk, &mut placeholders);
                current = format!("({absent} OR {current})");
            }
            condition = Some(super::write::and_text(current, condition));
        }
        let on_failure = condition
            .is_some()
            .then_some(ReturnValuesOnConditionCheckFailure::AllOld);
        Ok(UpdateItemInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .set_key(Some(key))
            .update_expression(update)
            .set_condition_expression(condition)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .return_values(returns)
            .set_return_values_on_condition_check_failure(on_failure)
            .set_return_consumed_capacity(self.db.return_capacity()))
    }

    /// The update of a unique attribute: one transaction with the markers of the value it gives
    /// and of the one it replaces. A unique attribute is changed by `set` or `unset` only.
    fn unique_write(
        &self,
        key: Item,
        returns: ReturnValue,
    ) -> Result<super::unique::UniqueWrite<'static>, Error> {
        let mut assigned = Vec::new();
        for &attribute in M::SCHEMA.uniques {
            if !self.update.touches(attribute) {
                continue;
            }
            let value = self.update.assigned(attribute).map_err(|()| Error::InvalidRequest {
                operation: Operation::UpdateItem,
                reason: format!(
                    "the unique attribute `{attribute}` is changed by `set` to a value, or by `unset`, so that its marker item follows it"
                ),
            })?;
            assigned.push((attribute, value));
        }
        let upsert = self.upsert;
        let after = move |old: Option<&Item>| -> Result<Option<Item>, Error> {
            let Some(mut item) = old.cloned().or_else(|| upsert.then(Item::new)) else {
                return Ok(None);
            };
            for (attribute, value) in &assigned {
                match value {
                    Some(value) => item.insert((*attribute).to_owned(), value.clone()),
                    None => item.remove(*attribute),
                };
            }
            Ok(Some(item))
        };
        Ok(super::unique::UniqueWrite {
            schema: M::SCHEMA,
            operation: Operation::UpdateItem,
            action: super::unique::ItemAction::Update(self.input(key, returns)?),
            only_if_new: false,
            upsert,
            expected_version: self.expected_version,
            after: Box::new(after),
        })
    }

    /// Whether `stored`, found when the condition failed on a retry, is this update applied:
    /// every action shows in it and, for a versioned model checked at a version, it has the
    /// next one.
    fn landed_earlier(&self, stored: &Item) -> bool {
        let version_moved_on = match (M::SCHEMA.version, self.expected_version) {
            (Some(attribute), Some(expected)) => {
                crate::behaviour::version::stored(Some(stored), attribute)
                    == Some(expected.saturating_add(1))
            }
            _ => true,
        };
        version_moved_on && self.update.shown_in(stored)
    }

    async fn run(mut self, returns: ReturnValue) -> Result<Option<Item>, Error> {
        let key = super::take_key(&mut self.key)?;
        let returns_new = matches!(returns, ReturnValue::AllNew | ReturnValue::UpdatedNew);
        if M::SCHEMA.uniques.iter().any(|a| self.update.touches(a)) {
            let write = self.unique_write(key.clone(), returns)?;
            let old = write.send(self.db).await?;
            return match returns_new {
                true => super::unique::read(self.db, &self.db.table_name_of::<M>(), key).await,
                false => Ok(old),
            };
        }
        // Only a model with a schema version may send again (after upgrading an older item);
        // the last try it may make takes the key rather than a copy.
        let tries_left = match M::SCHEMA.schema_version {
            Some(_) => super::upgrade::RACES,
            None => 0,
        };
        let mut key = key;
        let mut upgrades = 0;
        let (table, result, attempts) = loop {
            let this_try = match upgrades < tries_left {
                true => key.clone(),
                false => std::mem::take(&mut key),
            };
            let input = self.input(this_try, returns.clone())?;
            let sent = send_update(self.db, M::SCHEMA.name, input).await;
            // The item is of an earlier schema version: upgrade it, then update it.
            if let Err(e) = &sent.1
                && let Some(stored) = older_shape::<M>(e)
                && upgrades < tries_left
            {
                upgrades += 1;
                super::upgrade::write_back::<M>(self.db, stored.clone()).await?;
                continue;
            }
            break sent;
        };
        // The condition failed on a retry, and the stored item already shows this update at
        // the next version: an earlier attempt landed and its answer was lost.
        if let Err(e) = &result
            && let Some(Some(stored)) = super::write::retried_condition_failure(attempts.count, e)
            && self.landed_earlier(stored)
        {
            return Ok(returns_new.then(|| stored.clone()));
        }
        match result {
            Ok(output) => Ok(output.attributes),
            Err(e) => {
                let version = M::SCHEMA
                    .version
                    .map(|attribute| (attribute, M::VERSION_MAX));
                if let Some(exhausted) = version_exhausted(version, &table, &e) {
                    return Err(exhausted);
                }
                // No item with the key: an update is not an upsert, and nothing was written.
                if !self.upsert
                    && super::write::is_condition_failure(&e)
                    && super::write::stored_item(&e).is_none_or(Item::is_empty)
                {
                    return Err(Error::NotFound { table });
                }
                Err(write_error(
                    Operation::UpdateItem,
                    M::SCHEMA.version,
                    table,
                    self.expected_version,
                    e,
                    attempts,
                ))
            }
        }
    }
}

/// The stored item an update's condition failed on, when it is stamped with another schema
/// version than the model's.
fn older_shape<M: Model>(error: &SdkError<UpdateItemError, HttpResponse>) -> Option<&Item> {
    let versions = M::SCHEMA.schema_version?;
    if !super::write::is_condition_failure(error) {
        return None;
    }
    let stored = super::write::stored_item(error).filter(|item| !item.is_empty())?;
    (versions.of(stored).ok()? != versions.current).then_some(stored)
}

/// Refuses an upsert that could create an item the model cannot read: the key and what the
/// update (with the model's timestamps and version) writes must read as the model.
fn creatable<M: Model>(update: &Update, extra: Option<&Update>, key: &Item) -> Result<(), Error> {
    let mut item = key.clone();
    for (name, value) in update
        .creation_values()
        .into_iter()
        .chain(extra.into_iter().flat_map(Update::creation_values))
    {
        item.entry(name.to_owned()).or_insert_with(|| value.clone());
    }
    match M::from_item(item) {
        Ok(_) => Ok(()),
        Err(problem) => Err(Error::IncompleteUpsert {
            table: M::SCHEMA.table.to_owned(),
            problem,
        }),
    }
}

/// What the model's behaviours add to an update: its timestamps, and 1 on its version, unless
/// the update sets them itself or is a counter update.
fn behaviour_actions<M: Model>(update: &Update, now: std::time::SystemTime) -> Option<Update> {
    let none = M::SCHEMA.created_at.is_none()
        && M::SCHEMA.updated_at.is_none()
        && M::SCHEMA.version.is_none();
    if none || update.is_counter_update(M::SCHEMA.counters) {
        return None;
    }
    let mut extra = M::stamp_update(update, now);
    if let Some(version) = M::SCHEMA.version
        && !update.touches(version)
    {
        extra = extra.add_attribute(version, AttributeValue::N("1".to_owned()));
    }
    Some(extra)
}

/// The condition that keeps an update's version bump within the version field's type, for a
/// versioned model whose update does not set the version itself.
pub(crate) fn version_cap<M: Model>(
    update: &Update,
    placeholders: &mut Placeholders,
) -> Option<String> {
    let attribute = M::SCHEMA.version?;
    (!update.touches(attribute) && !update.is_counter_update(M::SCHEMA.counters))
        .then(|| crate::behaviour::version::below_max(attribute, M::VERSION_MAX, placeholders))
}

/// [`Error::VersionExhausted`] when an update failed because the stored version is already the
/// largest the version field holds.
fn version_exhausted(
    version: Option<(&'static str, u64)>,
    table: &str,
    error: &SdkError<UpdateItemError, HttpResponse>,
) -> Option<Error> {
    let (attribute, max) = version?;
    if !super::write::is_condition_failure(error) {
        return None;
    }
    let stored = crate::behaviour::version::stored(super::write::stored_item(error), attribute)?;
    (stored >= max).then(|| Error::VersionExhausted {
        table: table.to_owned(),
        attribute,
        max,
    })
}

/// Sends an update of `model`'s item and gives the table, the outcome and the SDK's attempts
/// at it. Apart from the model's type, so that it is compiled once.
async fn send_update(
    db: &Db,
    model: &'static str,
    input: UpdateItemInputBuilder,
) -> (
    String,
    Result<UpdateItemOutput, SdkError<UpdateItemError, HttpResponse>>,
    Attempts,
) {
    let table = input.get_table_name().clone().unwrap_or_default();
    let (result, attempts) = watch(send_one(
        db,
        Operation::UpdateItem,
        model,
        &table,
        input.send_with(db.client()),
        |_| 1,
        UpdateItemOutput::consumed_capacity,
    ))
    .await;
    (table, result, attempts)
}

/// Renders the update of a model of type `M`, with what the model's behaviours add: the values
/// it sets checked against the validation rules, the timestamps set, the version bumped.
pub(crate) fn render_update<M: Model>(
    update: &Update,
    placeholders: &mut Placeholders,
) -> Result<String, Error> {
    let extra = behaviour_actions::<M>(update, std::time::SystemTime::now());
    render_with_behaviours::<M>(update, extra.as_ref(), placeholders)
}

/// [`render_update`] with the behaviours' actions already made (`extra`, from
/// [`behaviour_actions`]), for a caller that needs them too.
fn render_with_behaviours<M: Model>(
    update: &Update,
    extra: Option<&Update>,
    placeholders: &mut Placeholders,
) -> Result<String, Error> {
    let mut failures = Failures::new();
    for (name, value) in update.set_values() {
        M::validate_value(name, value, &mut failures);
    }
    failures.into_result(M::SCHEMA.table)?;
    // A timestamp or version the update sets itself is left to it.
    match extra {
        Some(extra) => Ok(update.render_with(std::slice::from_ref(extra), placeholders)?),
        None => Ok(update.render(placeholders)?),
    }
}

impl<M> crate::expr::update::sealed::HasUpdate for UpdateItem<'_, M> {
    fn update_mut(&mut self) -> &mut Update {
        &mut self.update
    }
}

impl<M: Model> UpdateActions for UpdateItem<'_, M> {}

impl<'a, M: Model + Send + 'a> IntoFuture for UpdateItem<'a, M> {
    type Output = Result<M, Error>;
    type IntoFuture = OpFuture<'a, M>;

    fn into_future(self) -> Self::IntoFuture {
        self.return_new::<M>()
    }
}
