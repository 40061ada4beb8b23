//! BatchWriteItem for any number of puts and deletes, built when sent, every write accounted
//! for.

use crate::operation::Operation;
use std::collections::HashMap;
use std::future::IntoFuture;
use std::sync::Arc;

use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, WriteRequest};
use futures::stream::{self, StreamExt};
use tracing::Instrument;

use super::{
    BatchWritten, MAX_BATCH_WRITE, Retried, RetryPolicy, WriteOutcome, key_fingerprint,
    with_retries,
};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::model::Model;
use crate::ops::{OpFuture, build_write, prepare, request_span, saved};
use crate::value::ConversionError;
use crate::value::Item;

/// One write of a batch, with the table it goes to.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchWriteItem {
    /// The table name, as the `Db` resolved it.
    pub table: String,
    /// The put or delete.
    pub request: WriteRequest,
}

/// Puts and deletes of any number of items, across models and tables, in BatchWriteItem calls
/// of up to 25. Made by [`BatchWrite::new`]; `.await` gives a [`BatchWritten`] with the outcome
/// of every write.
///
/// The writes are built when the batch is sent: a put's `before_save` hook, timestamps and
/// validation run then, on every model, before anything is sent; an error there fails the
/// batch with nothing written. Once sending starts the batch never stops half-way: a chunk whose
/// call fails does not stop the others, and the result says of each write whether it was
/// written, left unprocessed, or failed with the error.
///
/// Batch writes carry no conditions and no return values (DynamoDB allows neither). Two writes
/// of one key (which DynamoDB refuses in one call) follow a simple rule: the later write wins,
/// as if the writes ran in order, and the earlier one is not sent.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::BatchWrite;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Cat { #[dynamo(partition_key)] id: String }
/// let mut cats: Vec<Cat> = (0..1000).map(|i| Cat { id: format!("c{i}") }).collect();
/// let written = BatchWrite::new(db).put_all(&mut cats).delete::<Cat>("c-old").await?;
/// for (index, write) in written.unprocessed() {
///     // Not applied after every retry: send `write` again later, or report it.
/// #   let _ = (index, write);
/// }
/// written.ensure_complete()?; // or: an error unless every write landed
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct BatchWrite<'a> {
    db: &'a Db,
    writes: Vec<Box<dyn PendingWrite<'a> + 'a>>,
    concurrency: usize,
    retry: RetryPolicy,
}

/// A write of a batch, built when the batch is sent, so that a put's model runs its write
/// behaviours then (and only then).
trait PendingWrite<'a>: Send {
    /// The write as it would be sent for the model as it is now, changing nothing.
    fn preview(&self) -> Result<PreparedWrite<'a>, Error>;
    /// Runs the write's behaviours and builds the write to send.
    fn prepare(self: Box<Self>) -> Result<PreparedWrite<'a>, Error>;
}

/// What runs once DynamoDB applied a put: the model records its version and runs `after_save`.
type AfterWrite<'a> = Box<dyn FnOnce() -> Result<(), Error> + Send + 'a>;

/// One write, ready to send.
struct PreparedWrite<'a> {
    /// The Rust type name of the write's model, for the capacity meter.
    model: &'static str,
    key: Item,
    write: BatchWriteItem,
    after_write: Option<AfterWrite<'a>>,
}

struct PutPending<'a, M> {
    table: String,
    model: &'a mut M,
}

impl<M: Model> PutPending<'_, M> {
    fn write(&self, item: Item) -> BatchWriteItem {
        let put = PutRequest::builder()
            .set_item(Some(item))
            .build()
            .unwrap_or_else(|_| unreachable!("the item is set"));
        BatchWriteItem {
            table: self.table.clone(),
            request: WriteRequest::builder().put_request(put).build(),
        }
    }
}

