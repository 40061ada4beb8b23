//! Query: the items of one partition, narrowed by a sort key condition.

use super::*;

/// Reads the items of one partition of a table or index, optionally narrowed by a sort key
/// condition and a filter. Made by [`ModelExt::query`](crate::ModelExt::query) or an index's
/// [`query`](crate::index::Index::query); `.await` gives every matching item.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::prelude::*;
/// use futures::TryStreamExt;
///
/// #[derive(Model)]
/// struct Visit {
///     #[dynamo(partition_key)]
///     cat: String,
///     #[dynamo(sort_key)]
///     day: String,
///     minutes: u32,
/// }
///
/// let june: Vec<Visit> = Visit::query(db, "tom")
///     .sort_key(|day| day.begins_with("2024-06"))
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
    sort_name: Option<&'static str>,
    /// The sort attributes of a multi-attribute index key, in key order.
    sort_names: &'static [&'static str],
    forward: bool,
    model: Marker<(M, R, P)>,
}

impl<'a, M: Model, R> Query<'a, M, R> {
    /// A query of the table (`index` None) or of an index, by the partition key `partition_name`.
    pub(crate) fn new<H>(
        db: &'a Db,
        index: Option<&'static str>,
        (partition_name, sort_name): (&'static str, Option<&'static str>),
        partition: impl crate::schema::PartitionValue<H>,
    ) -> Self {
        let key = partition
            .partition_attribute(partition_name)
            .map(|value| KeyCondition::partition_value(partition_name, value));
        let query = Query {
            reader: Reader::new::<M>(db, index),
            key,
            sort_name,
            sort_names: &[],
            forward: true,
            model: PhantomData,
        };
        // An entity of a shared table reads only its own sort keys: the other entities of the
        // partition are not its items. A `.sort_key(..)` built from its typed sort key keeps the
        // prefix, since every such key starts with it. (An index query's prefix comes from its
        // handle.)
        match M::SCHEMA.entity {
            Some(entity) if index.is_none() => query.with_sort_prefix(Some(entity.sort_prefix)),
            _ => query,
        }
    }
}

