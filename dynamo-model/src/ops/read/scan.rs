//! Scan: every item of a table or index, in one sequence or parallel segments.

use super::*;

/// Reads every item of a table or index, optionally filtered, in one sequence or in parallel
/// segments. Made by [`ModelExt::scan`](crate::ModelExt::scan) or an index's
/// [`scan`](crate::index::Index::scan); `.await` gives every matching item.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Scan<'a, M, P = M> {
    reader: Reader<'a>,
    segments: Option<(u32, usize)>,
    model: PhantomData<fn() -> (M, P)>,
}

impl<'a, M: Model> Scan<'a, M> {
    pub(crate) fn new(db: &'a Db, index: Option<&'static str>) -> Self {
        let mut reader = Reader::new::<M>(db, index);
        // A shared table holds other entities' items too: a scan of a model reads its own.
        if let Some(entity) = M::SCHEMA.entity {
            let attribute: crate::expr::Path<String> =
                crate::expr::Path::new(crate::expr::RawPath::attribute(entity.attribute));
            reader.add_filter(crate::expr::Conditions::eq(
                &attribute,
                entity.name.to_owned(),
            ));
        }
        Scan {
            reader,
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
        Ok(crate::ops::built(self.input(None, segment)?.build()))
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
        let (filter, projection) = self
            .reader
            .render_filter_and_projection::<M, P>(select.as_ref(), &mut placeholders)?;
        let to_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        Ok(ScanInput::builder()
            .table_name(self.reader.table())
            .set_index_name(self.reader.index.map(str::to_owned))
            .set_filter_expression(filter)
            .set_projection_expression(projection)
            .set_expression_attribute_names(placeholders.names())
            .set_expression_attribute_values(placeholders.values())
            .consistent_read(self.reader.consistent_read)
            .set_limit(self.reader.limit(Operation::Scan)?)
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
        let model = self.reader.model;
        let Some((total, concurrency)) = self.segments else {
            return match self.input(None, None) {
                Ok(input) => item_stream(
                    db,
                    Prepared::scan(model, input),
                    max,
                    crate::ops::load_read::<M, P>,
                )
                .boxed(),
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
                        Prepared::scan(model, input),
                        None,
                        crate::ops::load_read::<M, P>,
                    ))
                })
                .flatten_unordered(concurrency)
                .take(max.unwrap_or(usize::MAX))
                .boxed(),
            Err(error) => stream::once(async { Err(error) }).boxed(),
        }
    }

    /// One page, starting at `cursor` (`None` for the first), with the cursor of the next.
    pub fn page(self, cursor: Option<Cursor>) -> OpFuture<'a, Page<P>>
    where
        M: 'a,
        P: Projection<M> + Send + 'a,
    {
        Box::pin(async move {
            let prepared = Prepared::scan(self.reader.model, self.input(None, None)?);
            self.reader
                .page(prepared, cursor, None, crate::ops::load_read::<M, P>)
                .await
        })
    }

    /// How many items match, counted by DynamoDB across every page.
    pub fn count(self) -> OpFuture<'a, usize>
    where
        M: 'a,
        P: Projection<M> + Send + 'a,
    {
        Box::pin(async move {
            let input = self.input(Some(Select::Count), None)?;
            let prepared = Prepared::scan(self.reader.model, input);
            count_all(self.reader.db, prepared).await
        })
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for Scan<'a, M, P> {
    type Output = Result<Vec<P>, Error>;
    type IntoFuture = OpFuture<'a, Vec<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().try_collect())
    }
}
