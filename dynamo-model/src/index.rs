//! Typed handles of a model's secondary indexes: `Cat::indexes().by_owner.query(db, "alice")`.

use std::marker::PhantomData;

use crate::db::Db;
use crate::model::Model;
use crate::ops::{MultiSort, Query, Scan};

/// Carries type parameters that only shape the API.
type Marker<T> = PhantomData<fn() -> T>;

/// An index that projects every attribute: reads give the model.
#[derive(Debug, Clone, Copy)]
pub struct AllAttributes;

/// An index that projects only some attributes (KEYS_ONLY or INCLUDE): reads need
/// `.project::<P>()` with a [`Projection`](crate::Projection) of the attributes it holds.
#[derive(Debug, Clone, Copy)]
pub struct SomeAttributes;

/// What a read of an index gives before `.project::<P>()`: the model for an index with every
/// attribute; for another, a placeholder that is not a [`Projection`](crate::Projection), so awaiting the read
/// without choosing one does not compile (a model read from a partial index would be missing
/// fields).
pub trait IndexOutput<M: Model> {
    /// The output type.
    type Output;
}

impl<M: Model> IndexOutput<M> for AllAttributes {
    type Output = M;
}

impl<M: Model> IndexOutput<M> for SomeAttributes {
    type Output = NeedsProjection;
}

/// The output of a read of an index that does not project every attribute, until
/// `.project::<P>()` chooses a projection.
#[derive(Debug)]
pub struct NeedsProjection;

/// A secondary index of model `M`, with partition key type `H` and sort key type `R`
/// ([`NoSortKey`](crate::NoSortKey) if none); `A` says whether it projects every attribute.
/// The derive makes one per `global_index`/`local_index`, reached through `Model::indexes()`.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::prelude::*;
///
/// #[derive(Model)]
/// #[dynamo(global_index(name = "by_owner", partition_key = "owner", sort_key = "name"))]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     owner: String,
///     name: String,
/// }
///
/// let alices = Cat::indexes().by_owner.query(db, "alice").sort_key(|name| name.begins_with("T")).await?;
/// # Ok(()) }
/// ```
pub struct Index<M, H, R, A> {
    name: &'static str,
    partition: &'static str,
    sort: Option<&'static str>,
    sort_prefix: Option<&'static str>,
    marker: Marker<(M, H, R, A)>,
}

impl<M, H, R, A> Index<M, H, R, A> {
    /// The handle of index `name` keyed by the attributes `partition` and `sort`; the derive makes
    /// these.
    pub const fn new(
        name: &'static str,
        partition: &'static str,
        sort: Option<&'static str>,
    ) -> Self {
        Index {
            name,
            partition,
            sort,
            sort_prefix: None,
            marker: PhantomData,
        }
    }

    /// The same index, whose queries read only sort keys starting with `prefix`: an entity's
    /// items in an index other entities share. The derive makes these.
    pub const fn with_sort_prefix(mut self, prefix: &'static str) -> Self {
        self.sort_prefix = Some(prefix);
        self
    }

    /// The index name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl<M: Model, H, R, A: IndexOutput<M>> Index<M, H, R, A> {
    /// Reads the items of the index with this partition key.
    pub fn query<'a>(
        &self,
        db: &'a Db,
        partition: impl crate::schema::PartitionValue<H>,
    ) -> Query<'a, M, R, A::Output> {
        Query::<M, R>::new::<H>(db, Some(self.name), (self.partition, self.sort), partition)
            .with_sort_prefix(self.sort_prefix)
            .retype()
    }

    /// Reads every item of the index.
    pub fn scan<'a>(&self, db: &'a Db) -> Scan<'a, M, A::Output> {
        Scan::<M>::new(db, Some(self.name)).retype()
    }
}

impl<M, H, K: crate::schema::KeyTemplate, A> Index<M, H, crate::entity::SortKeyText<K>, A> {
    /// The start of a typed sort key of this index, for `.sort_key(..)` conditions of its queries:
    /// its methods are the index's sort-key template parts, in order.
    pub fn sort_key(&self) -> K::Start {
        K::start()
    }
}

impl<M, H, R, A> Clone for Index<M, H, R, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, H, R, A> Copy for Index<M, H, R, A> {}

impl<M, H, R, A> std::fmt::Debug for Index<M, H, R, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({})", self.name)
    }
}

/// A global index keyed by several attributes (DynamoDB's multi-attribute keys: up to four
/// partition and four sort attributes, each stored as itself, no synthetic string): partition
/// attribute types `H` (a tuple), sort attribute types `S` (a list `(S1, (S2, ()))`). The derive
/// makes one per `global_index(partition_key = ["a", "b"], sort_key = ["c", "d"])`.
pub struct MultiKeyIndex<M, H, S, A> {
    name: &'static str,
    partition: &'static [&'static str],
    sort: &'static [&'static str],
    marker: Marker<(M, H, S, A)>,
}