impl<'a, M: Model + Send> PendingWrite<'a> for PutPending<'a, M> {
    fn preview(&self) -> Result<PreparedWrite<'a>, Error> {
        crate::ops::unique::refuse_in_batch(&M::SCHEMA, "a put")?;
        let key = self.model.item_key()?;
        let prepared = build_write(&*self.model)?;
        Ok(PreparedWrite {
            model: M::SCHEMA.name,
            key,
            write: self.write(prepared.item),
            after_write: None,
        })
    }

    fn prepare(self: Box<Self>) -> Result<PreparedWrite<'a>, Error> {
        crate::ops::unique::refuse_in_batch(&M::SCHEMA, "a put")?;
        let this = *self;
        let prepared = prepare(this.model, false)?;
        let key = this.model.item_key()?;
        let write = this.write(prepared.item);
        let (model, expected) = (this.model, prepared.expected_version);
        Ok(PreparedWrite {
            model: M::SCHEMA.name,
            key,
            write,
            after_write: Some(Box::new(move || saved(model, expected))),
        })
    }
}

/// A delete by key; the model's type lives on in its `before_delete` function.
struct DeletePending {
    table: String,
    /// A delete of a model with unique attributes, refused: its markers must go with it.
    refused: Result<(), Error>,
    model: &'static str,
    key: Result<Item, ConversionError>,
    before_delete: fn(&Item) -> Result<(), Error>,
}

impl DeletePending {
    fn write(&self) -> Result<PreparedWrite<'static>, Error> {
        let key = self.key.clone()?;
        let delete = DeleteRequest::builder()
            .set_key(Some(key.clone()))
            .build()
            .unwrap_or_else(|_| unreachable!("the key is set"));
        Ok(PreparedWrite {
            model: self.model,
            key,
            write: BatchWriteItem {
                table: self.table.clone(),
                request: WriteRequest::builder().delete_request(delete).build(),
            },
            after_write: None,
        })
    }
}

impl DeletePending {
    /// The refusal of a delete of a model with unique attributes, each time it is asked.
    fn refused(&self) -> Result<(), Error> {
        match &self.refused {
            Ok(()) => Ok(()),
            Err(Error::InvalidRequest { operation, reason }) => Err(Error::InvalidRequest {
                operation: *operation,
                reason: reason.clone(),
            }),
            Err(_) => Ok(()),
        }
    }
}

impl<'a> PendingWrite<'a> for DeletePending {
    fn preview(&self) -> Result<PreparedWrite<'a>, Error> {
        self.refused()?;
        self.write()
    }

    fn prepare(self: Box<Self>) -> Result<PreparedWrite<'a>, Error> {
        self.refused()?;
        let prepared = self.write()?;
        (self.before_delete)(&prepared.key)?;
        Ok(prepared)
    }
}

fn before_delete<M: Model>(key: &Item) -> Result<(), Error> {
    M::before_delete(key).map_err(|e| Error::hook::<M>("before_delete", e))
}

