//! Query and Scan: many items, read page by page, on a table or one of its indexes.
//!
//! Both builders end in one of several ways: `.await` (every item, all pages), `.stream()` (a
//! `futures::Stream` that pages as it is polled), `.page(cursor)` (one page and a cursor for the
//! next), `.count()`, `.first()` and `.one()`.

use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::query::QueryInput;
use aws_sdk_dynamodb::operation::query::builders::QueryInputBuilder;
use aws_sdk_dynamodb::operation::scan::ScanInput;
use aws_sdk_dynamodb::operation::scan::builders::ScanInputBuilder;
use aws_sdk_dynamodb::types::Select;
use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use tracing::Instrument;

use super::cursor::Cursor;
use super::{OpFuture, finish, request_span};
use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::expr::{Condition, KeyCondition, Placeholders, RangeCondition, RangeKey};
use crate::model::{KeyType, Model, Projection, SortKey};
use crate::value::Item;

/// Carries type parameters that only shape the API.
type Marker<T> = PhantomData<fn() -> T>;

/// One page of results, and the cursor of the next page if there is one.
#[derive(Debug, Clone)]
pub struct Page<P> {
    /// The items of this page, in DynamoDB's order.
    pub items: Vec<P>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// What query and scan share: where to read, what to return, how to page.
struct Reader<'a> {
    db: &'a Db,
    /// The model's base table name (before the `Db`'s prefix and suffix), for cursors.
    base_table: &'static str,
    index: Option<&'static str>,
    filter: Option<Condition>,
    consistent_read: bool,
    page_size: Option<i32>,
    max_items: Option<usize>,
    /// Whether the filter already leaves out expired items.
    hiding_expired: bool,
}

impl<'a> Reader<'a> {
    fn new(db: &'a Db, base_table: &'static str, index: Option<&'static str>) -> Self {
        Reader {
            db,
            base_table,
            index,
            filter: None,
            consistent_read: false,
            page_size: None,
            max_items: None,
            hiding_expired: false,
        }
    }

    /// Adds "not expired" (no TTL attribute, or a TTL still ahead) to the filter, once.
    fn hide_expired(&mut self, ttl: Option<&'static str>) {
        if let (Some(name), false) = (ttl, self.hiding_expired) {
            self.hiding_expired = true;
            self.add_filter(super::ttl::not_expired(name));
        }
    }

    fn add_filter(&mut self, condition: Condition) {
        Condition::and_into(&mut self.filter, condition);
    }

    fn table(&self) -> String {
        self.db.table_name(self.base_table)
    }

    /// One page of `prepared`, starting at `cursor` (refused if it pages something else), read
    /// with `read`, and the cursor of the next page.
    async fn page<P>(
        &self,
        prepared: Prepared,
        cursor: Option<Cursor>,
        read: fn(Item) -> Result<P, Error>,
    ) -> Result<Page<P>, Error> {
        let start = cursor
            .map(|c| c.into_start_key(self.base_table, self.index))
            .transpose()?;
        let page = prepared.send(self.db, start).await?;
        let items = page.items.into_iter().map(read).collect::<Result<_, _>>()?;
        let next = page
            .last_key
            .map(|key| Cursor::new(self.base_table, self.index, key));
        Ok(Page { items, next })
    }
}

/// A request ready to send, page after page: each page sends it as built, with the start key
/// of that page.
enum Prepared {
    Query(QueryInputBuilder),
    Scan(ScanInputBuilder),
}

/// What one page returned.
struct RawPage {
    items: Vec<Item>,
    count: usize,
    last_key: Option<Item>,
}

impl Prepared {
    fn table(&self) -> String {
        match self {
            Prepared::Query(input) => input.get_table_name().clone(),
            Prepared::Scan(input) => input.get_table_name().clone(),
        }
        .unwrap_or_default()
    }

    async fn send(&self, db: &Db, start: Option<Item>) -> Result<RawPage, Error> {
        let table = self.table();
        let (operation, index) = match self {
            Prepared::Query(input) => ("Query", input.get_index_name().as_deref()),
            Prepared::Scan(input) => ("Scan", input.get_index_name().as_deref()),
        };
        let span = request_span(operation, &table, index);
        let (items, count, last_key, consumed) = match self {
            Prepared::Query(input) => {
                let output = input
                    .clone()
                    .set_exclusive_start_key(start)
                    .send_with(db.client())
                    .instrument(span.clone())
                    .await
                    .map_err(|e| Error::sdk("Query", &table, e))?;
                (
                    output.items,
                    output.count,
                    output.last_evaluated_key,
                    output.consumed_capacity,
                )
            }
            Prepared::Scan(input) => {
                let output = input
                    .clone()
                    .set_exclusive_start_key(start)
                    .send_with(db.client())
                    .instrument(span.clone())
                    .await
                    .map_err(|e| Error::sdk("Scan", &table, e))?;
                (
                    output.items,
                    output.count,
                    output.last_evaluated_key,
                    output.consumed_capacity,
                )
            }
        };
        let count = usize::try_from(count).unwrap_or(0);
        finish(db, &span, operation, count, consumed.as_ref());
        Ok(RawPage {
            items: items.unwrap_or_default(),
            count,
            last_key: last_key.filter(|key| !key.is_empty()),
        })
    }
}

