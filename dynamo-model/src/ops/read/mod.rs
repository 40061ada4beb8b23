//! Query and Scan: many items, read page by page, on a table or one of its indexes.
//!
//! Both builders end in one of several ways: `.await` (every item, all pages), `.stream()` (a
//! `futures::Stream` that pages as it is polled), `.page(cursor)` (one page and a cursor for the
//! next), `.count()`, `.first()` and `.one()`.

use crate::operation::Operation;
use std::future::IntoFuture;
use std::marker::PhantomData;

use aws_sdk_dynamodb::operation::query::QueryInput;
use aws_sdk_dynamodb::operation::query::builders::QueryInputBuilder;
use aws_sdk_dynamodb::operation::scan::ScanInput;
use aws_sdk_dynamodb::operation::scan::builders::ScanInputBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, Select};
use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use tracing::Instrument;

use super::cursor::Cursor;
use super::{OpFuture, finish, request_span};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::expr::{Condition, KeyCondition, MultiSort, Placeholders, SortKeyPath, SortKeyType};
use crate::model::{Model, Projection};
use crate::value::ConversionError;
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
    /// Whose items the request reads, as spans and the capacity meter name them: the model's
    /// Rust type name, or a collection's.
    model: &'static str,
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
    fn new<M: Model>(db: &'a Db, index: Option<&'static str>) -> Self {
        Reader {
            db,
            model: M::SCHEMA.name,
            base_table: M::SCHEMA.table,
            index,
            filter: None,
            consistent_read: false,
            page_size: None,
            max_items: None,
            hiding_expired: false,
        }
    }

    /// The request's `Limit`: the page size, refused when 0 (DynamoDB's smallest is 1).
    fn limit(&self, operation: Operation) -> Result<Option<i32>, Error> {
        match self.page_size {
            Some(0) => Err(Error::InvalidRequest {
                operation,
                reason: "`page_size(0)` reads nothing: give a page size of 1 or more, or leave it out for DynamoDB's 1 MB pages".to_owned(),
            }),
            size => Ok(size),
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

    /// The filter and, unless `select` counts instead of reading items, the projection of `P`,
    /// rendered into `placeholders`.
    fn render_filter_and_projection<M: Model, P: Projection<M>>(
        &self,
        select: Option<&Select>,
        placeholders: &mut Placeholders,
    ) -> Result<(Option<String>, Option<String>), Error> {
        let filter = self
            .filter
            .as_ref()
            .map(|f| f.render(placeholders))
            .transpose()?;
        let projection = match select {
            Some(_) => None,
            None => {
                crate::ops::projection_paths::<M, P>(false).map(|paths| paths.render(placeholders))
            }
        };
        Ok((filter, projection))
    }

    /// One page of `prepared`, starting at `cursor` (refused if it pages something else), read
    /// with `read`, and the cursor of the next page.
    async fn page<P>(
        &self,
        prepared: Prepared,
        cursor: Option<Cursor>,
        partition: Option<(&str, &AttributeValue)>,
        read: fn(Item) -> Result<P, Error>,
    ) -> Result<Page<P>, Error> {
        let table = self.table();
        let signing = self.db.cursor_key();
        let start = cursor
            .map(|c| c.into_start_key(&table, self.index, partition, signing))
            .transpose()?;
        let page = prepared.send(self.db, start).await?;
        let items = page.items.into_iter().map(read).collect::<Result<_, _>>()?;
        let next = page
            .last_key
            .map(|key| Cursor::new(&table, self.index, key, signing));
        Ok(Page { items, next })
    }
}

/// A request ready to send, page after page: each page sends it as built, with the start key
/// of that page.
struct Prepared {
    request: Request,
    /// Whose items it reads (see [`Reader::model`]).
    model: &'static str,
}

enum Request {
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
    fn query(model: &'static str, input: QueryInputBuilder) -> Self {
        let request = Request::Query(input);
        Prepared { request, model }
    }

    fn scan(model: &'static str, input: ScanInputBuilder) -> Self {
        let request = Request::Scan(input);
        Prepared { request, model }
    }

    fn table(&self) -> String {
        match &self.request {
            Request::Query(input) => input.get_table_name().clone(),
            Request::Scan(input) => input.get_table_name().clone(),
        }
        .unwrap_or_default()
    }

    async fn send(&self, db: &Db, start: Option<Item>) -> Result<RawPage, Error> {
        let table = self.table();
        let (operation, index) = match &self.request {
            Request::Query(input) => (Operation::Query, input.get_index_name().as_deref()),
            Request::Scan(input) => (Operation::Scan, input.get_index_name().as_deref()),
        };
        let models = Models::One(self.model);
        let span = request_span(operation, models, &table, index);
        // Query and Scan outputs have the same fields but no shared trait.
        macro_rules! send_page {
            ($input:expr) => {{
                let (result, attempts) = crate::db::watch(
                    $input
                        .clone()
                        .set_exclusive_start_key(start)
                        .send_with(db.client())
                        .instrument(span.clone()),
                )
                .await;
                let output = result.map_err(|e| Error::sdk(operation, &table, e, attempts))?;
                (
                    output.items,
                    output.count,
                    output.last_evaluated_key,
                    output.consumed_capacity,
                )
            }};
        }
        let (items, count, last_key, consumed) = match &self.request {
            Request::Query(input) => send_page!(input),
            Request::Scan(input) => send_page!(input),
        };
        let count = usize::try_from(count).unwrap_or(0);
        finish(db, &span, operation, models, count, consumed.as_ref());
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
        /// `0` reads nothing and is refused before sending, as [`Error::InvalidRequest`].
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
        pub fn first(self) -> crate::ops::OpFuture<'a, Option<P>>
        where
            P: Projection<M> + Send + 'a,
        {
            let mut items = self.max_items(1).stream();
            Box::pin(async move { items.next().await.transpose() })
        }
    };
}

mod query;
mod scan;

pub use query::Query;
pub use scan::Scan;
