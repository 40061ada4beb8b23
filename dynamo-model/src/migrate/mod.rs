//! Data that changes shape: writing items of an earlier schema version back in the current
//! shape, and migrations run by a resumable runner. See `docs/migrations.md`.

use crate::db::Db;
use crate::error::OpFuture;
use crate::model::Model;
use crate::value::Item;

pub use crate::ops::upgrade::WriteBack;

/// Writes `stored`, an item of model `M` as it was read (from a scan, a stream record, an
/// export), back in the current shape if it is stamped with an earlier schema version.
///
/// The write replaces the item on the condition that it is still there with the stamp it was
/// read with, so a writer that changed it meanwhile keeps its write ([`WriteBack::Changed`]:
/// read it again). An upgrade that moves the item's key deletes the old item and puts the new
/// one in one transaction.
pub fn write_back<'a, M: Model + Send + 'a>(
    db: &'a Db,
    stored: Item,
) -> OpFuture<'a, WriteBack<M>> {
    Box::pin(crate::ops::upgrade::write_back::<M>(db, stored))
}
