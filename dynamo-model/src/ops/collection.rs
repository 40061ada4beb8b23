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
