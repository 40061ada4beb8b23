//! Where migrations stand, read from the control table.

use super::control::Control;
use super::migration::Migrations;
use super::report::{Counts, MigrationStatus};
use crate::db::Db;
use crate::error::OpFuture;

impl Migrations {
    /// Where each ordered migration stands, from the control table: its run, segments, counts
    /// and ledger of failures.
    pub fn status<'a>(&'a self, db: &'a Db) -> OpFuture<'a, Vec<MigrationStatus>> {
        Box::pin(async move {
            let control = Control::new(db);
            control.ensure().await?;
            let mut all = Vec::new();
            for migration in &self.ordered {
                let run = control.run(&migration.id).await?;
                let segments = control.segments(&migration.id).await?;
                let mut counts = Counts::default();
                for segment in &segments {
                    counts.add(&segment.counts);
                }
                all.push(MigrationStatus {
                    id: migration.id.clone(),
                    model: migration.schema.name,
                    run,
                    segments,
                    counts,
                    failures: control.failures(&migration.id).await?,
                });
            }
            Ok(all)
        })
    }

    /// The ids of the ordered migrations not done yet, in order.
    pub fn outstanding<'a>(&'a self, db: &'a Db) -> OpFuture<'a, Vec<String>> {
        Box::pin(async move {
            let control = Control::new(db);
            control.ensure().await?;
            let mut outstanding = Vec::new();
            for migration in &self.ordered {
                if !control
                    .run(&migration.id)
                    .await?
                    .is_some_and(|run| run.done)
                {
                    outstanding.push(migration.id.clone());
                }
            }
            Ok(outstanding)
        })
    }
}
