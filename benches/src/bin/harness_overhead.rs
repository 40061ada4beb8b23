//! The local Lambda harness's own cost: a handler that does nothing, invoked directly (its
//! `Service::call` with a ready `LambdaEvent`) and through `Harness::invoke` (a context per
//! invocation, the payload read as the event type, the meter reset and read, the response kept
//! as JSON), side by side in one run, alternating rounds.
//!
//! `cargo run --release -p benches --bin harness_overhead [INVOCATIONS]` (100,000 by default).

use std::time::{Duration, Instant};

use dynamo_model_lambda::{Function, Harness};
use lambda_runtime::{Context, LambdaEvent, Service, service_fn};
use serde_json::{Value, json};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let invocations: u32 = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let mut handler = service_fn(|event: LambdaEvent<Value>| async move {
        Ok::<_, lambda_runtime::Error>(event.payload.get("n").cloned())
    });
    let payload = json!({"n": 1});
    let (mut direct, mut harnessed) = (Duration::ZERO, Duration::ZERO);
    let rounds = 10;
    let per_round = invocations / rounds;
    for _ in 0..rounds {
        let started = Instant::now();
        for _ in 0..per_round {
            let event = LambdaEvent::new(payload.clone(), Context::default());
            std::hint::black_box(handler.call(event).await.map_err(|e| e.to_string())?);
        }
        direct += started.elapsed();

        // A fresh harness per round, so that kept invocations do not pile up across rounds.
        let mut harness = Harness::new(Function::new("noop"));
        let started = Instant::now();
        for _ in 0..per_round {
            std::hint::black_box(harness.invoke(&mut handler, payload.clone()).await);
        }
        harnessed += started.elapsed();
    }
    let per = |total: Duration| total.as_secs_f64() * 1e6 / f64::from(per_round * rounds);
    let (d, h) = (per(direct), per(harnessed));
    println!(
        "{} invocations of a handler that does nothing: directly {d:.2} µs, through the harness {h:.2} µs; the harness adds {:.2} µs per invocation",
        per_round * rounds,
        h - d
    );
    Ok(())
}
