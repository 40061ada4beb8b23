//! The runner: runs migrations in order, each over its table's segments in parallel, sharing
//! them with every other runner through the control table; resumable after any stop.

use std::time::Duration;

use futures::StreamExt;

use super::budget::{Buckets, Budget};
use super::control::{Control, RunSpec, now_ms};
use super::migration::{Migration, Migrations};
use super::progress::Progress;
use super::report::{Report, RunReport};
use super::segment::{Left, Work};
use crate::cost::Prices;
use crate::db::Db;
use crate::error::{Error, OpFuture};
use crate::operation::Operation;

/// Runs migrations: `Runner::new(&db, &migrations).run().await`. See `docs/migrations.md`.
///
/// Each migration's table is scanned in parallel segments. A runner takes a segment by a lease
/// in the control table, renews it with every page, and records the segment's checkpoint after
/// every page; several runners (processes, containers, Lambda invocations) share a migration, and
/// when one is killed, another takes its segments over once their leases run out and goes on from
/// their checkpoints. Every item's change is conditional on the item being as read, so a
/// repeated or resumed run changes each item once in effect and never overwrites an
/// application's write.
#[must_use = "a runner does nothing until one of its runs is awaited"]
pub struct Runner<'a> {
    pub(super) db: &'a Db,
    pub(super) migrations: &'a Migrations,
    pub(super) segments: u32,
    pub(super) concurrency: usize,
    pub(super) page_size: i32,
    budget: Option<Budget>,
    deadline: Option<tokio::time::Instant>,
    lease: Duration,
    owner: String,
    bar: bool,
}

impl<'a> Runner<'a> {
    /// A runner of `migrations` on `db`: 4 segments, all worked on at once, pages of 100 items,
    /// 30-second leases, no budget, no deadline.
    pub fn new(db: &'a Db, migrations: &'a Migrations) -> Self {
        Runner {
            db,
            migrations,
            segments: 4,
            concurrency: 0,
            page_size: 100,
            budget: None,
            deadline: None,
            lease: Duration::from_secs(30),
            owner: format!("runner-{:016x}", fastrand::u64(..)),
            bar: true,
        }
    }

    /// How many segments a migration's table is scanned in (from 1 to 1,000,000, DynamoDB's
    /// limit). The first runner of a migration records it; later ones use the recorded count.
    pub fn segments(mut self, segments: u32) -> Self {
        self.segments = segments.clamp(1, 1_000_000);
        self
    }

    /// How many segments this runner works on at once (all of them by default).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// How many items a scan page holds (100 by default): the checkpoint is saved after each
    /// page, so a smaller page loses less work to a crash and costs more control writes.
    pub fn page_size(mut self, items: u32) -> Self {
        self.page_size = i32::try_from(items.max(1)).unwrap_or(i32::MAX);
        self
    }

    /// Keeps the units this runner consumes per second within `budget`, with bursts of at
    /// most one second's units.
    pub fn budget(mut self, budget: Budget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Stops cleanly before `deadline`: no page starts after it; each segment's checkpoint is
    /// saved and its lease given up, so the next runner goes on at once. For a Lambda
    /// invocation, give its deadline less the time one page takes.
    pub fn deadline(mut self, deadline: std::time::Instant) -> Self {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        self.deadline = Some(tokio::time::Instant::now() + left);
        self
    }

    /// [`deadline`](Runner::deadline) `limit` from now.
    pub fn time_limit(self, limit: Duration) -> Self {
        self.deadline(std::time::Instant::now() + limit)
    }

    /// How long a segment stays this runner's without a sign of life (30 seconds by default):
    /// after a crash, other runners take its segments over once it runs out. Each page renews
    /// it, so it must be longer than a page takes.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// The name this runner holds leases under (a random one by default).
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = owner.into();
        self
    }

    /// Whether to draw a progress bar when standard error is a terminal (on by default; with
    /// the `progress` feature). `tracing` events report progress either way.
    pub fn progress_bar(mut self, bar: bool) -> Self {
        self.bar = bar;
        self
    }