/// Every item of a prepared request, page after page, stopping after `max_items`.
fn item_stream<'a, P: Send + 'a>(
    db: &'a Db,
    prepared: Prepared,
    max_items: Option<usize>,
    read: fn(Item) -> Result<P, Error>,
) -> impl Stream<Item = Result<P, Error>> + Send + 'a {
    // State: the request, where the next page starts, and whether there is one.
    let pages = stream::try_unfold(
        (prepared, None::<Item>, true),
        move |(prepared, start, more)| async move {
            if !more {
                return Ok(None);
            }
            let page = prepared.send(db, start).await?;
            let more = page.last_key.is_some();
            Ok::<_, Error>(Some((page.items, (prepared, page.last_key, more))))
        },
    );
    let items = pages
        .map_ok(|items| stream::iter(items.into_iter().map(Ok::<Item, Error>)))
        .try_flatten()
        .and_then(move |item| async move { read(item) });
    items.take(max_items.unwrap_or(usize::MAX))
}

/// Counts across every page.
async fn count_all(db: &Db, prepared: Prepared) -> Result<usize, Error> {
    let mut total = 0;
    let mut start = None;
    loop {
        let page = prepared.send(db, start).await?;
        total += page.count;
        match page.last_key {
            Some(key) => start = Some(key),
            None => return Ok(total),
        }
    }
}

/// The options and reads queries and scans share, written once for both builders: each holds
/// a [`Reader`] and has `stream()`.
macro_rules! shared_read_methods {
    () => {
        /// Returns only the items the condition accepts. DynamoDB applies a filter after
        /// reading, so filtered-out items still cost read capacity.
        pub fn filter(mut self, condition: Condition) -> Self {
            self.reader.add_filter(condition);
            self
        }

        /// Leaves out items whose `#[dynamo(ttl)]` time has passed: DynamoDB deletes expired
        /// items only eventually (within days), and until then reads return them.
        pub fn hide_expired(mut self) -> Self {
            self.reader.hide_expired(M::SCHEMA.ttl);
            self
        }

        /// Asks for strongly consistent reads (not on a global index).
        pub fn consistent_read(mut self, consistent: bool) -> Self {
            self.reader.consistent_read = consistent;
            self
        }

        /// Reads at most `n` items per request (DynamoDB's `Limit`, counted before the filter).
        pub fn page_size(mut self, n: u32) -> Self {
            self.reader.page_size = Some(i32::try_from(n).unwrap_or(i32::MAX));
            self
        }

        /// Stops after `n` items: `.await` and `.stream()` give at most `n`.
        pub fn max_items(mut self, n: usize) -> Self {
            self.reader.max_items = Some(n);
            self
        }

        /// The first matching item, if any (reading only as many pages as it takes).
        pub async fn first(self) -> Result<Option<P>, Error>
        where
            P: Projection<M> + Send + 'a,
        {
            let mut items = self.max_items(1).stream();
            items.next().await.transpose()
        }
    };
}

/// Reads the items of one partition of a table or index, optionally narrowed by a sort key
/// condition and a filter. Made by [`Model::query`] or an index's
/// [`query`](crate::index::Index::query); `.await` gives every matching item.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::prelude::*;
/// use futures::TryStreamExt;
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
/// let mut visits = Visit::query(db, "tom").stream();   // pages as it is polled
/// while let Some(visit) = visits.try_next().await? { /* ... */ }
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct Query<'a, M, R, P = M> {
    reader: Reader<'a>,
    key: Result<KeyCondition, ConversionError>,
    range_name: Option<&'static str>,
    forward: bool,
    model: Marker<(M, R, P)>,
}

impl<'a, M: Model, R> Query<'a, M, R> {
    /// A query of the table (`index` None) or of an index, by the hash key `hash_name`.
    pub(crate) fn new<H: KeyType>(
        db: &'a Db,
        index: Option<&'static str>,
        (hash_name, range_name): (&'static str, Option<&'static str>),
        hash: H::Arg<'_>,
    ) -> Self {
        let key = crate::value::key_attribute(hash_name, &hash)
            .map(|value| KeyCondition::partition_value(hash_name, value));
        Query {
            reader: Reader::new(db, M::SCHEMA.table, index),
            key,
            range_name,
            forward: true,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, R, P> Query<'a, M, R, P> {
    /// Reads only the attributes of projection `Q` (see [`Projection`]), and gives `Q`s.
    pub fn project<Q: Projection<M>>(self) -> Query<'a, M, R, Q> {
        self.retype()
    }

    pub(crate) fn retype<Q>(self) -> Query<'a, M, R, Q> {
        Query {
            reader: self.reader,
            key: self.key,
            range_name: self.range_name,
            forward: self.forward,
            model: PhantomData,
        }
    }

