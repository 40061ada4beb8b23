//! What runs did and where they stand: counts, the run and segment states of the control
//! table, a run's report, a dry run's findings.

use std::time::Duration;

use crate::value::Item;

/// What a run did to the items it read, summed over segments (and over runners, in the
/// control table).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Items read.
    pub scanned: u64,
    /// Items the run wrote in their new form.
    pub changed: u64,
    /// Items already as the migration leaves them.
    pub unchanged: u64,
    /// Items it could not migrate: each is in the ledger, with the reason.
    pub failed: u64,
    /// Items deleted by another writer between the read and the write.
    pub gone: u64,
    /// Read units the scans consumed, as DynamoDB reported them.
    pub read_units: f64,
    /// Write units the writes consumed, as DynamoDB reported them.
    pub write_units: f64,
}

impl Counts {
    /// Each count with its attribute name in the control table.
    pub(crate) fn fields(&self) -> [(&'static str, String); 7] {
        [
            ("scanned", self.scanned.to_string()),
            ("changed", self.changed.to_string()),
            ("unchanged", self.unchanged.to_string()),
            ("failed", self.failed.to_string()),
            ("gone", self.gone.to_string()),
            ("read_units", self.read_units.to_string()),
            ("write_units", self.write_units.to_string()),
        ]
    }

    /// Counts read by attribute name.
    pub(crate) fn read(number: impl Fn(&str) -> f64) -> Self {
        let whole = |name: &str| number(name) as u64;
        Counts {
            scanned: whole("scanned"),
            changed: whole("changed"),
            unchanged: whole("unchanged"),
            failed: whole("failed"),
            gone: whole("gone"),
            read_units: number("read_units"),
            write_units: number("write_units"),
        }
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Counts) {
        self.scanned += other.scanned;
        self.changed += other.changed;
        self.unchanged += other.unchanged;
        self.failed += other.failed;
        self.gone += other.gone;
        self.read_units += other.read_units;
        self.write_units += other.write_units;
    }
}

/// A run as the control table records it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunState {
    /// The run's key: the migration's id (with ` (down)` for a run down, and `@<start>` for a
    /// maintenance run).
    pub id: String,
    /// The model migrated.
    pub model: String,
    /// `upgrade`, `rewrite` or `transform`.
    pub kind: String,
    /// `up` or `down`.
    pub direction: String,
    /// How many segments the table is scanned in.
    pub segments: u32,
    /// Whether every segment is done.
    pub done: bool,
    /// When the first runner started it, in milliseconds since 1970.
    pub started_at_ms: u64,
    /// When it was done.
    pub finished_at_ms: Option<u64>,
}

/// One segment of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentState {
    /// Its number, from 0.
    pub segment: u32,
    /// The runner holding a live lease on it.
    pub owner: Option<String>,
    /// Whether it is finished.
    pub done: bool,
    /// Whether a checkpoint is kept, which the next runner resumes from.
    pub resumes: bool,
    /// What runners did in it so far.
    pub counts: Counts,
}

/// Where one migration stands.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationStatus {
    /// The migration's id.
    pub id: String,
    /// The model it migrates.
    pub model: &'static str,
    /// The run, once one started.
    pub run: Option<RunState>,
    /// Its segments.
    pub segments: Vec<SegmentState>,
    /// The counts over every segment.
    pub counts: Counts,
    /// The ledger: each item's key and why it was not migrated.
    pub failures: Vec<(Item, String)>,
}

impl MigrationStatus {
    /// Whether the migration has run to its end.
    pub fn is_done(&self) -> bool {
        self.run.as_ref().is_some_and(|run| run.done)
    }
}

/// What one run did, as [`Runner::run`](super::Runner::run) reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    /// The run's key (the migration's id, for an ordered one).
    pub id: String,
    /// Whether the migration is done (by this runner or others).
    pub done: bool,
    /// What this runner did.
    pub counts: Counts,
    /// How long this runner worked on it.
    pub elapsed: Duration,
}

/// What a runner did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Each run it worked on, in order.
    pub runs: Vec<RunReport>,
    /// Whether it stopped before its deadline with work left: its checkpoints are saved, and the
    /// next runner goes on from them.
    pub stopped_at_deadline: bool,
}

impl Report {
    /// Whether every run it worked on is done and it did not stop early.
    pub fn is_complete(&self) -> bool {
        !self.stopped_at_deadline && self.runs.iter().all(|run| run.done)
    }

    /// The counts over every run.
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for run in &self.runs {
            total.add(&run.counts);
        }
        total
    }
}

/// What a dry run found: what a run would change, without writing anything.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DryRun {
    /// The migration.
    pub id: String,
    /// Items read; `changed` counts the items a run would write.
    pub counts: Counts,
    /// Up to [`DryRun::SAMPLES`] items a run would change: each as stored and as it would be.
    pub samples: Vec<(Item, Item)>,
    /// The write units the changes would consume, by DynamoDB's rules (`cost::write_cost`,
    /// indexes included).
    pub predicted_write_units: f64,
    /// What those units and the scan's read units cost on demand, at the `Db`'s meter's prices
    /// (us-east-1 without a meter).
    pub predicted_cost_usd: f64,
    /// The items it could not migrate, with the reason.
    pub failures: Vec<(Item, String)>,
}

impl DryRun {
    /// How many changes a dry run keeps as samples.
    pub const SAMPLES: usize = 5;
}

/// What a verify pass counted: items not yet as the migration leaves them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Verified {
    /// Items read.
    pub scanned: u64,
    /// Items the migration would still change.
    pub outstanding: u64,
    /// Items it could not read or change.
    pub failed: u64,
}
