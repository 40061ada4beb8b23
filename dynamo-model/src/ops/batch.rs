//! Batches: BatchGetItem and BatchWriteItem for any number of items, chunked to DynamoDB's limits
//! (100 keys, 25 writes per call), sent with bounded concurrency, with unprocessed items retried
//! with exponential backoff and full jitter. What still fails after the last attempt is returned,
//! never dropped.

use std::collections::HashMap;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::time::Duration;

use aws_sdk_dynamodb::types::{
    AttributeValue, DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest,
};
use futures::stream::{self, StreamExt, TryStreamExt};

use tracing::Instrument;

use super::{OpFuture, request_span};
use crate::db::Db;
use crate::error::{ConversionError, Error};
use crate::model::{Model, Projection};
use crate::value::Item;

/// DynamoDB reads at most this many keys in one BatchGetItem.
pub const MAX_BATCH_GET: usize = 100;
/// DynamoDB writes at most this many items in one BatchWriteItem.
pub const MAX_BATCH_WRITE: usize = 25;

/// How unprocessed items are retried: up to `max_attempts` calls in all, waiting a random time
/// between zero and `base_delay × 2^attempt` (capped at `max_delay`) before each retry ("full
/// jitter", so that many clients backing off do not retry in step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Calls per chunk, the first included.
    pub max_attempts: u32,
    /// The backoff before the first retry.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first retry).
    fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
            .min(self.max_delay);
        ceiling.mul_f64(jitter())
    }
}

/// A number in [0, 1) that differs from call to call; backoff needs spread, not secrecy.
fn jitter() -> f64 {
    fastrand::f64()
}

/// What a retried chunk of work ended with.
pub(crate) struct Retried<O, W> {
    /// The results of every call.
    pub done: Vec<O>,
    /// The work still unprocessed after the last attempt.
    pub left: W,
    /// How many retries it took.
    pub retries: u32,
}

/// Sends `work` and then whatever `send` reports unprocessed, until nothing is left or the
/// policy's attempts are spent. `send` gives back its results and the unprocessed part.
pub(crate) async fn with_retries<O, W, F, Fut>(
    policy: RetryPolicy,
    mut work: W,
    is_empty: impl Fn(&W) -> bool,
    mut send: F,
) -> Result<Retried<O, W>, Error>
where
    F: FnMut(W) -> Fut,
    Fut: Future<Output = Result<(Vec<O>, W), Error>>,
{
    let mut done = Vec::new();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (results, left) = send(work).await?;
        done.extend(results);
        work = left;
        if is_empty(&work) || attempt >= policy.max_attempts.max(1) {
            return Ok(Retried {
                done,
                left: work,
                retries: attempt - 1,
            });
        }
        tokio::time::sleep(policy.backoff(attempt)).await;
    }
}

/// Reads many items of one model by key. Made by [`Model::batch_get`]; `.await` gives a
/// [`BatchGot`] with the items found and the keys DynamoDB left unprocessed after every retry.
///
/// Keys are deduplicated (DynamoDB refuses a call with one key twice); a key with no item is
/// simply absent from the result. Items come back in no particular order.
#[must_use = "an operation does nothing until it is awaited"]
pub struct BatchGet<'a, M, P = M> {
    db: &'a Db,
    keys: Result<Vec<Item>, ConversionError>,
    consistent_read: bool,
    hide_expired: bool,
    concurrency: usize,
    retry: RetryPolicy,
    model: PhantomData<fn() -> (M, P)>,
}

/// What a batch get read.
#[derive(Debug, Clone)]
#[must_use = "check `unprocessed`: keys DynamoDB did not read after every retry"]
pub struct BatchGot<P> {
    /// The items found, in no particular order.
    pub items: Vec<P>,
    /// Keys still unprocessed after the last attempt (throttling); empty when all were read.
    pub unprocessed: Vec<Item>,
}

impl<'a, M: Model> BatchGet<'a, M> {
    pub(crate) fn new(db: &'a Db, keys: Result<Vec<Item>, ConversionError>) -> Self {
        BatchGet {
            db,
            keys,
            consistent_read: false,
            hide_expired: false,
            concurrency: 4,
            retry: RetryPolicy::default(),
            model: PhantomData,
        }
    }
}

