//! Read transactions: TransactGetItems across models and tables.

use crate::operation::Operation;
use std::future::IntoFuture;

use aws_sdk_dynamodb::types::{Get as GetAction, TransactGetItem};
use tracing::Instrument;

use super::{MAX_TRANSACTION_ACTIONS, built};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::model::Model;
use crate::ops::{OpFuture, finish, request_span};
use crate::value::ConversionError;
use crate::value::Item;

/// A read transaction: up to 100 gets across models and tables, read as of one moment.
/// `.await` gives the items in the order of the gets; [`TransactionItems::take`] reads each as
/// its model.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::TransactionGet;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Account { #[dynamo(partition_key)] id: String, balance: i64 }
/// let mut items = TransactionGet::new(db).get::<Account>("alice").get::<Account>("bob").await?;
/// let alice: Option<Account> = items.take(0)?;
/// let bob: Option<Account> = items.take(1)?;
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct TransactionGet<'a> {
    db: &'a Db,
    gets: Result<Vec<TransactGetItem>, ConversionError>,
    /// Each get's table and model, for the capacity meter.
    models: Vec<(String, &'static str)>,
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
            Some(item) => crate::ops::load::<M, M>(item).map(Some),
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
            models: Vec::new(),
        }
    }

    /// Reads the item of model `M` with this key.
    pub fn get<M: Model>(mut self, key: impl crate::model::KeyArg<M>) -> Self {
        let table = self.db.table_name_of::<M>();
        self.models.push((table.clone(), M::SCHEMA.name));
        let key = key.key_item();
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
        let pairs: Vec<(&str, &'static str)> =
            self.models.iter().map(|(t, m)| (t.as_str(), *m)).collect();
        let models = Models::PerItem(&pairs);
        let span = request_span(Operation::TransactGetItems, models, "(transaction)", None);
        let request = self
            .db
            .client()
            .transact_get_items()
            .set_transact_items(Some(gets))
            .set_return_consumed_capacity(self.db.return_capacity())
            .send()
            .instrument(span.clone());
        let (result, attempts) = crate::db::watch(request).await;
        let output = result
            .map_err(|e| Error::sdk(Operation::TransactGetItems, "(transaction)", e, attempts))?;
        let found = output
            .responses()
            .iter()
            .filter(|r| r.item.is_some())
            .count();
        finish(
            self.db,
            &span,
            Operation::TransactGetItems,
            models,
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
