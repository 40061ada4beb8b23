//! End to end against the local engine (or `DYNAMODB_ENDPOINT`): dynamo-model against the raw SDK for put, get, query and
//! batch write of N items (10,000 by default), one at a time and 32 at once (32 tasks, 32 batch
//! calls in flight, 32 partitions queried at once).
//! Prints operations per second for each and the ratio (above 1: dynamo-model is faster).
//! Database time dominates here, so this shows whether the library adds anything you would
//! notice, not its CPU cost (see the criterion benches for that). Everything is first warmed
//! up, and each measurement runs raw, library, library, raw and averages the two of each.
//!
//! `cargo run --release -p benches --bin e2e [N]`

use std::future::Future;
use std::time::Instant;

use benches::{Counter, counter, counter_to_item};
use dynamo_model::AttributeValue;
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model::sdk::types::{PutRequest, WriteRequest};
use dynamo_model_local::LocalEngine;
use futures::{StreamExt, TryStreamExt};

const CONCURRENCY: usize = 32;

/// Runs `op` for 0..n, `concurrency` at a time, and gives operations per second.
async fn rate<F, Fut>(n: usize, concurrency: usize, op: F) -> f64
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = ()>,
{
    let start = Instant::now();
    futures::stream::iter(0..n)
        .map(&op)
        .buffer_unordered(concurrency)
        .collect::<Vec<()>>()
        .await;
    n as f64 / start.elapsed().as_secs_f64()
}

/// Runs `raw` and `odm` alternately (raw, odm, odm, raw) and gives their mean rates.
async fn compare<R, RF, O, OF>(n: usize, concurrency: usize, raw: R, odm: O) -> (f64, f64)
where
    R: Fn(usize) -> RF,
    RF: Future<Output = ()>,
    O: Fn(usize) -> OF,
    OF: Future<Output = ()>,
{
    let half = n / 2;
    let r1 = rate(half, concurrency, &raw).await;
    let o1 = rate(half, concurrency, &odm).await;
    let o2 = rate(half, concurrency, &odm).await;
    let r2 = rate(half, concurrency, &raw).await;
    ((o1 + o2) / 2.0, (r1 + r2) / 2.0)
}

