//! One segment of a run: scanned page by page from its checkpoint, each item changed on the
//! condition that it is still as read, the checkpoint saved after each page with the lease
//! renewed.

use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, ReturnConsumedCapacity};

use super::budget::{Buckets, Units};
use super::control::{Control, Saved, now_ms};
use super::migration::{ChangeFn, Outcome};
use super::progress::Progress;
use super::report::Counts;
use crate::db::Db;
use crate::error::Error;
use crate::operation::Operation;
use crate::ops::upgrade::{Replaced, replace};
use crate::schema::Schema;
use crate::value::Item;

/// How many times an item is read again after it changed under the run, before it goes to the
/// ledger.
const RACES: usize = 5;

/// What a run's workers share.
pub(crate) struct Work<'w> {
    pub(crate) db: &'w Db,
    pub(crate) control: &'w Control<'w>,
    pub(crate) schema: Schema,
    pub(crate) change: &'w ChangeFn,
    /// What a transform records on the items it changed (see [`ChangeFn`]).
    pub(crate) mark: &'w str,
    /// The run's key in the control table.
    pub(crate) key: &'w str,
    pub(crate) owner: &'w str,
    pub(crate) segments: u32,
    pub(crate) page_size: i32,
    pub(crate) lease: Duration,
    pub(crate) deadline: Option<tokio::time::Instant>,
    pub(crate) budget: Option<&'w Buckets>,
    pub(crate) progress: &'w Progress,
}

/// How a worker left a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Left {
    /// Another runner holds it, or it is done: not taken.
    NotTaken,
    /// Scanned to its end.
    Done,
    /// Another runner took it over (this runner's lease ran out).
    Lost,
    /// Stopped before the deadline, checkpoint saved, lease given up.
    Stopped,
}

/// A page of a segment.
pub(crate) struct Page {
    pub(crate) items: Vec<Item>,
    pub(crate) next: Option<Item>,
    pub(crate) read_units: f64,
}

impl Work<'_> {
    fn until(&self) -> u64 {
        now_ms() + u64::try_from(self.lease.as_millis()).unwrap_or(u64::MAX)
    }

    /// Whether the deadline is too close to start another page.
    fn out_of_time(&self) -> bool {
        self.deadline
            .is_some_and(|deadline| tokio::time::Instant::now() >= deadline)
    }

    /// Takes `segment` if it is free, and works on it until it is done, lost or out of time.
    pub(crate) async fn segment(&self, segment: u32) -> Result<Left, Error> {
        if self.out_of_time() {
            return Ok(Left::Stopped);
        }
        let Some(claimed) = self
            .control
            .claim(self.key, segment, self.owner, self.until())
            .await?
        else {
            return Ok(Left::NotTaken);
        };
        let (mut checkpoint, mut pages) = (claimed.checkpoint, claimed.pages);
        loop {
            if self.out_of_time() {
                self.control.release(self.key, segment, self.owner).await?;
                return Ok(Left::Stopped);
            }
            let page = self.page(segment, checkpoint.take()).await?;
            let mut counts = Counts {
                scanned: page.items.len() as u64,
                read_units: page.read_units,
                ..Counts::default()
            };
            for item in page.items {
                self.item(item, &mut counts).await?;
            }
            let done = page.next.is_none();
            let saved = Saved {
                pages,
                checkpoint: page.next.clone(),
                counts,
                until_ms: self.until(),
                done,
            };
            let still_ours = self
                .control
                .save(self.key, segment, self.owner, saved)
                .await?;
            self.progress.add(&counts);
            if !still_ours {
                return Ok(Left::Lost);
            }
            if done {
                return Ok(Left::Done);
            }
            pages += 1;
            checkpoint = page.next;
        }
    }

    /// Sends `request` within the budget of `kind` units: reserved before it is sent, settled
    /// with what it `consumed` after. The request comes boxed, so that waiting for the budget
    /// does not hold its state inline in the caller's future.
    async fn within_budget<R>(
        &self,
        kind: Units,
        request: std::pin::Pin<Box<dyn std::future::Future<Output = R> + Send + '_>>,
        consumed: impl FnOnce(&R) -> f64,
    ) -> R {
        let reserved = match self.budget {
            Some(budget) => budget.acquire(kind).await,
            None => 0.0,
        };
        let result = request.await;
        if let Some(budget) = self.budget {
            budget.settle(kind, reserved, consumed(&result));
        }
        result
    }

    /// One page of `segment`, from `start`, within the budget; throttling is waited out.
    pub(crate) async fn page(&self, segment: u32, start: Option<Item>) -> Result<Page, Error> {
        let mut backoff = Backoff::default();
        loop {
            let request = Box::pin(scan_page(
                self.db,
                &self.schema,
                (segment, self.segments),
                start.clone(),
                self.page_size,
            ));
            let result = self
                .within_budget(Units::Read, request, |result| {
                    result.as_ref().map_or(0.0, |page| page.read_units)
                })
                .await;
            match result {
                Err(e) if e.is_throttling() => backoff.wait().await,
                other => return other,
            }
        }
    }

    /// Migrates one item: its change written on the condition that it is still as read, read
    /// again when it changed meanwhile.
    async fn item(&self, mut stored: Item, counts: &mut Counts) -> Result<(), Error> {
        let key = crate::ops::unique::key_of(&self.schema, &stored);
        let mut backoff = Backoff::default();
        let mut races = 0;
        while races < RACES {
            let (item, guard) = match (self.change)(&stored, self.mark) {
                Ok(Outcome::Done) => {
                    counts.unchanged += 1;
                    return Ok(());
                }
                Ok(Outcome::Replace { item, guard }) => (item, guard),
                Err(reason) => return self.failed(&key, &reason, counts).await,
            };
            let request = Box::pin(replace(self.db, &self.schema, &stored, guard, item));
            let result = self
                .within_budget(Units::Write, request, |result| match result {
                    Ok(Replaced::Written { units }) => *units,
                    _ => 0.0,
                })
                .await;
            match result {
                Ok(Replaced::Written { units }) => {
                    counts.changed += 1;
                    counts.write_units += units;
                    return Ok(());
                }
                Ok(Replaced::Changed) => {
                    races += 1;
                    match read(self.db, &self.schema, key.clone()).await? {
                        Some(now) => stored = now,
                        None => {
                            counts.gone += 1;
                            return Ok(());
                        }
                    }
                }
                Err(e) if e.is_throttling() || e.is_retryable() => backoff.wait().await,
                Err(e) => return self.failed(&key, &e.to_string(), counts).await,
            }
        }
        let reason =
            format!("changed by other writers {RACES} times in a row while it was migrated");
        self.failed(&key, &reason, counts).await
    }

    async fn failed(&self, key: &Item, reason: &str, counts: &mut Counts) -> Result<(), Error> {
        counts.failed += 1;
        tracing::warn!(
            target: "dynamo_model::migrate",
            migration = %self.key,
            key = %crate::json::item_to_string(key),
            reason,
            "item not migrated"
        );
        self.control.failed(self.key, key, reason).await
    }
}

