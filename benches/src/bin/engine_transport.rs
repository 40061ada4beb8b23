//! What the embedded engine's HTTP hop costs: N sequential `GetItem`s through the SDK to the
//! embedded engine over loopback, against the engine's own work for the same request handed to
//! it in-process (the JSON body parsed, `Database::get_item`, the answer written as JSON). The
//! difference is the most a client that skipped the socket could save per request; it would
//! still run the SDK's serialisation, signing and retry layers.
//!
//! `cargo run --release -p benches --bin engine_transport [N]`

use std::time::Instant;

use dynamo_model::Item;
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "transport")]
struct Row {
    #[dynamo(partition_key)]
    id: String,
    body: String,
}

const TABLE: &str = r#"{"TableName":"transport","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#;
const PUT: &str = r#"{"TableName":"transport","Item":{"id":{"S":"r1"},"body":{"S":"a row of about a hundred bytes, as a small item in a real table would hold, give or take"}}}"#;
const BODY: &str =
    "a row of about a hundred bytes, as a small item in a real table would hold, give or take";
const GET: &str = r#"{"TableName":"transport","Key":{"id":{"S":"r1"}}}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(5_000);
    let runtime = tokio::runtime::Runtime::new()?;

    // Through the SDK, over loopback HTTP, to the embedded engine.
    let engine = LocalEngine::memory()?;
    let db = engine.db();
    let over_http = runtime.block_on(async {
        Row::table().create(&db).await?;
        let item: Item = Row {
            id: "r1".into(),
            body: BODY.into(),
        }
        .to_item()?;
        db.client()
            .put_item()
            .table_name("transport")
            .set_item(Some(item))
            .send()
            .await?;
        // Warm the connection pool first.
        for _ in 0..n / 10 {
            Row::get(&db, "r1").await?;
        }
        let start = Instant::now();
        for _ in 0..n {
            let got = db
                .client()
                .get_item()
                .table_name("transport")
                .key("id", dynamo_model::AttributeValue::S("r1".into()))
                .send()
                .await?;
            std::hint::black_box(got);
        }
        Ok::<_, Box<dyn std::error::Error>>(start.elapsed())
    })?;

    // The engine's own work for the same request, in-process.
    let database = dynoxide::Database::memory()?;
    database.create_table(serde_json::from_str(TABLE)?)?;
    database.put_item(serde_json::from_str(PUT)?)?;
    let in_process = || -> Result<std::time::Duration, Box<dyn std::error::Error>> {
        let start = Instant::now();
        for _ in 0..n {
            let answer = database.get_item(serde_json::from_str(GET)?)?;
            std::hint::black_box(serde_json::to_string(&answer)?);
        }
        Ok(start.elapsed())
    };
    in_process()?;
    let in_process = in_process()?;

    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "{n} sequential GetItems: SDK over loopback HTTP {:.1} µs each; the engine's own work {:.1} µs each; the hop and the SDK {:.1} µs",
        per(over_http),
        per(in_process),
        per(over_http) - per(in_process)
    );
    Ok(())
}
