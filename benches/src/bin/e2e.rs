//! End to end against DynamoDB Local: dynamo-model against the raw SDK for put, get, query and
//! batch write of N items (10,000 by default), sequentially and with 32 concurrent tasks.
//! Prints operations per second for each and the ratio; database time dominates here, so this
//! shows that the library adds nothing you would notice, not its CPU cost (see the criterion
//! benches for that).
//!
//! `cargo run --release -p benches --bin e2e [N]`

use std::future::Future;
use std::time::Instant;

use benches::{Counter, counter, counter_to_item};
use dynamo_model::AttributeValue;
use dynamo_model::local::LocalDynamoDb;
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model::sdk::types::{PutRequest, WriteRequest};
use futures::StreamExt;

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

fn report(what: &str, odm: f64, raw: f64) {
    println!(
        "{what:<34} dynamo-model {odm:>9.0} ops/s   raw SDK {raw:>9.0} ops/s   ratio {:.3}",
        odm / raw
    );
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let local = LocalDynamoDb::start()?;
    let db = local.db().with_table_prefix("e2e-");
    Counter::table().create_if_missing(&db).await?;
    let table = db.table_name_of::<Counter>();
    let client = db.client().clone();
    println!("{n} items, DynamoDB Local at {}", local.endpoint());

    for concurrency in [1, CONCURRENCY] {
        let label = if concurrency == 1 {
            "sequential"
        } else {
            "32 tasks"
        };
        let raw = rate(n, concurrency, |i| {
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
        })
        .await;
        let odm = rate(n, concurrency, |i| {
            let db = &db;
            async move {
                counter(i as u64)
                    .put(db)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"))
            }
        })
        .await;
        report(&format!("put ({label})"), odm, raw);

        let raw = rate(n, concurrency, |i| {
            let (client, table) = (&client, &table);
            async move {
                let output = client
                    .get_item()
                    .table_name(table)
                    .key("id", AttributeValue::S(format!("counter-{i}")))
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{e:?}"));
                assert!(benches::counter_from_item(output.item.unwrap_or_default()).is_some());
            }
        })
        .await;
        let odm = rate(n, concurrency, |i| {
            let db = &db;
            async move {
                let read = Counter::get(db, &format!("counter-{i}"))
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(read.is_some());
            }
        })
        .await;
        report(&format!("get ({label})"), odm, raw);
    }

    // One partition of n items, queried whole, page after page.
    #[derive(dynamo_model::Model)]
    #[dynamo(table = "e2e_events")]
    struct Event {
        #[dynamo(hash_key)]
        stream: String,
        #[dynamo(range_key)]
        seq: u64,
        body: String,
    }
    Event::table().create_if_missing(&db).await?;
    let events: Vec<Event> = (0..n as u64)
        .map(|seq| Event {
            stream: "s".into(),
            seq,
            body: "x".repeat(64),
        })
        .collect();
    let start = Instant::now();
    let written = BatchWrite::new(&db).put_all(&events).concurrency(8).await?;
    let odm = n as f64 / start.elapsed().as_secs_f64();
    assert!(written.unprocessed.is_empty());
    let event_table = db.table_name_of::<Event>();
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
        .map(|chunk| {
            let (client, table) = (&client, &event_table);
            async move {
                client
                    .batch_write_item()
                    .request_items(table.as_str(), chunk.to_vec())
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{e:?}"));
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<()>>()
        .await;
    let raw = n as f64 / start.elapsed().as_secs_f64();
    report("batch write (8 calls in flight)", odm, raw);

    let start = Instant::now();
    let read = Event::query(&db, "s").await?;
    let odm = read.len() as f64 / start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut count = 0;
    let mut next = None;
    loop {
        let output = client
            .query()
            .table_name(&event_table)
            .key_condition_expression("#n0 = :v0")
            .expression_attribute_names("#n0", "stream")
            .expression_attribute_values(":v0", AttributeValue::S("s".into()))
            .set_exclusive_start_key(next)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        count += output.items().len();
        next = output.last_evaluated_key;
        if next.is_none() {
            break;
        }
    }
    let raw = count as f64 / start.elapsed().as_secs_f64();
    report("query (items/s, all pages)", odm, raw);
    Ok(())
}
