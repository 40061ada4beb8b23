//! Runs that write nothing: a dry run (what a run would change, and what it would cost) and a
//! verify pass (what is still to change).

use futures::StreamExt;

use super::migration::{ChangeFn, Migration, Outcome};
use super::report::{Counts, DryRun, Verified};
use super::runner::{Runner, unknown};
use super::segment::scan_page;
use crate::cost::{Units, Write};
use crate::error::{Error, OpFuture};
use crate::value::Item;

impl<'a> Runner<'a> {
    /// What running the migration `id` would change, without writing anything: counts, a
    /// sample of items before and after, the predicted write units and cost.
    pub fn dry_run(self, id: &'a str) -> OpFuture<'a, DryRun> {
        Box::pin(async move {
            let Some(migration) = self.migrations.get(id) else {
                return Err(unknown(id, "migration"));
            };
            let mut dry = DryRun {
                id: id.to_owned(),
                ..DryRun::default()
            };
            let samples = &mut dry.samples;
            let failures = &mut dry.failures;
            let mut predicted = 0.0;
            let counts = self
                .each_item(
                    migration,
                    &*migration.up,
                    |stored, outcome, counts| match outcome {
                        Ok(Outcome::Done) => counts.unchanged += 1,
                        Ok(Outcome::Replace { item, .. }) => {
                            counts.changed += 1;
                            predicted += predicted_units(migration, stored, &item);
                            if samples.len() < DryRun::SAMPLES {
                                samples.push((stored.clone(), item));
                            }
                        }
                        Err(reason) => {
                            counts.failed += 1;
                            let key = crate::ops::unique::key_of(&migration.schema, stored);
                            failures.push((key, reason));
                        }
                    },
                )
                .await?;
            dry.counts = counts;
            dry.predicted_write_units = predicted;
            let units = Units {
                read: dry.counts.read_units,
                write: dry.predicted_write_units,
                ..Units::default()
            };
            dry.predicted_cost_usd = self.prices().on_demand(&units);
            Ok(dry)
        })
    }

    /// Counts the items the migration `id` would still change: a final check after a run.
    pub fn verify(self, id: &'a str) -> OpFuture<'a, Verified> {
        Box::pin(async move {
            let Some(migration) = self.migrations.get(id) else {
                return Err(unknown(id, "migration"));
            };
            let mut verified = Verified::default();
            let counts = self
                .each_item(migration, &*migration.up, |_, outcome, _| match outcome {
                    Ok(Outcome::Done) => {}
                    Ok(Outcome::Replace { .. }) => verified.outstanding += 1,
                    Err(_) => verified.failed += 1,
                })
                .await?;
            verified.scanned = counts.scanned;
            Ok(verified)
        })
    }

    /// Reads every item of the migration's model (all segments, no control table), with what
    /// `change` makes of it; gives the counts of reads.
    async fn each_item(
        &self,
        migration: &Migration,
        change: &ChangeFn,
        mut found: impl FnMut(&Item, Result<Outcome, String>, &mut Counts),
    ) -> Result<Counts, Error> {
        let segments = self.segments;
        let pages = futures::stream::iter(0..segments)
            .map(|segment| async move {
                let mut items = Vec::new();
                let mut start = None;
                let mut read_units = 0.0;
                loop {
                    let page = scan_page(
                        self.db,
                        &migration.schema,
                        (segment, segments),
                        start,
                        self.page_size,
                    )
                    .await?;
                    read_units += page.read_units;
                    items.extend(page.items);
                    match page.next {
                        Some(next) => start = Some(next),
                        None => return Ok::<_, Error>((items, read_units)),
                    }
                }
            })
            .buffer_unordered(self.concurrency.max(1).min(segments as usize))
            .collect::<Vec<_>>()
            .await;
        let mut counts = Counts::default();
        for page in pages {
            let (items, read_units) = page?;
            counts.read_units += read_units;
            for item in items {
                counts.scanned += 1;
                let outcome = change(&item, &migration.id);
                found(&item, outcome, &mut counts);
            }
        }
        Ok(counts)
    }
}

/// What a dry run predicts one change consumes: a put of the new form, or where the key moves,
/// a delete and a put in one transaction.
fn predicted_units(migration: &Migration, stored: &Item, item: &Item) -> f64 {
    let schema = &migration.schema;
    let moved =
        crate::ops::unique::key_of(schema, stored) != crate::ops::unique::key_of(schema, item);
    if moved {
        let delete = crate::cost::write_cost(schema, Some(stored), None, Write::Transactional);
        let put = crate::cost::write_cost(schema, None, Some(item), Write::Transactional);
        delete.total() + put.total()
    } else {
        crate::cost::write_cost(schema, Some(stored), Some(item), Write::Single).total()
    }
}