impl<M, H, S, A> MultiKeyIndex<M, H, S, A> {
    /// The handle of index `name` keyed by the attributes `partition` and `sort`; the derive makes
    /// these.
    pub const fn new(
        name: &'static str,
        partition: &'static [&'static str],
        sort: &'static [&'static str],
    ) -> Self {
        MultiKeyIndex {
            name,
            partition,
            sort,
            marker: PhantomData,
        }
    }

    /// The index name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl<M: Model, H, S, A: IndexOutput<M>> MultiKeyIndex<M, H, S, A> {
    /// Reads the items of one partition: a value for every partition attribute, in key order,
    /// as a tuple. Narrow it with `.sort_key(|k| ...)`.
    pub fn query<'a>(
        &self,
        db: &'a Db,
        partition: impl PartitionParts<H>,
    ) -> Query<'a, M, MultiSort<S>, A::Output> {
        Query::<M, MultiSort<S>>::new_parts(
            db,
            self.name,
            self.partition,
            self.sort,
            partition.parts(),
        )
        .retype()
    }

    /// Reads every item of the index.
    pub fn scan<'a>(&self, db: &'a Db) -> Scan<'a, M, A::Output> {
        Scan::<M>::new(db, Some(self.name)).retype()
    }
}

impl<M, H, S, A> Clone for MultiKeyIndex<M, H, S, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, H, S, A> Copy for MultiKeyIndex<M, H, S, A> {}

impl<M, H, S, A> std::fmt::Debug for MultiKeyIndex<M, H, S, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MultiKeyIndex({})", self.name)
    }
}

/// Values for every partition attribute of a multi-attribute key, as a tuple in key order:
/// `("FR", "Paris")` for attributes of types `(String, String)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value for every partition attribute `{H}` of this index",
    label = "give one value per partition attribute, as a tuple in key order",
    note = "a multi-attribute key is matched by equality on every partition attribute"
)]
pub trait PartitionParts<H> {
    /// The values, converted.
    fn parts(&self) -> Result<Vec<crate::expr::Operand>, crate::ConversionError>;
}

macro_rules! partition_parts {
    ($(($($value:ident: $ty:ident),+)),*) => {$(
        impl<$($ty,)+ $($value: crate::expr::ValueOf<$ty>,)+> PartitionParts<($($ty,)+)> for ($($value,)+) {
            #[allow(non_snake_case)]
            fn parts(&self) -> Result<Vec<crate::expr::Operand>, crate::ConversionError> {
                let ($($value,)+) = self;
                Ok(vec![$(crate::expr::Operand::Value($value.to_value()),)+])
            }
        }
    )*};
}

partition_parts!((A: HA), (A: HA, B: HB), (A: HA, B: HB, C: HC), (A: HA, B: HB, C: HC, D: HD));

/// The hash the derive names an index by in [`IndexByName`]: FNV-1a of the index's member name
/// in `M::indexes()`.
pub const fn index_name_hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The index of a model whose member of `indexes()` hashes to `NAME`; the derive implements it
/// for every index keyed by one partition attribute, so that a `has_many` of another model can
/// name the index.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no index by this name that a `has_many` can query",
    label = "not an index of `{Self}` keyed by one partition attribute",
    note = "name a member of `{Self}::indexes()`: a `global_index` or `local_index` of `{Self}`, as its handle is named"
)]
pub trait IndexByName<const NAME: u64> {
    /// The index handle's type.
    type Handle: QueryIndex;

    /// The index handle.
    fn index() -> Self::Handle;
}

/// An index keyed by one partition attribute, as a `has_many` through it queries it.
pub trait QueryIndex {
    /// The model the index's items are read as.
    type Model: Model;
    /// The Rust type of the index's partition key.
    type Partition;
    /// The index's sort key, as `.sort_key(..)` conditions take it.
    type Sort;
    /// What a read of the index gives: the model for an index of every attribute.
    type Output;

    /// The items of the index with this partition key.
    fn query_partition<'a>(
        &self,
        db: &'a Db,
        partition: impl crate::schema::PartitionValue<Self::Partition>,
    ) -> Query<'a, Self::Model, Self::Sort, Self::Output>;
}

impl<M: Model, H, R, A: IndexOutput<M>> QueryIndex for Index<M, H, R, A> {
    type Model = M;
    type Partition = H;
    type Sort = R;
    type Output = A::Output;

    fn query_partition<'a>(
        &self,
        db: &'a Db,
        partition: impl crate::schema::PartitionValue<H>,
    ) -> Query<'a, M, R, A::Output> {
        self.query(db, partition)
    }
}
