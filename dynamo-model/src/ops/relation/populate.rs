//! Populate: many items, one item, a page and a stream, each with what the relations it names
//! load.

use std::future::IntoFuture;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, Stream, StreamExt};

use super::include::{Include, PopulateOptions};
use crate::db::Db;
use crate::error::Error;
use crate::ops::Page;

/// Loads relations of many items: made by [`ModelExt::populate`](crate::ModelExt::populate).
/// `.await` gives every item passed in, in order, each paired with what the relations loaded
/// for it. It does not fail as a whole: a reference that could not be resolved or a has-many
/// query that failed is reported in that item's part.
#[must_use = "a populate does nothing until it is awaited"]
pub struct Populate<'a, M, I> {
    db: &'a Db,
    items: Vec<M>,
    include: I,
    options: PopulateOptions,
}

impl<'a, M, I> Populate<'a, M, I> {
    pub(crate) fn new(db: &'a Db, items: Vec<M>, include: I) -> Self {
        Populate {
            db,
            items,
            include,
            options: PopulateOptions::default(),
        }
    }

    /// How many has-many queries run at once (8 unless set; at least 1). Batch gets of
    /// references run as [`BatchGet`](crate::ops::BatchGet) runs them.
    pub fn concurrency(mut self, queries: usize) -> Self {
        self.options.concurrency = queries.max(1);
        self
    }

    /// Asks for strongly consistent reads of the referenced items and children.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.options.consistent_read = consistent;
        self
    }
}

/// Every item paired with what `include` loads for it.
async fn pair<M: Sync, I: Include<M>>(
    db: &Db,
    items: Vec<M>,
    include: &I,
    options: PopulateOptions,
) -> Vec<(M, I::Loaded)> {
    let loaded = {
        let borrowed: Vec<&M> = items.iter().collect();
        include.load(db, &borrowed, options).await
    };
    items.into_iter().zip(loaded).collect()
}

impl<'a, M, I> IntoFuture for Populate<'a, M, I>
where
    M: Send + Sync + 'a,
    I: Include<M> + 'a,
{
    type Output = Vec<(M, I::Loaded)>;
    type IntoFuture = BoxFuture<'a, Vec<(M, I::Loaded)>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { pair(self.db, self.items, &self.include, self.options).await })
    }
}

/// Every item of a has-many's query, as the derive's relation reads it; refused at compile time
/// when the query cannot give whole items (an index that does not project every attribute).
#[doc(hidden)]
pub fn children_of<'a, C, M, R, P>(
    query: crate::ops::Query<'a, M, R, P>,
) -> crate::ops::OpFuture<'a, Vec<C>>
where
    M: crate::model::Model + 'a,
    R: 'a,
    P: crate::model::Projection<M> + Into<C> + Send + 'a,
{
    Box::pin(async move {
        let items = IntoFuture::into_future(query).await?;
        Ok(items.into_iter().map(Into::into).collect())
    })
}

/// Loads relations of one item: made by [`ModelExt::load`](crate::ModelExt::load). `.await`
/// gives what they loaded.
#[must_use = "a load does nothing until it is awaited"]
pub struct Load<'a, M, I> {
    db: &'a Db,
    item: &'a M,
    include: I,
    options: PopulateOptions,
}

impl<'a, M, I> Load<'a, M, I> {
    pub(crate) fn new(db: &'a Db, item: &'a M, include: I) -> Self {
        Load {
            db,
            item,
            include,
            options: PopulateOptions::default(),
        }
    }

    /// Asks for strongly consistent reads of the referenced items and children.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.options.consistent_read = consistent;
        self
    }
}

impl<'a, M, I> IntoFuture for Load<'a, M, I>
where
    M: Send + Sync + 'a,
    I: Include<M> + 'a,
{
    type Output = I::Loaded;
    type IntoFuture = BoxFuture<'a, I::Loaded>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let items = [self.item];
            let mut loaded = self.include.load(self.db, &items, self.options).await;
            // `load` gives one value per item.
            match loaded.pop() {
                Some(one) => one,
                None => unreachable!("a relation loads one value per item"),
            }
        })
    }
}

impl<P: Send + Sync> Page<P> {
    /// This page's items, each paired with what `include` loads for it, and the same cursor.
    pub fn populate<'a, I: Include<P> + 'a>(
        self,
        db: &'a Db,
        include: I,
    ) -> BoxFuture<'a, Page<(P, I::Loaded)>>
    where
        P: 'a,
    {
        Box::pin(async move {
            let items = pair(db, self.items, &include, PopulateOptions::default()).await;
            Page {
                items,
                next: self.next,
            }
        })
    }
}

/// Populate on a stream of items, such as [`Query::stream`](crate::ops::Query::stream): in
/// `dynamo_model::prelude`.
pub trait PopulateStream<'a, M>: Stream<Item = Result<M, Error>> + Send + Sized + 'a {
    /// Each item paired with what `include` loads for it. Items are populated in groups of
    /// what the stream has ready (a page of a query), up to 100 at a time, so that a group's
    /// references take one batch get; an error of the stream is passed on in its place.
    fn populate<I>(self, db: &'a Db, include: I) -> BoxStream<'a, Result<(M, I::Loaded), Error>>
    where
        M: Send + Sync + 'a,
        I: Include<M> + 'a,
    {
        let include = Arc::new(include);
        self.ready_chunks(crate::ops::MAX_BATCH_GET)
            .then(move |group| {
                let include = include.clone();
                async move { populate_group(db, group, include.as_ref()).await }
            })
            .flat_map(stream::iter)
            .boxed()
    }
}

impl<'a, M, S: Stream<Item = Result<M, Error>> + Send + 'a> PopulateStream<'a, M> for S {}

/// One group of a stream, populated: the items between errors together, each error in its place.
async fn populate_group<M: Sync, I: Include<M>>(
    db: &Db,
    group: Vec<Result<M, Error>>,
    include: &I,
) -> Vec<Result<(M, I::Loaded), Error>> {
    let mut out = Vec::with_capacity(group.len());
    let mut run = Vec::new();
    for entry in group {
        match entry {
            Ok(item) => run.push(item),
            Err(error) => {
                let items = std::mem::take(&mut run);
                let populated = pair(db, items, include, PopulateOptions::default()).await;
                out.extend(populated.into_iter().map(Ok));
                out.push(Err(error));
            }
        }
    }
    let populated = pair(db, run, include, PopulateOptions::default()).await;
    out.extend(populated.into_iter().map(Ok));
    out
}