impl<'a, M: Model, P> BatchGet<'a, M, P> {
    /// Reads only the attributes of projection `Q`, and gives `Q`s.
    pub fn project<Q: Projection<M>>(self) -> BatchGet<'a, M, Q> {
        BatchGet {
            db: self.db,
            keys: self.keys,
            consistent_read: self.consistent_read,
            hide_expired: self.hide_expired,
            concurrency: self.concurrency,
            retry: self.retry,
            model: PhantomData,
        }
    }

    /// Asks for strongly consistent reads.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Leaves out items whose `#[dynamo(ttl)]` time has passed (DynamoDB deletes expired items
    /// only eventually, and until then reads return them).
    pub fn hide_expired(mut self) -> Self {
        self.hide_expired = M::SCHEMA.ttl.is_some();
        self
    }

    /// How many BatchGetItem calls run at once (4 by default).
    pub fn concurrency(mut self, calls: usize) -> Self {
        self.concurrency = calls.max(1);
        self
    }

    /// How unprocessed keys are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    async fn run(self) -> Result<BatchGot<P>, Error>
    where
        P: Projection<M>,
    {
        let table = self.db.table_name_of::<M>();
        let mut keys = self.keys?;
        dedupe(&mut keys);
        let mut placeholders = crate::expr::Placeholders::new();
        let projection = super::projection_paths::<M, P>(self.hide_expired)
            .map(|paths| paths.render(&mut placeholders));
        let names = placeholders.names();
        let db = self.db;
        let consistent = self.consistent_read;
        let policy = self.retry;
        let chunks: Vec<Vec<Item>> = keys.chunks(MAX_BATCH_GET).map(<[Item]>::to_vec).collect();
        let span = request_span("BatchGetItem", &table, None);
        let results: Vec<(Vec<Item>, Vec<Item>, u32)> = stream::iter(chunks)
            .map(|chunk| {
                let (table, projection, names) = (table.clone(), projection.clone(), names.clone());
                async move {
                    let retried = with_retries(policy, chunk, Vec::is_empty, |keys| {
                        let request = KeysAndAttributes::builder()
                            .set_keys(Some(keys))
                            .consistent_read(consistent)
                            .set_projection_expression(projection.clone())
                            .set_expression_attribute_names(names.clone())
                            .build()
                            .unwrap_or_else(|_| unreachable!("keys are set"));
                        let table = table.clone();
                        async move {
                            let output = db
                                .client()
                                .batch_get_item()
                                .request_items(&table, request)
                                .set_return_consumed_capacity(db.return_capacity())
                                .send()
                                .await
                                .map_err(|e| Error::sdk("BatchGetItem", &table, e))?;
                            db.record_capacity("BatchGetItem", output.consumed_capacity());
                            let found = output
                                .responses
                                .and_then(|mut responses| responses.remove(&table))
                                .unwrap_or_default();
                            let left = output
                                .unprocessed_keys
                                .and_then(|mut u| u.remove(&table))
                                .map(|k| k.keys)
                                .unwrap_or_default();
                            Ok((found, left))
                        }
                    })
                    .await?;
                    Ok::<_, Error>((retried.done, retried.left, retried.retries))
                }
            })
            .buffer_unordered(self.concurrency)
            .try_collect()
            .instrument(span.clone())
            .await?;
        let mut got = BatchGot {
            items: Vec::new(),
            unprocessed: Vec::new(),
        };
        let mut retries = 0;
        for (found, left, chunk_retries) in results {
            for item in found {
                if let (true, Some(ttl)) = (self.hide_expired, M::SCHEMA.ttl)
                    && super::expired(&item, ttl)
                {
                    continue;
                }
                got.items.push(super::load::<M, P>(item)?);
            }
            got.unprocessed.extend(left);
            retries += chunk_retries;
        }
        span.record("items", got.items.len());
        span.record("retries", retries);
        Ok(got)
    }
}

