//! The HTTP API of `examples/src/api.rs` run through the local Lambda harness over recorded API
//! Gateway events, against the embedded engine, and profiled: each invocation's HTTP status,
//! duration, DynamoDB units and cost, then the summary (see `docs/harness.md`).
//!
//! `cargo run -p examples --example api_harness -- [--events DIR|FILE.jsonl] [--memory MB]
//! [--timeout MS] [--json PATH] [--html PATH]` (the events default to `examples/events/api`).

use std::process::ExitCode;
use std::time::Duration;

use dynamo_model::prelude::*;
use dynamo_model_lambda::{Function, Harness};
use dynamo_model_local::LocalEngine;
use examples::api::{self, Task};
use lambda_http::{Adapter, Request, service_fn};

/// Counts the heap, so that the profile shows its high-water mark.
#[global_allocator]
static ALLOC: dynamo_model_lambda::PeakAlloc = dynamo_model_lambda::PeakAlloc;

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("api_harness", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut events = format!("{}/events/api", env!("CARGO_MANIFEST_DIR"));
    let (mut memory, mut timeout_ms, mut json, mut html) = (512, 3_000, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--events" => events = value()?,
            "--memory" => memory = value()?.parse()?,
            "--timeout" => timeout_ms = value()?.parse()?,
            "--json" => json = Some(value()?),
            "--html" => html = Some(value()?),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let events = if events.ends_with(".jsonl") {
        dynamo_model_lambda::from_json_lines_file(&events)?
    } else {
        dynamo_model_lambda::from_dir(&events)?
    };

    let engine = LocalEngine::start()?;
    let db = engine.db();
    Task::table().create_if_missing(&db).await?;
    let function = Function::new("tasks-api")
        .memory_mb(memory)
        .timeout(Duration::from_millis(timeout_ms));
    let mut harness = Harness::new(function);
    let metered = harness.db(&db);
    let handler = Adapter::from(service_fn(move |request: Request| {
        let db = metered.clone();
        async move { Ok::<_, lambda_http::Error>(api::handle(&db, request).await) }
    }));
    let profile = harness.run(handler, events).await;
    println!("{profile}");
    if let Some(path) = json {
        std::fs::write(&path, format!("{:#}\n", profile.to_json()))?;
        println!("profile written to {path}");
    }
    if let Some(path) = html {
        std::fs::write(&path, profile.to_html())?;
        println!("profile page written to {path}");
    }
    Ok(())
}
