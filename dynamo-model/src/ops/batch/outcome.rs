//! What a batch write came to: an outcome for every write the caller passed in.

use std::sync::Arc;

use super::BatchWriteItem;
use crate::error::Error;

/// What became of one write of a batch.
#[derive(Debug, Clone)]
pub enum WriteOutcome {
    /// DynamoDB applied it.
    Written,
    /// A later write of the same key in this batch (at this index) replaced it, so it was not
    /// sent: the later write's outcome is this key's.
    Replaced {
        /// The index of the later write.
        by: usize,
    },
    /// DynamoDB still left it unprocessed after the last attempt (throttling): not applied,
    /// safe to send again.
    Unprocessed(BatchWriteItem),
    /// The call that carried it failed after the SDK's retries. It may or may not have been
    /// applied (a connection can drop after the write); puts and deletes are idempotent, so
    /// sending it again is safe.
    Failed {
        /// The write, to send again.
        write: BatchWriteItem,
        /// The call's error, shared by every write of that call.
        error: Arc<Error>,
    },
}

/// What a batch write did: one [`WriteOutcome`] per write, in the order the writes were added.
#[derive(Debug)]
#[must_use = "check `is_complete()` or call `ensure_complete()`: writes may be left undone"]
pub struct BatchWritten {
    /// The outcome of each write, by the index it was added at.
    pub outcomes: Vec<WriteOutcome>,
    /// Errors of `after_save` hooks of puts that were written, by the write's index. Every
    /// hook runs; one failing does not stop the others.
    pub hook_errors: Vec<(usize, Error)>,
    /// How many retries of unprocessed writes the calls needed in all.
    pub retries: u32,
}

impl BatchWritten {
    /// Whether every write was applied (or replaced by a later one that was) and every
    /// `after_save` hook succeeded.
    pub fn is_complete(&self) -> bool {
        self.hook_errors.is_empty()
            && self
                .outcomes
                .iter()
                .all(|o| matches!(o, WriteOutcome::Written | WriteOutcome::Replaced { .. }))
    }

    /// How many writes DynamoDB applied.
    pub fn written(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, WriteOutcome::Written))
            .count()
    }

    /// The writes left unprocessed after every retry, with their indexes.
    pub fn unprocessed(&self) -> impl Iterator<Item = (usize, &BatchWriteItem)> {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                WriteOutcome::Unprocessed(write) => Some((i, write)),
                _ => None,
            })
    }

    /// The writes whose call failed, with their indexes and the error.
    pub fn failed(&self) -> impl Iterator<Item = (usize, &BatchWriteItem, &Error)> {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                WriteOutcome::Failed { write, error } => Some((i, write, &**error)),
                _ => None,
            })
    }

    /// `Ok` when [`is_complete`](Self::is_complete); otherwise [`Error::BatchIncomplete`],
    /// which counts what was not done and carries the first error. Use it where a batch that
    /// did not fully land is a failure; read the outcomes where it can be repaired.
    pub fn ensure_complete(&self) -> Result<(), Error> {
        if self.is_complete() {
            return Ok(());
        }
        let unprocessed = self.unprocessed().count();
        let failed = self.failed().count();
        let written = self.written();
        let first = self
            .failed()
            .map(|(_, _, e)| e.to_string())
            .chain(self.hook_errors.iter().map(|(_, e)| e.to_string()))
            .next();
        Err(Error::BatchIncomplete {
            written,
            unprocessed,
            failed,
            hook_errors: self.hook_errors.len(),
            first_error: first,
        })
    }
}