impl<'a, M: Model, S> Query<'a, M, MultiSort<S>> {
    /// A query of index `index`, whose key has several partition attributes (`partition_names`, each
    /// matched by equality with `parts`) and sort attributes `sort_names`.
    pub(crate) fn new_parts(
        db: &'a Db,
        index: &'static str,
        partition_names: &'static [&'static str],
        sort_names: &'static [&'static str],
        parts: Result<Vec<crate::expr::Operand>, ConversionError>,
    ) -> Self {
        let key = parts.and_then(|parts| {
            let named = partition_names.iter().copied().zip(parts).collect();
            KeyCondition::partition_values(named).ok_or_else(|| {
                ConversionError::custom("a multi-attribute index needs a partition attribute")
            })
        });
        Query {
            reader: Reader::new::<M>(db, Some(index)),
            key,
            sort_name: sort_names.first().copied(),
            sort_names,
            forward: true,
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, R> Query<'a, M, R> {
    /// The whole partition, whatever entity each item is: a collection's query.
    pub(crate) fn whole_partition(mut self) -> Self {
        self.key = self.key.map(KeyCondition::without_sort);
        self
    }

    /// Reads only sort keys starting with `prefix`, if given: an entity's own items in an index
    /// other entities share.
    pub(crate) fn with_sort_prefix(mut self, prefix: Option<&'static str>) -> Self {
        if let (Some(prefix), Some(sort_name)) = (prefix.filter(|p| !p.is_empty()), self.sort_name)
        {
            let range = SortKeyPath::<String>::new(sort_name).begins_with(prefix);
            self.key = self.key.map(|key| key.with_sort(range));
        }
        self
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
            sort_name: self.sort_name,
            sort_names: self.sort_names,
            forward: self.forward,
            model: PhantomData,
        }
    }

    /// The same query with another sort-key type: a collection's, which takes no `.sort_key(..)`.
    pub(crate) fn retype_range<S>(self) -> Query<'a, M, S, P> {
        Query {
            reader: self.reader,
            key: self.key,
            sort_name: self.sort_name,
            sort_names: self.sort_names,
            forward: self.forward,
            model: PhantomData,
        }
    }

    /// The same query, named in spans and by the capacity meter as reading `model`'s items: a
    /// collection's name for a collection query.
    pub(crate) fn reading_for(mut self, model: &'static str) -> Self {
        self.reader.model = model;
        self
    }

    shared_read_methods!();

    /// Narrows the query to the sort keys the condition accepts: `|k| k.between(1, 9)`,
    /// `|k| k.begins_with("2024-")`. Only sort key conditions exist, so a query cannot name
    /// another attribute here. On an index with a multi-attribute sort key, the closure is
    /// handed the attributes left to right, as DynamoDB allows them: equality, then at most one
    /// range condition on the next, `|k| k.eq("books").gt(3)`.
    pub fn sort_key<K, C: crate::expr::SortKeyCondition>(
        mut self,
        condition: impl FnOnce(K) -> C,
    ) -> Self
    where
        R: SortKeyType<Handle = K>,
    {
        let handle = R::handle(self.sort_name.unwrap_or_default(), self.sort_names);
        let range = condition(handle).into_sort_condition();
        self.key = self.key.map(|key| key.with_sort(range));
        self
    }

    /// Earlier versions' name of [`sort_key`](Self::sort_key); calling it is a compile error
    /// that names the new one.
    #[doc(hidden)]
    pub fn range<K, C: RangeIsNowSortKey>(self, _condition: impl FnOnce(K) -> C) -> Self
    where
        R: SortKeyType<Handle = K>,
    {
        self
    }

    /// Earlier versions' name of [`sort_key`](Self::sort_key) on a multi-attribute key; calling
    /// it is a compile error that names the new one.
    #[doc(hidden)]
    pub fn sort<K, C: SortIsNowSortKey>(self, _condition: impl FnOnce(K) -> C) -> Self
    where
        R: SortKeyType<Handle = K>,
    {
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
        Ok(crate::ops::built(self.input(None)?.build()))
    }

    fn input(&self, select: Option<Select>) -> Result<QueryInputBuilder, Error>
    where
        P: Projection<M>,
    {
        let key = self.key.as_ref().map_err(Clone::clone)?;
        if let Some(filter) = &self.reader.filter {
            let keys = [Some(key.partition_name()), self.sort_name];
            if let Some(name) = filter
                .attribute_names()
                .into_iter()
                .find(|n| keys.contains(&Some(*n)))
            {
                return Err(Error::InvalidRequest {
                    operation: Operation::Query,
                    reason: format!(
                        "a query's filter cannot use the key attribute `{name}`, which DynamoDB refuses: narrow the sort key with `.sort_key(..)`, and give the partition key to `query(..)`"
                    ),
                });
            }
        }
        let mut placeholders = Placeholders::new();
        let key_condition = key.render(&mut placeholders)?;
        let (filter, projection) = self
            .reader
            .render_filter_and_projection::<M, P>(select.as_ref(), &mut placeholders)?;
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
            .set_limit(self.reader.limit(Operation::Query)?)
            .set_select(select)
            .set_return_consumed_capacity(self.reader.db.return_capacity()))
    }

    /// Every matching item as a stream that reads the next page when it needs it.
    pub fn stream(self) -> BoxStream<'a, Result<P, Error>>
    where
        P: Projection<M> + Send + 'a,
    {
        let prepared = self
            .input(None)
            .map(|input| Prepared::query(self.reader.model, input));
        let db = self.reader.db;
        let max = self.reader.max_items;
        match prepared {
            Ok(prepared) => item_stream(db, prepared, max, crate::ops::load_read::<M, P>).boxed(),
            Err(error) => stream::once(async { Err(error) }).boxed(),
        }
    }

    /// One page, starting at `cursor` (`None` for the first), with the cursor of the next. A
    /// cursor from another table or index, or from a query of another partition key value, is
    /// refused with [`Error::InvalidCursor`] before anything is sent.
    pub fn page(self, cursor: Option<Cursor>) -> OpFuture<'a, Page<P>>
    where
        M: 'a,
        R: 'a,
        P: Projection<M> + Send + 'a,
    {
        Box::pin(async move {
            let prepared = Prepared::query(self.reader.model, self.input(None)?);
            let partition = match &self.key {
                Ok(key) => key.hash_value().map(|value| (key.partition_name(), value)),
                Err(_) => None,
            };
            self.reader
                .page(prepared, cursor, partition, crate::ops::load_read::<M, P>)
                .await
        })
    }

    /// How many items match, counted by DynamoDB across every page without returning them.
    pub fn count(self) -> OpFuture<'a, usize>
    where
        M: 'a,
        R: 'a,
        P: Projection<M> + Send + 'a,
    {
        Box::pin(async move {
            let prepared = Prepared::query(self.reader.model, self.input(Some(Select::Count))?);
            count_all(self.reader.db, prepared).await
        })
    }

    /// The only matching item: [`Error::NotFound`] if there is none, [`Error::NotUnique`] if
    /// there are more.
    pub fn one(self) -> OpFuture<'a, P>
    where
        M: 'a,
        R: 'a,
        P: Projection<M> + Send + 'a,
    {
        Box::pin(async move {
            let table = self.reader.table();
            let mut items = self.max_items(2).stream();
            let first = items.next().await.transpose()?;
            let second = items.next().await.transpose()?;
            match (first, second) {
                (Some(item), None) => Ok(item),
                (None, _) => Err(Error::NotFound { table }),
                (Some(_), Some(_)) => Err(Error::NotUnique { table }),
            }
        })
    }
}

impl<'a, M: Model + 'a, R: 'a, P: Projection<M> + Send + 'a> IntoFuture for Query<'a, M, R, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().try_collect())
    }
}

/// Implemented by nothing: `.range(..)` of earlier versions is now `.sort_key(..)`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`.range(..)` is now `.sort_key(..)`: dynamo-model names keys partition key and sort key",
    label = "call `.sort_key(..)` with this closure",
    note = "the closure is unchanged: `.sort_key(|key| key.begins_with(\"2024-\"))`"
)]
pub trait RangeIsNowSortKey {}

/// Implemented by nothing: `.sort(..)` of earlier versions is now `.sort_key(..)`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`.sort(..)` is now `.sort_key(..)`: dynamo-model names keys partition key and sort key",
    label = "call `.sort_key(..)` with this closure",
    note = "the closure is unchanged: `.sort_key(|key| key.eq(\"books\").gt(3))`"
)]
pub trait SortIsNowSortKey {}
