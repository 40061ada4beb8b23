//! Batches: BatchGetItem and BatchWriteItem for any number of items, chunked to DynamoDB's limits
//! (100 keys, 25 writes per call), sent with bounded concurrency, with unprocessed items retried
//! with exponential backoff and full jitter.
//!
//! A batch never stops half-way: once sending starts, every chunk runs to its end, and the result
//! accounts for every key or write the caller passed in (read, missing, written, left
//! unprocessed, or failed with its error).

/// The options both batch builders have, written once: each holds `concurrency` and `retry`.
/// `$calls` names the API call and `$items` what it carries, for the docs.
macro_rules! batch_options {
    ($calls:literal, $items:literal) => {
        #[doc = concat!("How many ", $calls, " calls run at once (4 by default).")]
        pub fn concurrency(mut self, calls: usize) -> Self {
            self.concurrency = calls.max(1);
            self
        }

        #[doc = concat!(
            "How unprocessed ", $items, " are retried, instead of as the `Db`'s ",
            "[`Retries`](crate::Retries) say: as many calls as `max_attempts`, backing off from ",
            "`initial_backoff` up to `max_backoff`, with full jitter. (Each call is also ",
            "retried by the SDK, by the `Db`'s own settings.)"
        )]
        pub fn retries(mut self, retries: crate::Retries) -> Self {
            self.retry = retries.batch_policy();
            self
        }
    };
}

mod get;
mod outcome;
mod write;

use std::future::Future;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::error::Error;
use crate::retries::RetryPolicy;
use crate::value::Item;

pub(crate) use get::KeyRead;
pub use get::{BatchGet, BatchGot, KeyFailure};
pub use outcome::{BatchWritten, WriteOutcome};
pub use write::{BatchWrite, BatchWriteItem};

/// DynamoDB reads at most this many keys in one BatchGetItem.
pub const MAX_BATCH_GET: usize = 100;
/// DynamoDB writes at most this many items in one BatchWriteItem.
pub const MAX_BATCH_WRITE: usize = 25;

/// What a retried chunk of work ended with.
pub(crate) struct Retried<O, W> {
    /// The results of every call.
    pub done: Vec<O>,
    /// The work not done: unprocessed after the last attempt, or carried by the call that
    /// failed.
    pub left: W,
    /// The error of the call that failed, which ends the retries; `None` when the calls
    /// succeeded and `left` is what DynamoDB still left unprocessed.
    pub error: Option<Error>,
    /// How many retries it took.
    pub retries: u32,
}

/// Sends `work` and then whatever `send` reports unprocessed, until nothing is left, the
/// policy's attempts are spent, or a call fails. `send` gives back its results and the
/// unprocessed part, or, when the call fails, the work it carried and the error. (The SDK has
/// already retried a failed call by its own retry configuration; what fails here is final.)
pub(crate) async fn with_retries<O, W, F, Fut>(
    policy: RetryPolicy,
    mut work: W,
    is_empty: impl Fn(&W) -> bool,
    mut send: F,
) -> Retried<O, W>
where
    F: FnMut(W) -> Fut,
    Fut: Future<Output = Result<(Vec<O>, W), (W, Error)>>,
{
    let mut done = Vec::new();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (left, error) = match send(work).await {
            Ok((results, left)) => {
                done.extend(results);
                (left, None)
            }
            Err((left, error)) => (left, Some(error)),
        };
        work = left;
        if error.is_some() || is_empty(&work) || attempt >= policy.max_attempts.max(1) {
            return Retried {
                done,
                left: work,
                error,
                retries: attempt - 1,
            };
        }
        tokio::time::sleep(policy.backoff(attempt)).await;
    }
}

/// A key as a hashable value: `AttributeValue` is neither `Eq` nor `Hash`, and its DynamoDB
/// JSON (attributes in name order) is the same text for equal keys.
pub(crate) fn key_fingerprint(key: &Item) -> Vec<u8> {
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

/// The fingerprint of the key of `item`, whose key attributes are `names`: how an item a
/// batch read returns is matched to the key asked for.
pub(crate) fn key_fingerprint_of(item: &Item, names: &[&'static str]) -> Vec<u8> {
    let key: Item = names
        .iter()
        .filter_map(|name| Some(((*name).to_owned(), item.get(*name)?.clone())))
        .collect();
    key_fingerprint(&key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
        .await;
        assert!(retried.error.is_none());
        assert_eq!(
            (retried.done, retried.left, retried.retries, calls),
            (vec![1, 2, 3], vec![], 2, 3)
        );

        // Never processing anything: what is left after the last attempt comes back.
        let retried = with_retries(policy, vec![1, 2], Vec::is_empty, |work| async move {
            Ok((Vec::<i32>::new(), work))
        })
        .await;
        assert_eq!((retried.left, retried.retries), (vec![1, 2], 4));

        // A failed call ends the retries and gives back the work it carried, with its error.
        let mut calls = 0;
        let retried = with_retries(
            policy,
            vec![1, 2, 3],
            Vec::is_empty,
            |mut work: Vec<i32>| {
                calls += 1;
                let first = calls == 1;
                async move {
                    if first {
                        let done = work.remove(0);
                        Ok((vec![done], work))
                    } else {
                        Err((
                            work,
                            Error::Conversion(crate::ConversionError::custom("refused")),
                        ))
                    }
                }
            },
        )
        .await;
        assert_eq!(
            (retried.done, retried.left, retried.retries, calls),
            (vec![1], vec![2, 3], 1, 2)
        );
        assert!(
            retried
                .error
                .is_some_and(|e| e.to_string().contains("refused"))
        );
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
