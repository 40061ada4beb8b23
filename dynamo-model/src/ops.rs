//! Single-item operations: the builders that [`Model::get`], [`Model::put`],
//! [`Model::create`] and [`Model::delete`] return.
//!
//! Each builder runs when it is `.await`ed, so options chain before the await:
//! `Cat::get(&db, "c1").consistent_read(true).await`.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::model::Model;
use crate::value::Item;

/// The future an operation builder turns into when awaited.
pub type OpFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// Reads one item by key. Made by [`Model::get`]; `.await` gives `Option<M>`.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Get<'a, M> {
    db: &'a Db,
    key: Result<Item, ConversionError>,
    consistent_read: bool,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> Get<'a, M> {
    pub(crate) fn new(db: &'a Db, key: Result<Item, ConversionError>) -> Self {
        Get {
            db,
            key,
            consistent_read: false,
            model: PhantomData,
        }
    }

    /// Asks for a strongly consistent read, which sees every write acknowledged before it
    /// (eventually consistent by default, at half the read cost).
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    async fn run(self) -> Result<Option<M>, Error> {
        let table = self.db.table_name_of::<M>();
        let output = self
            .db
            .client()
            .get_item()
            .table_name(&table)
            .set_key(Some(self.key?))
            .consistent_read(self.consistent_read)
            .send()
            .await
            .map_err(|e| Error::sdk("GetItem", &table, e))?;
        match output.item {
            Some(item) => Ok(Some(M::from_item(item)?)),
            None => Ok(None),
        }
    }
}

impl<'a, M: Model + Send + 'a> IntoFuture for Get<'a, M> {
    type Output = Result<Option<M>, Error>;
    type IntoFuture = OpFuture<'a, Option<M>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Writes one item. Made by [`Model::put`] (replace) and [`Model::create`] (only if new).
#[must_use = "an operation does nothing until it is awaited"]
pub struct Put<'a, M> {
    db: &'a Db,
    model: &'a M,
    only_if_new: bool,
}

impl<'a, M: Model> Put<'a, M> {
    pub(crate) fn new(db: &'a Db, model: &'a M, only_if_new: bool) -> Self {
        Put {
            db,
            model,
            only_if_new,
        }
    }

    async fn run(self) -> Result<(), Error> {
        let item = self.model.to_item()?;
        let table = self.db.table_name_of::<M>();
        let mut request = self
            .db
            .client()
            .put_item()
            .table_name(&table)
            .set_item(Some(item));
        if self.only_if_new {
            // The hash key is present in every item of the table, so its absence means
            // "no item with this key".
            request = request
                .condition_expression("attribute_not_exists(#key)")
                .expression_attribute_names("#key", M::SCHEMA.hash_key.name);
        }
        match request.send().await {
            Ok(_) => Ok(()),
            Err(e)
                if self.only_if_new
                    && e.as_service_error()
                        .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Err(Error::AlreadyExists { table })
            }
            Err(e) => Err(Error::sdk("PutItem", &table, e)),
        }
    }
}

impl<'a, M: Model + Sync + 'a> IntoFuture for Put<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Deletes one item by key. Made by [`Model::delete`]; deleting an absent item succeeds.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Delete<'a, M> {
    db: &'a Db,
    key: Result<Item, ConversionError>,
    model: PhantomData<fn() -> M>,
}

impl<'a, M: Model> Delete<'a, M> {
    pub(crate) fn new(db: &'a Db, key: Result<Item, ConversionError>) -> Self {
        Delete {
            db,
            key,
            model: PhantomData,
        }
    }

    async fn run(self) -> Result<(), Error> {
        let table = self.db.table_name_of::<M>();
        self.db
            .client()
            .delete_item()
            .table_name(&table)
            .set_key(Some(self.key?))
            .send()
            .await
            .map_err(|e| Error::sdk("DeleteItem", &table, e))?;
        Ok(())
    }
}

impl<'a, M: Model + 'a> IntoFuture for Delete<'a, M> {
    type Output = Result<(), Error>;
    type IntoFuture = OpFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
