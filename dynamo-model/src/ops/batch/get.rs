//! BatchGetItem for any number of keys of one model, every key accounted for.

use crate::operation::Operation;
use std::collections::HashMap;
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::sync::Arc;

use aws_sdk_dynamodb::types::KeysAndAttributes;
use futures::stream::{self, StreamExt};
use tracing::Instrument;

use super::{MAX_BATCH_GET, RetryPolicy, key_fingerprint, key_fingerprint_of, with_retries};
use crate::capacity::Models;
use crate::db::Db;
use crate::error::Error;
use crate::model::{Model, Projection};
use crate::ops::{OpFuture, request_span};
use crate::value::ConversionError;
use crate::value::Item;

/// Reads many items of one model by key. Made by
/// [`ModelExt::batch_get`](crate::ModelExt::batch_get); `.await` gives a [`BatchGot`] that accounts
/// for every key: read, missing (no item), left unprocessed after every retry, or failed with an
/// error.
///
/// Each key is read once, however often it is passed (DynamoDB refuses a call with one key
/// twice). Items come back in the order of their keys.
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

/// What a batch get read: every key passed in is in exactly one of `items` (by its item),
/// `missing`, `unprocessed` and `failed`.
#[derive(Debug, Clone)]
#[must_use = "check `is_complete()`: keys may be left unprocessed or have failed"]
pub struct BatchGot<P> {
    /// The items found, in the order of their keys.
    pub items: Vec<P>,
    /// Keys with no item (with `hide_expired`, also those whose item has expired).
    pub missing: Vec<Item>,
    /// Keys DynamoDB still left unprocessed after the last attempt (throttling, the 16 MB
    /// response limit): not read, safe to ask for again.
    pub unprocessed: Vec<Item>,
    /// Keys whose read failed: the call that carried them failed after the SDK's retries, or
    /// the item found could not be read as `P`.
    pub failed: Vec<KeyFailure>,
    /// How many retries of unprocessed keys the calls needed in all.
    pub retries: u32,
}

impl<P> BatchGot<P> {
    /// Whether every key was read: each has its item or is missing, none is unprocessed or
    /// failed.
    pub fn is_complete(&self) -> bool {
        self.unprocessed.is_empty() && self.failed.is_empty()
    }
}

/// A key of a batch get whose read failed, with the error. Keys of one failed call share one
/// error.
#[derive(Debug, Clone)]
pub struct KeyFailure {
    /// The key, as sent.
    pub key: Item,
    /// Why it was not read.
    pub error: Arc<Error>,
}

impl<'a, M: Model> BatchGet<'a, M> {
    pub(crate) fn new(db: &'a Db, keys: Result<Vec<Item>, ConversionError>) -> Self {
        BatchGet {
            db,
            keys,
            consistent_read: false,
            hide_expired: false,
            concurrency: 4,
            retry: db.retries().batch_policy(),
            model: PhantomData,
        }
    }
}

/// Where a key stands once every call has run.
enum Slot {
    /// Not returned by a call that succeeded: no item.
    Missing,
    Found(Item),
    Unprocessed,
    Failed(Arc<Error>),
}

/// What one chunk's calls ended with.
struct ChunkResult {
    found: Vec<Item>,
    left: Vec<Item>,
    error: Option<Arc<Error>>,
    retries: u32,
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

    /// Counts items whose `#[dynamo(ttl)]` time has passed as missing (DynamoDB deletes expired
    /// items only eventually, and until then reads return them).
    pub fn hide_expired(mut self) -> Self {
        self.hide_expired = M::SCHEMA.ttl.is_some();
        self
    }

    batch_options!("BatchGetItem", "keys");

    async fn run(self) -> Result<BatchGot<P>, Error>
    where
        P: Projection<M>,
    {
        let hide_expired = self.hide_expired;
        let (keys, slots, retries) = self.read_slots().await?;
        Ok(sort_out::<M, P>(hide_expired, keys, slots, retries))
    }

