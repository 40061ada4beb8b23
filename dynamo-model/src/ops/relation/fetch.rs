//! Reading what relations find: the referenced items of many references in batches, each key
//! once; the children of many parents by one query each, a bounded number at a time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use futures::stream::{self, StreamExt};
use tracing::Instrument;

use super::include::PopulateOptions;
use super::shape::RefShape;
use super::{Resolved, Unread, Unresolved};
use crate::db::Db;
use crate::error::Error;
use crate::model::Model;
use crate::ops::{BatchGet, KeyRead, OpFuture, key_fingerprint};
use crate::value::Item;

/// What a relation found for a set of items: its distinct targets, and per item its shape with
/// the position of each target among them.
pub struct Fetched<T, S> {
    pub(crate) targets: Vec<T>,
    pub(crate) shapes: Vec<S>,
}

/// Reads the items the references of `fields` name: every distinct key once, in
/// `BatchGetItem` calls of up to 100 keys, unprocessed keys retried; each reference resolved to
/// its item or to why there is none.
pub(crate) async fn fetch_refs<S: RefShape>(
    db: &Db,
    fields: Vec<&S>,
    options: PopulateOptions,
) -> Fetched<S::Target, S::Shape<usize>> {
    let model = S::Target::SCHEMA.name;
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    let keys: Vec<Item> = fields
        .iter()
        .flat_map(|field| field.refs())
        .filter(|reference| seen.insert(key_fingerprint(reference.key())))
        .map(|reference| reference.key().clone())
        .collect();
    let span = tracing::debug_span!("populate", model, keys = keys.len());
    let (targets, by_key) = read_keys::<S::Target>(db, keys, options)
        .instrument(span)
        .await;
    let find = |reference: &super::Ref<S::Target>| -> Resolved<usize> {
        match by_key.get(&key_fingerprint(reference.key())) {
            Some(resolved) => resolved.clone(),
            // Every key was read above; a key with no answer is reported as not read.
            None => Err(Unresolved {
                model,
                key: reference.key().clone(),
                reason: Unread::Unprocessed,
            }),
        }
    };
    let shapes = fields.iter().map(|field| field.shape(&find)).collect();
    Fetched { targets, shapes }
}

/// The items of `keys`, and what each key came to: the position of its item, or why there is
/// none.
async fn read_keys<T: Model>(
    db: &Db,
    keys: Vec<Item>,
    options: PopulateOptions,
) -> (Vec<T>, HashMap<Vec<u8>, Resolved<usize>>) {
    let mut targets = Vec::new();
    let mut by_key = HashMap::new();
    if keys.is_empty() {
        return (targets, by_key);
    }
    let unresolved = |key: Item, reason: Unread| Unresolved {
        model: T::SCHEMA.name,
        key,
        reason,
    };
    let read = BatchGet::<T>::new(db, Ok(keys.clone()))
        .consistent_read(options.consistent_read)
        .read_each()
        .await;
    let reads = match read {
        Ok(reads) => reads,
        Err(error) => {
            let error = Arc::new(error);
            let failed = keys
                .into_iter()
                .map(|key| (key, KeyRead::Failed(error.clone())));
            failed.collect()
        }
    };
    for (key, read) in reads {
        let fingerprint = key_fingerprint(&key);
        let resolved = match read {
            KeyRead::Found(item) => {
                targets.push(item);
                Ok(targets.len() - 1)
            }
            KeyRead::Missing => Err(unresolved(key, Unread::Missing)),
            KeyRead::Unprocessed => Err(unresolved(key, Unread::Unprocessed)),
            KeyRead::Failed(error) => Err(unresolved(key, Unread::Failed(error))),
        };
        by_key.insert(fingerprint, resolved);
    }
    (targets, by_key)
}

/// Runs one has-many query per parent, at most `options.concurrency` at once: the children of
/// every parent, and per parent the positions of its children or its query's error.
pub(crate) async fn fetch_children<C>(
    reads: Vec<OpFuture<'_, Vec<C>>>,
    options: PopulateOptions,
) -> Fetched<C, Result<Vec<usize>, Arc<Error>>> {
    let span = tracing::debug_span!("populate", parents = reads.len());
    let results: Vec<Result<Vec<C>, Error>> = stream::iter(reads)
        .buffered(options.concurrency.max(1))
        .collect()
        .instrument(span)
        .await;
    let mut targets = Vec::new();
    let shapes = results
        .into_iter()
        .map(|result| match result {
            Ok(children) => {
                let start = targets.len();
                targets.extend(children);
                Ok((start..targets.len()).collect())
            }
            Err(error) => Err(Arc::new(error)),
        })
        .collect();
    Fetched { targets, shapes }
}
