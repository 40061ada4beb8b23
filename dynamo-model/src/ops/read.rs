//! Query and Scan: many items, read page by page.

use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::query::QueryInput;
use aws_sdk_dynamodb::operation::scan::ScanInput;

use super::OpFuture;
use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::expr::{Condition, KeyCondition, Placeholders, RangeCondition, RangeKey};
use crate::model::{KeyType, Model, Projection, SortKey};
use crate::value::Item;

/// Reads the items of one partition, optionally narrowed by a sort key condition and a filter.
/// Made by [`Model::query`]; `.await` gives every matching item, reading page after page.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::prelude::*;
///
/// #[derive(Model)]
/// struct Visit {
///     #[dynamo(hash_key)]
///     cat: String,
///     #[dynamo(range_key)]
///     day: String,
///     minutes: u32,
/// }
///
/// let june: Vec<Visit> = Visit::query(db, "tom")
///     .range(|day| day.begins_with("2024-06"))
///     .filter(Visit::fields().minutes.ge(30))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct Query<'a, M, P = M> {
    db: &'a Db,
    key: Result<KeyCondition, ConversionError>,
    filter: Option<Condition>,
    consistent_read: bool,
    forward: bool,
    model: PhantomData<fn() -> (M, P)>,
}

impl<'a, M: Model> Query<'a, M> {
    pub(crate) fn new(db: &'a Db, hash: <M::HashKey as KeyType>::Arg<'_>) -> Self
    where
        M::HashKey: KeyType,
    {
        let name = M::SCHEMA.hash_key.name;
        let key = crate::value::key_attribute(name, &hash)
            .map(|value| KeyCondition::partition_value(name, value));
        Query {
            db,
            key,
            filter: None,
            consistent_read: false,
            forward: true,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, P: Projection<M>> Query<'a, M, P> {
    /// Reads only the attributes of projection `Q` (see [`Projection`]), and gives `Q`s.
    pub fn project<Q: Projection<M>>(self) -> Query<'a, M, Q> {
        Query {
            db: self.db,
            key: self.key,
            filter: self.filter,
            consistent_read: self.consistent_read,
            forward: self.forward,
            model: PhantomData,
        }
    }

    /// Narrows the query to the sort keys the condition accepts: `|k| k.between(1, 9)`,
    /// `|k| k.begins_with("2024-")`. Only sort key conditions exist, so a query cannot name
    /// another attribute here.
    pub fn range(mut self, condition: impl FnOnce(RangeKey<M::RangeKey>) -> RangeCondition) -> Self
    where
        M::RangeKey: SortKey,
    {
        let name = M::SCHEMA.range_key.map_or("", |key| key.name);
        let range = condition(RangeKey::new(name));
        self.key = self.key.map(|key| key.with_range(range));
        self
    }

    /// Returns only the items the condition accepts. DynamoDB applies a filter after reading,
    /// so filtered-out items still cost read capacity.
    pub fn filter(mut self, condition: Condition) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(earlier) => earlier.and(condition),
            None => condition,
        });
        self
    }

    /// Asks for strongly consistent reads.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Returns the items in descending sort key order.
    pub fn reverse(mut self) -> Self {
        self.forward = false;
        self
    }

    /// The `Query` request of the first page, without sending it.
    pub fn request(&self) -> Result<QueryInput, Error> {
        let key = self.key.as_ref().map_err(Clone::clone)?;
        let mut placeholders = Placeholders::new();
        let key_condition = key.render(&mut placeholders)?;
        let filter = self
            .filter
            .as_ref()
            .map(|f| f.render(&mut placeholders))
            .transpose()?;
        let projection = P::paths().map(|paths| paths.render(&mut placeholders));
        Ok(QueryInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .key_condition_expression(key_condition)
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .consistent_read(self.consistent_read)
            .scan_index_forward(self.forward)
            .build()
            .unwrap_or_else(|_| unreachable!("QueryInput has no required fields")))
    }

    async fn run(self) -> Result<Vec<P>, Error> {
        let input = self.request()?;
        let table = input.table_name.clone().unwrap_or_default();
        let mut items = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let output = self
                .db
                .client()
                .query()
                .set_projection_expression(input.projection_expression.clone())
                .set_table_name(input.table_name.clone())
                .set_key_condition_expression(input.key_condition_expression.clone())
                .set_filter_expression(input.filter_expression.clone())
                .set_expression_attribute_names(input.expression_attribute_names.clone())
                .set_expression_attribute_values(input.expression_attribute_values.clone())
                .set_consistent_read(input.consistent_read)
                .set_scan_index_forward(input.scan_index_forward)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| Error::sdk("Query", &table, e))?;
            for item in output.items.unwrap_or_default() {
                items.push(P::from_item(item)?);
            }
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(items),
            }
        }
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Query<'a, M, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Reads every item of the table, optionally filtered. Made by [`Model::scan`]; `.await` gives
/// every matching item, reading page after page.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Scan<'a, M, P = M> {
    db: &'a Db,
    filter: Option<Condition>,
    consistent_read: bool,
    model: PhantomData<fn() -> (M, P)>,
}

impl<'a, M: Model> Scan<'a, M> {
    pub(crate) fn new(db: &'a Db) -> Self {
        Scan {
            db,
            filter: None,
            consistent_read: false,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, P: Projection<M>> Scan<'a, M, P> {
    /// Reads only the attributes of projection `Q` (see [`Projection`]), and gives `Q`s.
    pub fn project<Q: Projection<M>>(self) -> Scan<'a, M, Q> {
        Scan {
            db: self.db,
            filter: self.filter,
            consistent_read: self.consistent_read,
            model: PhantomData,
        }
    }

    /// Returns only the items the condition accepts (every item is still read and paid for).
    pub fn filter(mut self, condition: Condition) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(earlier) => earlier.and(condition),
            None => condition,
        });
        self
    }

    /// Asks for strongly consistent reads.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// The `Scan` request of the first page, without sending it.
    pub fn request(&self) -> Result<ScanInput, Error> {
        let mut placeholders = Placeholders::new();
        let filter = self
            .filter
            .as_ref()
            .map(|f| f.render(&mut placeholders))
            .transpose()?;
        let projection = P::paths().map(|paths| paths.render(&mut placeholders));
        Ok(ScanInput::builder()
            .table_name(self.db.table_name_of::<M>())
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .consistent_read(self.consistent_read)
            .build()
            .unwrap_or_else(|_| unreachable!("ScanInput has no required fields")))
    }

    async fn run(self) -> Result<Vec<P>, Error> {
        let input = self.request()?;
        let table = input.table_name.clone().unwrap_or_default();
        let mut items = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let output = self
                .db
                .client()
                .scan()
                .set_projection_expression(input.projection_expression.clone())
                .set_table_name(input.table_name.clone())
                .set_filter_expression(input.filter_expression.clone())
                .set_expression_attribute_names(input.expression_attribute_names.clone())
                .set_expression_attribute_values(input.expression_attribute_values.clone())
                .set_consistent_read(input.consistent_read)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| Error::sdk("Scan", &table, e))?;
            for item in output.items.unwrap_or_default() {
                items.push(P::from_item(item)?);
            }
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(items),
            }
        }
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Scan<'a, M, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