    /// Reads every distinct key: each with what its read came to, in the order first passed.
    /// What a populate resolves references with.
    pub(crate) async fn read_each(self) -> Result<Vec<(Item, KeyRead<P>)>, Error>
    where
        P: Projection<M>,
    {
        let hide_expired = self.hide_expired;
        let (keys, slots, _) = self.read_slots().await?;
        Ok(keys
            .into_iter()
            .zip(slots)
            .map(|(key, slot)| {
                let read = match slot {
                    Slot::Found(item) => match found::<M, P>(hide_expired, item) {
                        Some(Ok(value)) => KeyRead::Found(value),
                        Some(Err(error)) => KeyRead::Failed(Arc::new(error)),
                        None => KeyRead::Missing,
                    },
                    Slot::Missing => KeyRead::Missing,
                    Slot::Unprocessed => KeyRead::Unprocessed,
                    Slot::Failed(error) => KeyRead::Failed(error),
                };
                (key, read)
            })
            .collect())
    }

    /// Sends the calls: each distinct key, and where it stands afterwards.
    async fn read_slots(self) -> Result<(Vec<Item>, Vec<Slot>, u32), Error>
    where
        P: Projection<M>,
    {
        let table = self.db.table_name_of::<M>();
        let key_names: Vec<&'static str> = std::iter::once(M::SCHEMA.partition_key.name)
            .chain(M::SCHEMA.sort_key.map(|key| key.name))
            .collect();
        let (slot_of, keys) = distinct_keys(self.keys?);
        // A projection still reads the key, to match each item to its key.
        let mut placeholders = crate::expr::Placeholders::new();
        let projection = crate::ops::projection_paths::<M, P>(self.hide_expired).map(|paths| {
            key_names
                .iter()
                .fold(paths, |paths, name| paths.with_attribute(name))
                .render(&mut placeholders)
        });
        let read = ChunkRead {
            db: self.db,
            model: M::SCHEMA.name,
            table: &table,
            consistent: self.consistent_read,
            projection,
            names: placeholders.names(),
        };
        let span = request_span(
            Operation::BatchGetItem,
            Models::One(M::SCHEMA.name),
            &table,
            None,
        );
        let policy = self.retry;
        let chunks: Vec<Vec<Item>> = keys.chunks(MAX_BATCH_GET).map(<[Item]>::to_vec).collect();
        let results: Vec<ChunkResult> = stream::iter(chunks)
            .map(|chunk| read.read_retried(policy, chunk))
            .buffer_unordered(self.concurrency)
            .collect()
            .instrument(span.clone())
            .await;
        let (slots, retries) = fill_slots(&keys, &slot_of, &key_names, results);
        let found = slots.iter().filter(|slot| matches!(slot, Slot::Found(_)));
        span.record("items", found.count());
        span.record("retries", retries);
        Ok((keys, slots, retries))
    }
}

/// What the read of one key came to.
pub(crate) enum KeyRead<P> {
    Found(P),
    Missing,
    Unprocessed,
    Failed(Arc<Error>),
}

/// An item found, read as `P`; `None` when it has expired and expired items are hidden.
fn found<M: Model, P: Projection<M>>(hide_expired: bool, item: Item) -> Option<Result<P, Error>> {
    if let (true, Some(ttl)) = (hide_expired, M::SCHEMA.ttl)
        && crate::ops::expired(&item, ttl)
    {
        return None;
    }
    Some(crate::ops::load_read::<M, P>(item))
}

/// What each key came to: an item read as `P` (unless expired and hidden), missing,
/// unprocessed, or failed with its error.
fn sort_out<M: Model, P: Projection<M>>(
    hide_expired: bool,
    keys: Vec<Item>,
    slots: Vec<Slot>,
    retries: u32,
) -> BatchGot<P> {
    let mut got = BatchGot {
        items: Vec::new(),
        missing: Vec::new(),
        unprocessed: Vec::new(),
        failed: Vec::new(),
        retries,
    };
    for (key, slot) in keys.into_iter().zip(slots) {
        match slot {
            Slot::Found(item) => match found::<M, P>(hide_expired, item) {
                Some(Ok(value)) => got.items.push(value),
                Some(Err(error)) => got.failed.push(KeyFailure {
                    key,
                    error: Arc::new(error),
                }),
                None => got.missing.push(key),
            },
            Slot::Missing => got.missing.push(key),
            Slot::Unprocessed => got.unprocessed.push(key),
            Slot::Failed(error) => got.failed.push(KeyFailure { key, error }),
        }
    }
    got
}