    shared_read_methods!();

    /// Narrows the query to the sort keys the condition accepts: `|k| k.between(1, 9)`,
    /// `|k| k.begins_with("2024-")`. Only sort key conditions exist, so a query cannot name
    /// another attribute here.
    pub fn range(mut self, condition: impl FnOnce(RangeKey<R>) -> RangeCondition) -> Self
    where
        R: SortKey,
    {
        let range = condition(RangeKey::new(self.range_name.unwrap_or_default()));
        self.key = self.key.map(|key| key.with_range(range));
        self
    }

    /// Returns the items in descending sort key order.
    pub fn reverse(mut self) -> Self {
        self.forward = false;
        self
    }

    /// The `Query` request of the first page, exactly as it is sent, without sending it.
    pub fn request(&self) -> Result<QueryInput, Error>
    where
        P: Projection<M>,
    {
        Ok(super::built(self.input(None)?.build()))
    }

    fn input(&self, select: Option<Select>) -> Result<QueryInputBuilder, Error>
    where
        P: Projection<M>,
    {
        let key = self.key.as_ref().map_err(Clone::clone)?;
        if let Some(filter) = &self.reader.filter {
            let keys = [Some(key.hash_name()), self.range_name];
            if let Some(name) = filter
                .attribute_names()
                .into_iter()
                .find(|n| keys.contains(&Some(*n)))
            {
                return Err(ConversionError::custom(format!(
                    "a query's filter cannot use the key attribute `{name}`: DynamoDB refuses it; narrow the sort key with `.range(..)` instead"
                ))
                .into());
            }
        }
        let mut placeholders = Placeholders::new();
        let key_condition = key.render(&mut placeholders)?;
        let filter = self
            .reader
            .filter
            .as_ref()
            .map(|f| f.render(&mut placeholders))
            .transpose()?;
        let projection = match select {
            Some(_) => None,
            None => P::projection_paths().map(|paths| paths.render(&mut placeholders)),
        };
        Ok(QueryInput::builder()
            .table_name(self.reader.table())
            .set_index_name(self.reader.index.map(str::to_owned))
            .key_condition_expression(key_condition)
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .consistent_read(self.reader.consistent_read)
            .scan_index_forward(self.forward)
            .set_limit(self.reader.page_size)
            .set_select(select)
            .set_return_consumed_capacity(self.reader.db.return_capacity()))
    }

    /// Every matching item as a stream that reads the next page when it needs it.
    pub fn stream(self) -> BoxStream<'a, Result<P, Error>>
    where
        P: Projection<M> + Send + 'a,
    {
        let prepared = self.input(None).map(Prepared::Query);
        let db = self.reader.db;
        let max = self.reader.max_items;
        match prepared {
            Ok(prepared) => item_stream(db, prepared, max, super::load::<M, P>).boxed(),
            Err(error) => stream::once(async { Err(error) }).boxed(),
        }
    }

    /// One page, starting at `cursor` (`None` for the first), with the cursor of the next. A
    /// cursor from another table or index is refused with [`Error::InvalidCursor`].
    pub async fn page(self, cursor: Option<Cursor>) -> Result<Page<P>, Error>
    where
        P: Projection<M>,
    {
        let prepared = Prepared::Query(self.input(None)?);
        self.reader
            .page(prepared, cursor, super::load::<M, P>)
            .await
    }

    /// How many items match, counted by DynamoDB across every page without returning them.
    pub async fn count(self) -> Result<usize, Error>
    where
        P: Projection<M>,
    {
        let prepared = Prepared::Query(self.input(Some(Select::Count))?);
        count_all(self.reader.db, prepared).await
    }

    /// The only matching item: [`Error::NotFound`] if there is none, [`Error::NotUnique`] if
    /// there are more.
    pub async fn one(self) -> Result<P, Error>
    where
        P: Projection<M> + Send + 'a,
    {
        let table = self.reader.table();
        let mut items = self.max_items(2).stream();
        let first = items.next().await.transpose()?;
        let second = items.next().await.transpose()?;
        match (first, second) {
            (Some(item), None) => Ok(item),
            (None, _) => Err(Error::NotFound { table }),
            (Some(_), Some(_)) => Err(Error::NotUnique { table }),
        }
    }
}

