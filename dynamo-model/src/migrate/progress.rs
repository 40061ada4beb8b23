//! A run's progress as a user expects of a long job: a progress bar on a terminal (feature
//! `progress`), and always `tracing` events with the same figures: items done, items per
//! second, the estimated time left, units consumed and what they cost.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::report::Counts;
use crate::cost::{Prices, Units};

/// How often a `tracing` event reports progress while a run goes on.
const EVENT_EVERY: Duration = Duration::from_secs(5);

/// The progress of one run in one runner.
pub(crate) struct Progress {
    id: String,
    /// How many items the table holds, as DynamoDB estimates (it updates the count about every
    /// six hours), for the time left.
    total: Option<u64>,
    prices: Prices,
    started: Instant,
    state: Mutex<State>,
    #[cfg(feature = "progress")]
    bar: Option<indicatif::ProgressBar>,
}

struct State {
    counts: Counts,
    reported: Instant,
}

/// The figures of one moment.
struct Figures {
    per_second: f64,
    eta_seconds: Option<f64>,
    cost_usd: f64,
}

impl Progress {
    pub(crate) fn new(id: &str, total: Option<u64>, prices: Prices, bar: bool) -> Self {
        #[cfg(not(feature = "progress"))]
        let _ = bar;
        let started = Instant::now();
        Progress {
            id: id.to_owned(),
            total,
            prices,
            started,
            state: Mutex::new(State {
                counts: Counts::default(),
                reported: started,
            }),
            #[cfg(feature = "progress")]
            bar: bar.then(|| terminal_bar(id, total)).flatten(),
        }
    }

    /// Adds what a page of a segment did; reports it when it is time.
    pub(crate) fn add(&self, delta: &Counts) {
        let (counts, due) = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            state.counts.add(delta);
            let due = state.reported.elapsed() >= EVENT_EVERY;
            if due {
                state.reported = Instant::now();
            }
            (state.counts, due)
        };
        #[cfg(feature = "progress")]
        if let Some(bar) = &self.bar {
            let figures = self.figures(&counts);
            bar.set_position(counts.scanned);
            bar.set_message(format!(
                "{} changed · {} failed · {:.0} RCU {:.0} WCU · ${:.4}",
                counts.changed,
                counts.failed,
                counts.read_units,
                counts.write_units,
                figures.cost_usd
            ));
        }
        if due {
            self.event(&counts, "progress");
        }
    }

    /// Reports the end of this runner's work on the run.
    pub(crate) fn finish(&self) -> Counts {
        let counts = self.state.lock().unwrap_or_else(|e| e.into_inner()).counts;
        #[cfg(feature = "progress")]
        if let Some(bar) = &self.bar {
            bar.finish();
        }
        self.event(&counts, "finished");
        counts
    }

    fn figures(&self, counts: &Counts) -> Figures {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let per_second = counts.scanned as f64 / seconds;
        let eta_seconds = self
            .total
            .filter(|_| per_second > 0.0)
            .map(|total| total.saturating_sub(counts.scanned) as f64 / per_second);
        let units = Units {
            read: counts.read_units,
            write: counts.write_units,
            ..Units::default()
        };
        Figures {
            per_second,
            eta_seconds,
            cost_usd: self.prices.on_demand(&units),
        }
    }

    fn event(&self, counts: &Counts, stage: &'static str) {
        let figures = self.figures(counts);
        tracing::info!(
            target: "dynamo_model::migrate",
            migration = %self.id,
            stage,
            scanned = counts.scanned,
            changed = counts.changed,
            unchanged = counts.unchanged,
            failed = counts.failed,
            items_per_second = figures.per_second,
            eta_seconds = figures.eta_seconds.unwrap_or(-1.0),
            read_units = counts.read_units,
            write_units = counts.write_units,
            cost_usd = figures.cost_usd,
            "migration {stage}"
        );
    }
}

/// A progress bar on standard error, when it is a terminal.
#[cfg(feature = "progress")]
fn terminal_bar(id: &str, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total.unwrap_or(0));
    let template = "{prefix} [{bar:30}] {pos}/{len} items · {per_sec} · ETA {eta} · {msg}";
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(id.to_owned());
    Some(bar)
}
