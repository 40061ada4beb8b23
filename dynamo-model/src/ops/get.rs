//! Reading one item by key.

use crate::operation::Operation;
use aws_sdk_dynamodb::operation::get_item::GetItemInput;
use aws_sdk_dynamodb::operation::get_item::builders::GetItemInputBuilder;

use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::get_item::GetItemOutput;

use super::telemetry::send_one;
use super::ttl::{expired, projection_paths};
use super::{OpFuture, built, load, take_key};
use crate::db::Db;
use crate::error::Error;
use crate::expr::Placeholders;
use crate::model::{Model, Projection};
use crate::value::ConversionError;
use crate::value::Item;

/// Reads one item by key. Made by [`ModelExt::get`](crate::ModelExt::get); `.await` gives
/// `Option<M>`, or `Option<P>` after `.project::<P>()`.
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
        match send_get(self.db, M::SCHEMA.name, input).await? {
            Some(item)
                if self.hide_expired && M::SCHEMA.ttl.is_some_and(|ttl| expired(&item, ttl)) =>
            {
                Ok(None)
            }
            Some(item) => Ok(Some(super::load_read::<M, P>(item)?)),
            None => Ok(None),
        }
    }
}

impl<'a, M: Model + Send + 'a> Get<'a, M> {
    /// Reads the item and, if it is stamped with an earlier schema version, writes it back in
    /// the current shape (see [`Upgrade`](crate::Upgrade)), on the condition that its stamp
    /// is still the one read: a writer that changed the item meanwhile keeps its write, and the
    /// item is read again. `.await` gives the model, as a plain `get` does.
    ///
    /// For a model without `schema_version`, or an item of the current version, it is a plain
    /// `get`.
    pub fn write_back(self) -> OpFuture<'a, Option<M>> {
        Box::pin(async move {
            let mut get = self.consistent_read(true);
            let key = take_key(&mut get.key)?;
            let mut last = None;
            for _ in 0..super::upgrade::RACES {
                let Some(item) = send_get(get.db, M::SCHEMA.name, get.input(key.clone())).await?
                else {
                    return Ok(None);
                };
                last = Some(item.clone());
                if let Some(model) = super::upgrade::write_back::<M>(get.db, item).await?.model() {
                    return Ok(Some(model));
                }
            }
            // Changed under every try: the last read is still the item, upgraded.
            last.map(load::<M, M>).transpose()
        })
    }
}

/// Sends a get of `model`'s item and gives the item, if there is one. Apart from the model's
/// type, so that it is compiled once.
async fn send_get(
    db: &Db,
    model: &'static str,
    input: GetItemInputBuilder,
) -> Result<Option<Item>, Error> {
    let table = input.get_table_name().clone().unwrap_or_default();
    let (result, attempts) = crate::db::watch(send_one(
        db,
        Operation::GetItem,
        model,
        &table,
        input.send_with(db.client()),
        |o| usize::from(o.item.is_some()),
        GetItemOutput::consumed_capacity,
    ))
    .await;
    let output = result.map_err(|e| Error::sdk(Operation::GetItem, &table, e, attempts))?;
    Ok(output.item)
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Get<'a, M, P> {
    type Output = Result<Option<P>, Error>;
    type IntoFuture = OpFuture<'a, Option<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
