//! Data that changes shape, without downtime: items of an earlier schema version written back
//! in the current shape ([`write_back`]), and migrations ([`Migration`], [`Migrations`]) run by a
//! resumable [`Runner`] that several processes can share. See `docs/migrations.md`.
//!
//! ```no_run
//! use dynamo_model::migrate::{Budget, Migration, Migrations, Runner};
//! # use dynamo_model::prelude::*;
//! # #[derive(Model)] #[dynamo(table = "orders")]
//! # struct Order { #[dynamo(partition_key)] id: String }
//!
//! # async fn demo(db: &Db) -> Result<(), dynamo_model::Error> {
//! let migrations = Migrations::new().migration(Migration::upgrade::<Order>("orders to version 3"));
//! let report = Runner::new(db, &migrations)
//!     .segments(8)
//!     .budget(Budget::new(500.0, 200.0))
//!     .run()
//!     .await?;
//! assert!(report.is_complete());
//! # Ok(()) }
//! ```

mod budget;
mod check;
mod control;
mod migration;
mod progress;
mod report;
mod runner;
mod segment;
mod status;

use crate::db::Db;
use crate::error::OpFuture;
use crate::model::Model;
use crate::value::Item;

pub use crate::ops::upgrade::WriteBack;
pub use budget::Budget;
pub use control::CONTROL_TABLE;
pub use migration::{APPLIED_ATTRIBUTE, Migration, Migrations};
pub use report::{
    Counts, DryRun, MigrationStatus, Report, RunReport, RunState, SegmentState, Verified,
};
pub use runner::Runner;

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