fn report(what: &str, odm: f64, raw: f64) {
    println!(
        "{what:<34} dynamo-model {odm:>9.0} ops/s   raw SDK {raw:>9.0} ops/s   ratio {:.3}",
        odm / raw
    );
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let engine = LocalEngine::start()?;
    let db = engine.db().with_table_prefix("e2e-");
    Counter::table().create_if_missing(&db).await?;
    let table = db.table_name_of::<Counter>();
    let client = db.client().clone();
    println!("{n} items, local engine at {}", engine.endpoint());

    let raw_put = |i: usize| {
        let (client, table) = (&client, &table);
        async move {
            let item = counter_to_item(&counter(i as u64));
            client
                .put_item()
                .table_name(table)
                .set_item(Some(item))
                .send()
                .await
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
    };
    let odm_put = |i: usize| {
        let db = &db;
        async move {
            counter(i as u64)
                .put(db)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    let raw_get = |i: usize| {
        let (client, table) = (&client, &table);
        async move {
            let output = client
                .get_item()
                .table_name(table)
                .key("id", AttributeValue::S(format!("counter-{}", i % 1000)))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert!(benches::counter_from_item(output.item.unwrap_or_default()).is_some());
        }
    };
    let odm_get = |i: usize| {
        let db = &db;
        async move {
            let key = format!("counter-{}", i % 1000);
            let read = Counter::get(db, &key)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(read.is_some());
        }
    };
    // Warm-up: connections, caches and the engine's own start-up costs are paid before timing.
    rate(n / 5, CONCURRENCY, &raw_put).await;
    rate(n / 5, CONCURRENCY, &odm_get).await;

    for concurrency in [1, CONCURRENCY] {
        let label = if concurrency == 1 {
            "sequential"
        } else {
            "32 tasks"
        };
        let (odm, raw) = compare(n, concurrency, &raw_put, &odm_put).await;
        report(&format!("put ({label})"), odm, raw);
        let (odm, raw) = compare(n, concurrency, &raw_get, &odm_get).await;
        report(&format!("get ({label})"), odm, raw);
    }

    // n items in 32 partitions, written in batches and read back with queries, page after
    // page: one call (or one partition) at a time, then 32 at once. Each side runs twice,
    // interleaved (raw, library, library, raw), as above.
    Event::table().create_if_missing(&db).await?;
    let mut events: Vec<Event> = (0..n as u64)
        .map(|seq| Event {
            stream: stream(seq),
            seq,
            body: "x".repeat(64),
        })
        .collect();
    let event_table = db.table_name_of::<Event>();
    for concurrency in [1, CONCURRENCY] {
        let r1 = raw_batch_write(&client, &event_table, &events, concurrency).await;
        let o1 = odm_batch_write(&db, &mut events, concurrency).await?;
        let o2 = odm_batch_write(&db, &mut events, concurrency).await?;
        let r2 = raw_batch_write(&client, &event_table, &events, concurrency).await;
        report(
            &format!("batch write ({concurrency} calls in flight)"),
            (o1 + o2) / 2.0,
            (r1 + r2) / 2.0,
        );
    }

    // Warm the partitions' pages once.
    odm_query(&db, CONCURRENCY).await?;
    for concurrency in [1, CONCURRENCY] {
        let r1 = raw_query(&client, &event_table, concurrency).await;
        let o1 = odm_query(&db, concurrency).await?;
        let o2 = odm_query(&db, concurrency).await?;
        let r2 = raw_query(&client, &event_table, concurrency).await;
        report(
            &format!("query ({concurrency} of 32 partitions at once)"),
            (o1 + o2) / 2.0,
            (r1 + r2) / 2.0,
        );
    }
    Ok(())
}

/// How many partitions the events are spread over.
const STREAMS: u64 = 32;

/// The partition of event `seq`.
fn stream(seq: u64) -> String {
    format!("s{}", seq % STREAMS)
}

/// The model of the batch and query measurements: one partition, `seq` ordering it.
#[derive(dynamo_model::Model)]
#[dynamo(table = "e2e_events")]
struct Event {
    #[dynamo(partition_key)]
    stream: String,
    #[dynamo(sort_key)]
    seq: u64,
    body: String,
}

/// Writes every event with the library's batch write, `concurrency` calls in flight; items per
/// second.
async fn odm_batch_write(db: &Db, events: &mut [Event], concurrency: usize) -> Result<f64, Error> {
    let start = Instant::now();
    let written = BatchWrite::new(db)
        .put_all(events.iter_mut())
        .concurrency(concurrency)
        .await?;
    let rate = events.len() as f64 / start.elapsed().as_secs_f64();
    assert!(written.is_complete(), "{written:?}");
    Ok(rate)
}

/// Writes every event with raw BatchWriteItem calls of 25, `concurrency` in flight; items per
/// second.
async fn raw_batch_write(
    client: &dynamo_model::sdk::Client,
    table: &str,
    events: &[Event],
    concurrency: usize,
) -> f64 {
    let start = Instant::now();
    let requests: Vec<WriteRequest> = events
        .iter()
        .map(|e| {
            let mut item = dynamo_model::Item::new();
            item.insert("stream".into(), AttributeValue::S(e.stream.clone()));
            item.insert("seq".into(), AttributeValue::N(e.seq.to_string()));
            item.insert("body".into(), AttributeValue::S(e.body.clone()));
            WriteRequest::builder()
                .put_request(
                    PutRequest::builder()
                        .set_item(Some(item))
                        .build()
                        .unwrap_or_else(|e| panic!("{e}")),
                )
                .build()
        })
        .collect();
    futures::stream::iter(requests.chunks(25))
        .map(|chunk| async move {
            client
                .batch_write_item()
                .request_items(table, chunk.to_vec())
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        })
        .buffer_unordered(concurrency)
        .collect::<Vec<()>>()
        .await;
    events.len() as f64 / start.elapsed().as_secs_f64()
}

/// Reads every partition whole with the library, `concurrency` partitions at once; items per
/// second.
async fn odm_query(db: &Db, concurrency: usize) -> Result<f64, Error> {
    let start = Instant::now();
    let counts: Vec<usize> = futures::stream::iter(0..STREAMS)
        .map(|s| async move { Event::query(db, stream(s)).await.map(|items| items.len()) })
        .buffer_unordered(concurrency)
        .try_collect()
        .await?;
    Ok(counts.iter().sum::<usize>() as f64 / start.elapsed().as_secs_f64())
}

/// Reads every partition whole with raw Query calls, `concurrency` partitions at once, reading
/// each item into its fields as the library does; items per second.
async fn raw_query(client: &dynamo_model::sdk::Client, table: &str, concurrency: usize) -> f64 {
    let start = Instant::now();
    let counts: Vec<usize> = futures::stream::iter(0..STREAMS)
        .map(|s| raw_query_partition(client, table, stream(s)))
        .buffer_unordered(concurrency)
        .collect()
        .await;
    counts.iter().sum::<usize>() as f64 / start.elapsed().as_secs_f64()
}

/// Reads one partition with raw Query calls; the number of items.
async fn raw_query_partition(
    client: &dynamo_model::sdk::Client,
    table: &str,
    partition: String,
) -> usize {
    let mut count = 0;
    let mut next = None;
    loop {
        let output = client
            .query()
            .table_name(table)
            .key_condition_expression("#n0 = :v0")
            .expression_attribute_names("#n0", "stream")
            .expression_attribute_values(":v0", AttributeValue::S(partition.clone()))
            .set_exclusive_start_key(next)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        for mut item in output.items.unwrap_or_default() {
            let seq = match item.remove("seq") {
                Some(AttributeValue::N(n)) => n.parse::<u64>().ok(),
                _ => None,
            };
            let body = match item.remove("body") {
                Some(AttributeValue::S(s)) => Some(s),
                _ => None,
            };
            assert!(seq.is_some() && body.is_some());
            count += 1;
        }
        next = output.last_evaluated_key;
        if next.is_none() {
            break;
        }
    }
    count
}