/// A key as a hashable value: `AttributeValue` is neither `Eq` nor `Hash`, and its DynamoDB
/// JSON (attributes in name order) is the same text for equal keys.
fn key_fingerprint(key: &Item) -> Vec<u8> {
    // A key has one or two attributes, each S, N or B: written in name order, each name and
    // value prefixed by its length, so that no two keys give the same bytes.
    let mut parts: Vec<(&String, &AttributeValue)> = key.iter().collect();
    parts.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut bytes = Vec::with_capacity(64);
    for (name, value) in parts {
        let (kind, value): (u8, &[u8]) = match value {
            AttributeValue::S(s) => (b'S', s.as_bytes()),
            AttributeValue::N(n) => (b'N', n.as_bytes()),
            AttributeValue::B(b) => (b'B', b.as_ref()),
            // Not a key type; written whole, so it still compares exactly.
            other => {
                let whole = Item::from([(name.clone(), other.clone())]);
                return crate::json::item_to_string(&whole).into_bytes();
            }
        };
        bytes.extend_from_slice(&name.len().to_le_bytes());
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(kind);
        bytes.extend_from_slice(&value.len().to_le_bytes());
        bytes.extend_from_slice(value);
    }
    bytes
}

/// Removes repeated keys, keeping the first of each.
fn dedupe(keys: &mut Vec<Item>) {
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    keys.retain(|key| seen.insert(key_fingerprint(key)));
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for BatchGet<'a, M, P> {
    type Output = Result<BatchGot<P>, Error>;
    type IntoFuture = OpFuture<'a, BatchGot<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// The writes in order, without those a later write of the same (table, key) replaces.
fn last_write_of_each_key(writes: Vec<(String, Item, WriteRequest)>) -> Vec<BatchWriteItem> {
    let mut keep = vec![false; writes.len()];
    let mut last: HashMap<(&str, Vec<u8>), usize> = HashMap::with_capacity(writes.len());
    for (i, (table, key, _)) in writes.iter().enumerate() {
        last.insert((table.as_str(), key_fingerprint(key)), i);
    }
    for i in last.into_values() {
        keep[i] = true;
    }
    writes
        .into_iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|((table, _, request), _)| BatchWriteItem { table, request })
        .collect()
}

/// One write of a batch, with the table it goes to.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchWriteItem {
    /// The table name, as the `Db` resolved it.
    pub table: String,
    /// The put or delete.
    pub request: WriteRequest,
}

/// Puts and deletes of any number of items, across models and tables, in BatchWriteItem calls
/// of up to 25. Made by [`BatchWrite::new`]; `.await` gives a [`BatchWritten`] with the writes
/// still unprocessed after every retry.
///
/// Batch writes carry no conditions and no return values (DynamoDB allows neither). Two writes
/// of one key (which DynamoDB refuses in one call) follow a simple rule: the later write wins,
/// as if the writes ran in order, and the earlier one is not sent.
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::BatchWrite;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Cat { #[dynamo(hash_key)] id: String }
/// let mut cats: Vec<Cat> = (0..1000).map(|i| Cat { id: format!("c{i}") }).collect();
/// let written = BatchWrite::new(db).put_all(&mut cats).delete::<Cat>("c-old").await?;
/// assert!(written.unprocessed.is_empty());
/// # Ok(()) }
/// ```
#[must_use = "an operation does nothing until it is awaited"]
pub struct BatchWrite<'a> {
    db: &'a Db,
    writes: Result<Vec<(String, Item, WriteRequest)>, Error>,
    concurrency: usize,
    retry: RetryPolicy,
}

/// What a batch write left undone.
#[derive(Debug, Clone)]
#[must_use = "check `unprocessed`: writes DynamoDB did not apply after every retry"]
pub struct BatchWritten {
    /// Writes still unprocessed after the last attempt; empty when all were applied.
    pub unprocessed: Vec<BatchWriteItem>,
    /// How many retries the calls needed in all.
    pub retries: u32,
}

