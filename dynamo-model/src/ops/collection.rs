//! The query of a collection: every entity of one partition of a shared table, in one request.

use crate::model::Model;
use crate::ops::{ModelExt, Query};

/// The query of a collection named `name`: the whole partition of member `M`'s table, each item
/// read by the collection `C`. Generated code calls this.
#[doc(hidden)]
pub fn collection_query<'a, M, C>(
    db: &'a crate::Db,
    name: &'static str,
    partition: impl crate::schema::PartitionValue<M::PartitionKey>,
) -> Query<'a, M, crate::NoSortKey, C>
where
    M: Model,
    C: crate::Projection<M>,
{
    M::query(db, partition)
        .whole_partition()
        .retype_range()
        .retype()
        .reading_for(name)
}

/// A collection, as a `has_many(.., collection, ..)` of a model queries it: the derive of
/// `#[derive(Collection)]` implements it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection",
    label = "a `has_many` marked `collection` reads a `#[derive(Collection)]` enum",
    note = "derive `Collection` for an enum of the partition's entities, or leave out `collection` to query a model"
)]
pub trait PartitionCollection: Sized {
    /// The first member: the model whose partition key the query takes.
    type Member: Model;

    /// The whole partition with this key, each item read as the collection.
    fn query_partition<'a>(
        db: &'a crate::Db,
        partition: impl crate::schema::PartitionValue<<Self::Member as Model>::PartitionKey>,
    ) -> Query<'a, Self::Member, crate::NoSortKey, Self>;
}