impl<'a, M: Model + 'a, R: 'a, P: Projection<M> + Send + 'a> IntoFuture for Query<'a, M, R, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().try_collect())
    }
}

/// Reads every item of a table or index, optionally filtered, in one sequence or in parallel
/// segments. Made by [`Model::scan`] or an index's [`scan`](crate::index::Index::scan);
/// `.await` gives every matching item.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Scan<'a, M, P = M> {
    reader: Reader<'a>,
    segments: Option<(u32, usize)>,
    model: PhantomData<fn() -> (M, P)>,
}

impl<'a, M: Model> Scan<'a, M> {
    pub(crate) fn new(db: &'a Db, index: Option<&'static str>) -> Self {
        Scan {
            reader: Reader::new(db, M::SCHEMA.table, index),
            segments: None,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, P> Scan<'a, M, P> {
    /// Reads only the attributes of projection `Q` (see [`Projection`]), and gives `Q`s.
    pub fn project<Q: Projection<M>>(self) -> Scan<'a, M, Q> {
        self.retype()
    }

    pub(crate) fn retype<Q>(self) -> Scan<'a, M, Q> {
        Scan {
            reader: self.reader,
            segments: self.segments,
            model: PhantomData,
        }
    }

    shared_read_methods!();

    /// Splits the scan into `segments` parallel segments, at most `concurrency` read at a time,
    /// merged into one stream (in no particular order). Each item is returned exactly once.
    pub fn parallel(mut self, segments: u32, concurrency: usize) -> Self {
        self.segments = Some((segments.max(1), concurrency.max(1)));
        self
    }

    /// The `Scan` request of the first page (of the first segment), exactly as it is sent,
    /// without sending it.
    pub fn request(&self) -> Result<ScanInput, Error>
    where
        P: Projection<M>,
    {
        let segment = self.segments.map(|(total, _)| (0, total));
        Ok(super::built(self.input(None, segment)?.build()))
    }

    fn input(
        &self,
        select: Option<Select>,
        segment: Option<(u32, u32)>,
    ) -> Result<ScanInputBuilder, Error>
    where
        P: Projection<M>,
    {
        let mut placeholders = Placeholders::new();
        let filter = self
            .reader
            .filter
            .as_ref()
            .map(|f| f.render(&mut placeholders))
            .transpose()?;
        let projection = match select {
            Some(_) => None,
            None => P::projection_paths().map(|paths| paths.render(&mut placeholders)),
        };
        let to_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        Ok(ScanInput::builder()
            .table_name(self.reader.table())
            .set_index_name(self.reader.index.map(str::to_owned))
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .consistent_read(self.reader.consistent_read)
            .set_limit(self.reader.page_size)
            .set_select(select)
            .set_segment(segment.map(|(s, _)| to_i32(s)))
            .set_total_segments(segment.map(|(_, t)| to_i32(t)))
            .set_return_consumed_capacity(self.reader.db.return_capacity()))
    }

    /// Every matching item as a stream; a parallel scan merges its segments as they arrive.
    pub fn stream(self) -> BoxStream<'a, Result<P, Error>>
    where
        P: Projection<M> + Send + 'a,
    {
        let db = self.reader.db;
        let max = self.reader.max_items;
        let Some((total, concurrency)) = self.segments else {
            return match self.input(None, None) {
                Ok(input) => {
                    item_stream(db, Prepared::Scan(input), max, super::load::<M, P>).boxed()
                }
                Err(error) => stream::once(async { Err(error) }).boxed(),
            };
        };
        let inputs: Result<Vec<_>, _> = (0..total)
            .map(|segment| self.input(None, Some((segment, total))))
            .collect();
        match inputs {
            Ok(inputs) => stream::iter(inputs)
                .map(move |input| {
                    Box::pin(item_stream(
                        db,
                        Prepared::Scan(input),
                        None,
                        super::load::<M, P>,
                    ))
                })
                .flatten_unordered(concurrency)
                .take(max.unwrap_or(usize::MAX))
                .boxed(),
            Err(error) => stream::once(async { Err(error) }).boxed(),
        }
    }

    /// One page, starting at `cursor` (`None` for the first), with the cursor of the next.
    pub async fn page(self, cursor: Option<Cursor>) -> Result<Page<P>, Error>
    where
        P: Projection<M>,
    {
        let prepared = Prepared::Scan(self.input(None, None)?);
        self.reader
            .page(prepared, cursor, super::load::<M, P>)
            .await
    }

    /// How many items match, counted by DynamoDB across every page.
    pub async fn count(self) -> Result<usize, Error>
    where
        P: Projection<M>,
    {
        let prepared = Prepared::Scan(self.input(Some(Select::Count), None)?);
        count_all(self.reader.db, prepared).await
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Scan<'a, M, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().try_collect())
    }
}