    /// Runs every ordered migration that is not done, in order: each over all its segments,
    /// with the runners that share it, until it is done, or until the deadline.
    pub fn run(self) -> OpFuture<'a, Report> {
        Box::pin(async move {
            let control = self.prepare().await?;
            let mut report = Report::default();
            for migration in &self.migrations.ordered {
                if control
                    .run(&migration.id)
                    .await?
                    .is_some_and(|run| run.done)
                {
                    continue;
                }
                let run = self
                    .run_one(&control, migration, &migration.id, Direction::Up)
                    .await?;
                let stop = !run.done;
                report.runs.push(run);
                if stop {
                    report.stopped_at_deadline = true;
                    break;
                }
            }
            Ok(report)
        })
    }

    /// Runs the maintenance migration `name` once more: a new run, kept in the history under
    /// `name@<start in milliseconds>`.
    pub fn run_maintenance(self, name: &'a str) -> OpFuture<'a, Report> {
        Box::pin(async move {
            let control = self.prepare().await?;
            let Some(migration) = self.migrations.maintenance.iter().find(|m| m.id == name) else {
                return Err(unknown(name, "maintenance migration"));
            };
            let key = format!("{name}@{}", now_ms());
            let run = self
                .run_one(&control, migration, &key, Direction::Up)
                .await?;
            Ok(Report {
                stopped_at_deadline: !run.done,
                runs: vec![run],
            })
        })
    }

    /// Runs the migration `id` down: its reverse on every item it changed. The migration must
    /// be reversible and done. Its history keeps both runs (the one down as `<id> (down)`).
    pub fn down(self, id: &'a str) -> OpFuture<'a, Report> {
        Box::pin(async move {
            let control = self.prepare().await?;
            let Some(migration) = self.migrations.get(id) else {
                return Err(unknown(id, "migration"));
            };
            if migration.down.is_none() {
                return Err(invalid(format!(
                    "the migration `{id}` has no reverse: make it with `Migration::reversible`"
                )));
            }
            if !control.run(id).await?.is_some_and(|run| run.done) {
                return Err(invalid(format!(
                    "the migration `{id}` is not done, so there is nothing to run down yet"
                )));
            }
            let key = format!("{id} (down)");
            let run = self
                .run_one(&control, migration, &key, Direction::Down)
                .await?;
            Ok(Report {
                stopped_at_deadline: !run.done,
                runs: vec![run],
            })
        })
    }

    async fn prepare(&self) -> Result<Control<'a>, Error> {
        if let Some(mistake) = self.migrations.mistake() {
            return Err(invalid(mistake));
        }
        let control = Control::new(self.db);
        control.ensure().await?;
        Ok(control)
    }

    pub(super) fn prices(&self) -> Prices {
        self.db
            .capacity_meter()
            .and_then(|meter| meter.prices().cloned())
            .unwrap_or_else(Prices::us_east_1)
    }

    /// Works on one run with the other runners until it is done, or until the deadline.
    async fn run_one(
        &self,
        control: &Control<'_>,
        migration: &Migration,
        key: &str,
        direction: Direction,
    ) -> Result<RunReport, Error> {
        let started = std::time::Instant::now();
        let run = control
            .start(&RunSpec {
                key,
                model: migration.schema.name,
                kind: migration.kind,
                direction: direction.name(),
                segments: self.segments,
                runner: &self.owner,
            })
            .await?;
        let total = item_count(self.db, migration.schema.table).await;
        let progress = Progress::new(key, total, self.prices(), self.bar);
        let buckets = self.budget.map(Buckets::new);
        let change = match direction {
            Direction::Up => &*migration.up,
            Direction::Down => migration.down.as_deref().unwrap_or(&*migration.up),
        };
        let mark = match direction {
            Direction::Up => key,
            Direction::Down => migration.id.as_str(),
        };
        let work = Work {
            db: self.db,
            control,
            schema: migration.schema,
            change,
            mark,
            key,
            owner: &self.owner,
            segments: run.segments,
            page_size: self.page_size,
            lease: self.lease,
            deadline: self.deadline,
            budget: buckets.as_ref(),
            progress: &progress,
        };
        let done = self.work_until_done(control, &work, key).await;
        let counts = progress.finish();
        Ok(RunReport {
            id: key.to_owned(),
            done: done?,
            counts,
            elapsed: started.elapsed(),
        })
    }

    /// Takes free segments until every one is done (true) or the deadline comes (false).
    async fn work_until_done(
        &self,
        control: &Control<'_>,
        work: &Work<'_>,
        key: &str,
    ) -> Result<bool, Error> {
        let concurrency = match self.concurrency {
            0 => work.segments as usize,
            n => n,
        };
        loop {
            let left: Vec<Left> = futures::stream::iter(0..work.segments)
                .map(|segment| work.segment(segment))
                .buffer_unordered(concurrency.max(1))
                .collect::<Vec<_>>()
                .await
                .into_iter()
                .collect::<Result<_, _>>()?;
            let segments = control.segments(key).await?;
            if !segments.is_empty() && segments.iter().all(|s| s.done) {
                control.finish(key).await?;
                return Ok(true);
            }
            if left.contains(&Left::Stopped)
                || self
                    .deadline
                    .is_some_and(|d| tokio::time::Instant::now() >= d)
            {
                return Ok(false);
            }
            // Other runners hold the rest: look again once their leases may have run out.
            if !left.contains(&Left::Done) {
                let pause = (self.lease / 4).min(Duration::from_secs(1));
                tokio::time::sleep(pause).await;
            }
        }
    }
}

/// How many items `table` holds, as DynamoDB estimates it (`None` when it cannot tell).
async fn item_count(db: &Db, table: &str) -> Option<u64> {
    let describe = db
        .client()
        .describe_table()
        .table_name(db.table_name(table))
        .send()
        .await;
    let count = describe.ok()?.table?.item_count?;
    u64::try_from(count).ok()
}

/// Which way a run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

impl Direction {
    fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

fn invalid(reason: String) -> Error {
    Error::InvalidRequest {
        operation: Operation::Scan,
        reason,
    }
}

pub(super) fn unknown(id: &str, what: &str) -> Error {
    invalid(format!("no {what} has the id `{id}`"))
}