/// For each write, the index of the later write of the same (table, key) that replaces it, if
/// any.
fn replaced_by(writes: &[PreparedWrite<'_>]) -> Vec<Option<usize>> {
    let mut last: HashMap<(&str, Vec<u8>), usize> = HashMap::with_capacity(writes.len());
    let mut replaced = vec![None; writes.len()];
    for (i, write) in writes.iter().enumerate().rev() {
        let key = (write.write.table.as_str(), key_fingerprint(&write.key));
        match last.get(&key) {
            Some(&later) => replaced[i] = Some(later),
            None => {
                last.insert(key, i);
            }
        }
    }
    // Point every replaced write at the write that is sent, not at one replaced in turn.
    for i in (0..replaced.len()).rev() {
        if let Some(later) = replaced[i] {
            replaced[i] = Some(replaced[later].unwrap_or(later));
        }
    }
    replaced
}

/// A write on its way, with its index in the batch.
struct Entry {
    index: usize,
    model: &'static str,
    write: BatchWriteItem,
}

impl<'a> BatchWrite<'a> {
    /// An empty batch on `db`.
    pub fn new(db: &'a Db) -> Self {
        BatchWrite {
            db,
            writes: Vec::new(),
            concurrency: 4,
            retry: db.retries().batch_policy(),
        }
    }

    /// Writes `model`, replacing any item with its key.
    ///
    /// The model's write behaviours run when the batch is sent: `before_save`, timestamps and
    /// validation. A batch write cannot carry a condition, so a versioned model is written
    /// unconditionally with its version plus one: the last writer wins. Use a put or a
    /// transaction to check the version. Once DynamoDB applied the put the model holds its new
    /// version and its `after_save` hook runs; a put left unprocessed or failed changes neither.
    pub fn put<M: Model + Send>(mut self, model: &'a mut M) -> Self {
        self.writes.push(Box::new(PutPending {
            table: self.db.table_name_of::<M>(),
            model,
        }));
        self
    }

    /// Writes every model of `models`.
    pub fn put_all<M: Model + Send + 'a>(
        self,
        models: impl IntoIterator<Item = &'a mut M>,
    ) -> Self {
        models
            .into_iter()
            .fold(self, |batch, model| batch.put(model))
    }

    /// Deletes the item of model `M` with this key; the model's `before_delete` hook runs when
    /// the batch is sent.
    pub fn delete<M: Model>(mut self, key: impl crate::model::KeyArg<M>) -> Self {
        self.writes.push(Box::new(DeletePending {
            table: self.db.table_name_of::<M>(),
            refused: crate::ops::unique::refuse_in_batch(&M::SCHEMA, "a delete"),
            model: M::SCHEMA.name,
            key: key.key_item(),
            before_delete: before_delete::<M>,
        }));
        self
    }

    batch_options!("BatchWriteItem", "writes");

    /// The writes in the order they will be sent, without those a later write of the same key
    /// replaces: what each chunk of 25 holds. Runs no hook and changes no model.
    pub fn requests(&self) -> Result<Vec<BatchWriteItem>, Error> {
        let writes = self
            .writes
            .iter()
            .map(|pending| pending.preview())
            .collect::<Result<Vec<_>, Error>>()?;
        let replaced = replaced_by(&writes);
        Ok(writes
            .into_iter()
            .zip(replaced)
            .filter(|(_, replaced)| replaced.is_none())
            .map(|(prepared, _)| prepared.write)
            .collect())
    }

    async fn run(self) -> Result<BatchWritten, Error> {
        // Every write is built, and every hook and validation has run, before anything is sent.
        let prepared = self
            .writes
            .into_iter()
            .map(|pending| pending.prepare())
            .collect::<Result<Vec<_>, Error>>()?;
        let replaced = replaced_by(&prepared);
        let db = self.db;
        let policy = self.retry;
        let outcomes: Vec<Option<WriteOutcome>> = replaced
            .iter()
            .map(|by| by.map(|by| WriteOutcome::Replaced { by }))
            .collect();
        let mut after_writes: Vec<Option<AfterWrite<'a>>> = Vec::with_capacity(prepared.len());
        let mut entries = Vec::new();
        for (index, (prepared, replaced)) in prepared.into_iter().zip(&replaced).enumerate() {
            after_writes.push(prepared.after_write);
            if replaced.is_none() {
                entries.push(Entry {
                    index,
                    model: prepared.model,
                    write: prepared.write,
                });
            }
        }
        let span = batch_span(&entries);
        let mut entries = entries.into_iter().peekable();
        let mut chunks: Vec<Vec<Entry>> = Vec::new();
        while entries.peek().is_some() {
            chunks.push(entries.by_ref().take(MAX_BATCH_WRITE).collect());
        }
        let results: Vec<_> = stream::iter(chunks)
            .map(|chunk| {
                with_retries(policy, chunk, Vec::is_empty, move |chunk| {
                    send_writes(db, chunk)
                })
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .instrument(span.clone())
            .await;

        let (outcomes, retries) = settle(outcomes, results);
        // A written put's model takes its new version and runs `after_save`, every one of them.
        let mut hook_errors = Vec::new();
        for (index, after_write) in after_writes.into_iter().enumerate() {
            if let (Some(after_write), WriteOutcome::Written) = (after_write, &outcomes[index])
                && let Err(error) = after_write()
            {
                hook_errors.push((index, error));
            }
        }
        let written = BatchWritten {
            outcomes,
            hook_errors,
            retries,
        };
        span.record("items", written.written());
        span.record("retries", retries);
        Ok(written)
    }
}

/// The span of a whole batch: every table it writes, and the models of the writes in each.
fn batch_span(entries: &[Entry]) -> tracing::Span {
    let tables: std::collections::BTreeSet<&str> =
        entries.iter().map(|e| e.write.table.as_str()).collect();
    let models: Vec<(&str, &'static str)> = entries
        .iter()
        .map(|e| (e.write.table.as_str(), e.model))
        .collect();
    request_span(
        Operation::BatchWriteItem,
        Models::PerItem(&models),
        &tables.into_iter().collect::<Vec<_>>().join(", "),
        None,
    )
}

/// The outcome of every write: those settled before sending (replaced by a later write of the
/// same key) and what each chunk's calls came to; with the retries they took.
fn settle(
    mut outcomes: Vec<Option<WriteOutcome>>,
    results: Vec<Retried<usize, Vec<Entry>>>,
) -> (Vec<WriteOutcome>, u32) {
    let mut retries = 0;
    for retried in results {
        retries += retried.retries;
        for index in retried.done {
            outcomes[index] = Some(WriteOutcome::Written);
        }
        let error = retried.error.map(Arc::new);
        for entry in retried.left {
            outcomes[entry.index] = Some(match &error {
                Some(error) => WriteOutcome::Failed {
                    write: entry.write,
                    error: error.clone(),
                },
                None => WriteOutcome::Unprocessed(entry.write),
            });
        }
    }
    // `with_retries` ends every entry of a chunk in `done` or `left`.
    let outcomes = outcomes
        .into_iter()
        .map(|outcome| outcome.unwrap_or_else(|| unreachable!("every sent write has an outcome")))
        .collect();
    (outcomes, retries)
}

/// One BatchWriteItem call of a chunk: gives the indexes written and the entries DynamoDB left
/// unprocessed, or every entry back with the error when the call fails.
async fn send_writes(
    db: &Db,
    chunk: Vec<Entry>,
) -> Result<(Vec<usize>, Vec<Entry>), (Vec<Entry>, Error)> {
    let mut by_table: HashMap<String, Vec<WriteRequest>> = HashMap::new();
    for entry in &chunk {
        by_table
            .entry(entry.write.table.clone())
            .or_default()
            .push(entry.write.request.clone());
    }
    let request = db
        .client()
        .batch_write_item()
        .set_request_items(Some(by_table))
        .set_return_consumed_capacity(db.return_capacity())
        .send();
    let output = match crate::db::watch(request).await {
        (Ok(output), _) => output,
        (Err(e), attempts) => {
            let mut tables: Vec<&str> = chunk.iter().map(|e| e.write.table.as_str()).collect();
            tables.dedup();
            let error = Error::sdk(Operation::BatchWriteItem, &tables.join(", "), e, attempts);
            return Err((chunk, error));
        }
    };
    let models: Vec<(&str, &'static str)> = chunk
        .iter()
        .map(|entry| (entry.write.table.as_str(), entry.model))
        .collect();
    db.record_capacity(
        Operation::BatchWriteItem,
        Models::PerItem(&models),
        output.consumed_capacity(),
    );
    let mut unprocessed: Vec<BatchWriteItem> = output
        .unprocessed_items
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(table, requests)| {
            requests.into_iter().map(move |request| BatchWriteItem {
                table: table.clone(),
                request,
            })
        })
        .collect();
    let mut done = Vec::with_capacity(chunk.len());
    let mut left = Vec::with_capacity(unprocessed.len());
    for entry in chunk {
        // DynamoDB gives unprocessed writes back as they were sent; at most 25 to compare.
        match unprocessed.iter().position(|u| *u == entry.write) {
            Some(found) => {
                unprocessed.swap_remove(found);
                left.push(entry);
            }
            None => done.push(entry.index),
        }
    }
    Ok((done, left))
}

impl<'a> IntoFuture for BatchWrite<'a> {
    type Output = Result<BatchWritten, Error>;
    type IntoFuture = OpFuture<'a, BatchWritten>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests;
