//! What a long wait on a table shows: a status line on a terminal (an index backfilling over a
//! large table takes minutes), `tracing` events otherwise and always.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use aws_sdk_dynamodb::types::TableDescription;

/// The progress of one wait, named by what it waits for.
pub(super) struct Progress<'w> {
    waiting_for: &'w str,
    terminal: bool,
    shown: bool,
}

impl<'w> Progress<'w> {
    pub(super) fn new(waiting_for: &'w str) -> Self {
        Progress {
            waiting_for,
            terminal: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// One poll: the table's status and every index not ACTIVE yet, `elapsed` into the wait.
    pub(super) fn poll(&mut self, description: Option<&TableDescription>, elapsed: Duration) {
        let status = description.map_or_else(|| "not found".to_owned(), status);
        tracing::info!(
            target: "dynamo_model::table",
            waiting_for = self.waiting_for,
            status = status.as_str(),
            elapsed_s = elapsed.as_secs(),
            "waiting for the table"
        );
        // The first poll of a ready table shows nothing: only waits that take a while do.
        if self.terminal && elapsed >= Duration::from_secs(1) {
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r{}: {status} ({} s)\x1b[K",
                self.waiting_for,
                elapsed.as_secs()
            );
            let _ = err.flush();
            self.shown = true;
        }
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        if self.shown {
            let _ = writeln!(std::io::stderr(), "\r{}: done\x1b[K", self.waiting_for);
        }
    }
}

/// `ACTIVE`, or `UPDATING, index by_status CREATING (backfilling)`.
fn status(description: &TableDescription) -> String {
    let mut status = description
        .table_status()
        .map_or("unknown", |s| s.as_str())
        .to_owned();
    for index in description.global_secondary_indexes() {
        let index_status = index.index_status().map_or("unknown", |s| s.as_str());
        if index_status != "ACTIVE" {
            status.push_str(&format!(
                ", index {} {index_status}{}",
                index.index_name().unwrap_or_default(),
                if index.backfilling() == Some(true) {
                    " (backfilling)"
                } else {
                    ""
                }
            ));
        }
    }
    status
}