impl<'a> BatchWrite<'a> {
    /// An empty batch on `db`.
    pub fn new(db: &'a Db) -> Self {
        BatchWrite {
            db,
            writes: Ok(Vec::new()),
            concurrency: 4,
            retry: RetryPolicy::default(),
        }
    }

    fn push<M: Model>(
        mut self,
        key: Result<Item, ConversionError>,
        request: impl FnOnce() -> Result<WriteRequest, Error>,
    ) -> Self {
        let table = self.db.table_name_of::<M>();
        self.writes = self.writes.and_then(|mut writes| {
            writes.push((table, key?, request()?));
            Ok(writes)
        });
        self
    }

    /// Writes `model`, replacing any item with its key.
    ///
    /// The model's write behaviours run now: `before_save`, timestamps and validation (an error
    /// is reported when the batch is awaited). A batch write cannot carry a condition, so a
    /// versioned model is written unconditionally with its version plus one, which the model
    /// holds from now on: the last writer wins. Use a put or a transaction to check the
    /// version. `after_save` does not run: which writes landed is known only per leftover.
    pub fn put<M: Model>(self, model: &mut M) -> Self {
        let key = model.item_key();
        self.push::<M>(key, || {
            let prepared = super::prepare(model, false)?;
            if let Some(expected) = prepared.expected_version {
                model.set_version(expected.saturating_add(1));
            }
            let put = PutRequest::builder()
                .set_item(Some(prepared.item))
                .build()
                .unwrap_or_else(|_| unreachable!("the item is set"));
            Ok(WriteRequest::builder().put_request(put).build())
        })
    }

    /// Writes every model of `models`.
    pub fn put_all<'m, M: Model + 'm>(self, models: impl IntoIterator<Item = &'m mut M>) -> Self {
        models
            .into_iter()
            .fold(self, |batch, model| batch.put(model))
    }

    /// Deletes the item of model `M` with this key, after the model's `before_delete` hook.
    pub fn delete<M: Model>(self, key: M::Key<'_>) -> Self {
        let key = M::key_item(key);
        let request_key = key.clone();
        self.push::<M>(key, move || {
            let request_key = request_key?;
            M::before_delete(&request_key).map_err(|e| Error::hook::<M>("before_delete", e))?;
            let delete = DeleteRequest::builder()
                .set_key(Some(request_key))
                .build()
                .unwrap_or_else(|_| unreachable!("the key is set"));
            Ok(WriteRequest::builder().delete_request(delete).build())
        })
    }

    /// How many BatchWriteItem calls run at once (4 by default).
    pub fn concurrency(mut self, calls: usize) -> Self {
        self.concurrency = calls.max(1);
        self
    }

    /// How unprocessed writes are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The writes in the order they will be sent, after the later write of a key replaced the
    /// earlier: what each chunk of 25 holds.
    pub fn requests(&self) -> Result<Vec<BatchWriteItem>, Error> {
        match &self.writes {
            Ok(writes) => Ok(last_write_of_each_key(writes.clone())),
            Err(e) => Err(e.copy_stored()),
        }
    }

    async fn run(self) -> Result<BatchWritten, Error> {
        let writes = last_write_of_each_key(self.writes?);
        let db = self.db;
        let policy = self.retry;
        let tables: std::collections::BTreeSet<&str> =
            writes.iter().map(|w| w.table.as_str()).collect();
        let tables: Vec<&str> = tables.into_iter().collect();
        let span = request_span("BatchWriteItem", &tables.join(", "), None);
        let count = writes.len();
        let mut writes = writes.into_iter().peekable();
        let mut chunks: Vec<Vec<BatchWriteItem>> = Vec::new();
        while writes.peek().is_some() {
            chunks.push(writes.by_ref().take(MAX_BATCH_WRITE).collect());
        }
        let results: Vec<Retried<(), Vec<BatchWriteItem>>> = stream::iter(chunks)
            .map(|chunk| async move {
                with_retries(policy, chunk, Vec::is_empty, |chunk| async move {
                    Ok((Vec::new(), send_writes(db, chunk).await?))
                })
                .await
            })
            .buffer_unordered(self.concurrency)
            .try_collect()
            .instrument(span.clone())
            .await?;
        let mut written = BatchWritten {
            unprocessed: Vec::new(),
            retries: 0,
        };
        for retried in results {
            written.unprocessed.extend(retried.left);
            written.retries += retried.retries;
        }
        span.record("items", count - written.unprocessed.len());
        span.record("retries", written.retries);
        Ok(written)
    }
}