/// Each key once, in the order first passed, with the position of each by its fingerprint.
fn distinct_keys(passed: Vec<Item>) -> (HashMap<Vec<u8>, usize>, Vec<Item>) {
    let mut slot_of: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut keys: Vec<Item> = Vec::new();
    for key in passed {
        let next = keys.len();
        if let std::collections::hash_map::Entry::Vacant(entry) =
            slot_of.entry(key_fingerprint(&key))
        {
            entry.insert(next);
            keys.push(key);
        }
    }
    (slot_of, keys)
}

/// What every chunk's calls found, left and failed, put in the slot of each key.
fn fill_slots(
    keys: &[Item],
    slot_of: &HashMap<Vec<u8>, usize>,
    key_names: &[&'static str],
    results: Vec<ChunkResult>,
) -> (Vec<Slot>, u32) {
    let mut slots: Vec<Slot> = keys.iter().map(|_| Slot::Missing).collect();
    let mut retries = 0;
    for chunk in results {
        retries += chunk.retries;
        for item in chunk.found {
            if let Some(&i) = slot_of.get(&key_fingerprint_of(&item, key_names)) {
                slots[i] = Slot::Found(item);
            }
        }
        for key in chunk.left {
            if let Some(&i) = slot_of.get(&key_fingerprint(&key)) {
                slots[i] = match &chunk.error {
                    Some(error) => Slot::Failed(error.clone()),
                    None => Slot::Unprocessed,
                };
            }
        }
    }
    (slots, retries)
}

/// How every chunk of one batch is read: the same table, consistency and projection. Apart
/// from the model's type, so that it is compiled once.
struct ChunkRead<'r> {
    db: &'r Db,
    model: &'static str,
    table: &'r str,
    consistent: bool,
    projection: Option<String>,
    names: Option<HashMap<String, String>>,
}

impl ChunkRead<'_> {
    /// Reads one chunk of keys, retrying what DynamoDB leaves unprocessed as `policy` says.
    async fn read_retried(&self, policy: RetryPolicy, chunk: Vec<Item>) -> ChunkResult {
        let retried = with_retries(policy, chunk, Vec::is_empty, |keys| self.read(keys)).await;
        ChunkResult {
            found: retried.done,
            left: retried.left,
            error: retried.error.map(Arc::new),
            retries: retried.retries,
        }
    }

    /// One BatchGetItem call: the items found and the keys left unprocessed, or the keys with
    /// the error of the call.
    async fn read(&self, keys: Vec<Item>) -> Result<(Vec<Item>, Vec<Item>), (Vec<Item>, Error)> {
        let request = KeysAndAttributes::builder()
            .set_keys(Some(keys.clone()))
            .consistent_read(self.consistent)
            .set_projection_expression(self.projection.clone())
            .set_expression_attribute_names(self.names.clone())
            .build()
            .unwrap_or_else(|_| unreachable!("keys are set"));
        let db = self.db;
        let request = db
            .client()
            .batch_get_item()
            .request_items(self.table, request)
            .set_return_consumed_capacity(db.return_capacity())
            .send();
        let output = match crate::db::watch(request).await {
            (Ok(output), _) => output,
            (Err(e), attempts) => {
                let error = Error::sdk(Operation::BatchGetItem, self.table, e, attempts);
                return Err((keys, error));
            }
        };
        let models = Models::One(self.model);
        db.record_capacity(Operation::BatchGetItem, models, output.consumed_capacity());
        let found = output
            .responses
            .and_then(|mut responses| responses.remove(self.table))
            .unwrap_or_default();
        let left = output
            .unprocessed_keys
            .and_then(|mut u| u.remove(self.table))
            .map(|k| k.keys)
            .unwrap_or_default();
        Ok((found, left))
    }
}

impl<'a, M: Model + 'a, P: Projection<M> + Send + 'a> IntoFuture for BatchGet<'a, M, P> {
    type Output = Result<BatchGot<P>, Error>;
    type IntoFuture = OpFuture<'a, BatchGot<P>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