/// Waits longer after each throttled try: 50 ms doubling to 5 s, with jitter.
#[derive(Default)]
pub(crate) struct Backoff {
    tries: u32,
}

impl Backoff {
    pub(crate) async fn wait(&mut self) {
        let base = 50u64.saturating_mul(1 << self.tries.min(7)).min(5_000);
        self.tries += 1;
        let jittered = base / 2 + fastrand::u64(0..=base / 2);
        tokio::time::sleep(Duration::from_millis(jittered)).await;
    }
}

/// One page of a parallel scan of the model's items (of its entity only, in a shared table).
pub(crate) async fn scan_page(
    db: &Db,
    schema: &Schema,
    (segment, segments): (u32, u32),
    start: Option<Item>,
    page_size: i32,
) -> Result<Page, Error> {
    let table = db.table_name(schema.table);
    let mut scan = db
        .client()
        .scan()
        .table_name(&table)
        .segment(i32::try_from(segment).unwrap_or(i32::MAX))
        .total_segments(i32::try_from(segments).unwrap_or(i32::MAX))
        .limit(page_size)
        .set_exclusive_start_key(start)
        .return_consumed_capacity(ReturnConsumedCapacity::Total);
    if let Some(entity) = schema.entity {
        scan = scan
            .filter_expression("#et = :et")
            .expression_attribute_names("#et", entity.attribute)
            .expression_attribute_values(":et", AttributeValue::S(entity.name.to_owned()));
    }
    let (result, attempts) = crate::db::watch(scan.send()).await;
    let output = result.map_err(|e| Error::sdk(Operation::Scan, &table, e, attempts))?;
    let read_units = output
        .consumed_capacity()
        .and_then(|c| c.capacity_units)
        .unwrap_or(0.0);
    Ok(Page {
        items: output.items.unwrap_or_default(),
        next: output.last_evaluated_key.filter(|key| !key.is_empty()),
        read_units,
    })
}

/// The item with `key`, read consistently.
async fn read(db: &Db, schema: &Schema, key: Item) -> Result<Option<Item>, Error> {
    let table = db.table_name(schema.table);
    let get = db
        .client()
        .get_item()
        .table_name(&table)
        .set_key(Some(key))
        .consistent_read(true)
        .send();
    let (result, attempts) = crate::db::watch(get).await;
    Ok(result
        .map_err(|e| Error::sdk(Operation::GetItem, &table, e, attempts))?
        .item)
}