/// One BatchWriteItem call; gives back the unprocessed writes.
async fn send_writes(db: &Db, chunk: Vec<BatchWriteItem>) -> Result<Vec<BatchWriteItem>, Error> {
    let mut by_table: HashMap<String, Vec<WriteRequest>> = HashMap::new();
    for write in chunk {
        by_table.entry(write.table).or_default().push(write.request);
    }
    let tables: Vec<String> = by_table.keys().cloned().collect();
    let output = db
        .client()
        .batch_write_item()
        .set_request_items(Some(by_table))
        .set_return_consumed_capacity(db.return_capacity())
        .send()
        .await
        .map_err(|e| Error::sdk("BatchWriteItem", &tables.join(", "), e))?;
    db.record_capacity("BatchWriteItem", output.consumed_capacity());
    Ok(output
        .unprocessed_items
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(table, requests)| {
            requests.into_iter().map(move |request| BatchWriteItem {
                table: table.clone(),
                request,
            })
        })
        .collect())
}

impl<'a> IntoFuture for BatchWrite<'a> {
    type Output = Result<BatchWritten, Error>;
    type IntoFuture = OpFuture<'a, BatchWritten>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_fingerprints_tell_every_key_apart() {
        let key = |parts: &[(&str, AttributeValue)]| -> Item {
            parts
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect()
        };
        let s = |text: &str| AttributeValue::S(text.to_owned());
        let keys = [
            key(&[("a", s("bc"))]),
            key(&[("ab", s("c"))]),
            key(&[("a", AttributeValue::N("1".into()))]),
            key(&[("a", s("1"))]),
            key(&[("a", AttributeValue::B(vec![b'1'].into()))]),
            key(&[("a", s("1")), ("b", s("2"))]),
            key(&[("a", s("12")), ("b", s(""))]),
        ];
        let prints: std::collections::HashSet<Vec<u8>> = keys.iter().map(key_fingerprint).collect();
        assert_eq!(prints.len(), keys.len());
        // The order the attributes were inserted in does not matter.
        let swapped = key(&[("b", s("2")), ("a", s("1"))]);
        assert_eq!(key_fingerprint(&swapped), key_fingerprint(&keys[5]));
    }

    #[tokio::test]
    async fn unprocessed_work_is_retried_until_done_or_out_of_attempts() {
        let policy = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(4),
        };
        // A sender that processes one item per call, as a throttled table would.
        let mut calls = 0;
        let retried = with_retries(
            policy,
            vec![1, 2, 3],
            Vec::is_empty,
            |mut work: Vec<i32>| {
                calls += 1;
                let done = work.remove(0);
                async move { Ok((vec![done], work)) }
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (retried.done, retried.left, retried.retries, calls),
            (vec![1, 2, 3], vec![], 2, 3)
        );

        // Never processing anything: what is left after the last attempt comes back.
        let retried = with_retries(policy, vec![1, 2], Vec::is_empty, |work| async move {
            Ok((Vec::<i32>::new(), work))
        })
        .await
        .unwrap();
        assert_eq!((retried.left, retried.retries), (vec![1, 2], 4));
    }

    #[test]
    fn backoff_grows_exponentially_under_a_cap_with_full_jitter() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        for _ in 0..200 {
            assert!(policy.backoff(1) < Duration::from_millis(100));
            assert!(policy.backoff(3) < Duration::from_millis(400));
            assert!(policy.backoff(9) < Duration::from_millis(1000));
        }
        let spread: Vec<Duration> = (0..50).map(|_| policy.backoff(4)).collect();
        assert!(spread.iter().any(|d| *d < Duration::from_millis(400)));
        assert!(spread.iter().any(|d| *d > Duration::from_millis(400)));
    }
}
