//! Client overhead, measured side by side: for each operation, rounds of 100 calls through
//! dynamo-model and 100 through the raw SDK against the canned server, alternating which side
//! goes first, so that drift in the machine's speed falls on both alike. Prints each side's
//! mean time per call and the median of the per-round ratios (library time over raw time;
//! 1.00 = no overhead).
//!
//! `cargo run --release -p benches --bin client_overhead [ROUNDS]` (30 by default)

use std::time::{Duration, Instant};

use benches::client_ops::*;
use benches::user;

const CALLS: u32 = 100;

/// The time `CALLS` awaits of `$call` take.
macro_rules! timed {
    ($call:expr) => {{
        let start = Instant::now();
        for _ in 0..CALLS {
            $call.await;
        }
        start.elapsed()
    }};
}

fn report(what: &str, rounds: &[(Duration, Duration)]) {
    let mut ratios: Vec<f64> = rounds
        .iter()
        .map(|(odm, raw)| odm.as_secs_f64() / raw.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let per_call = |total: Duration| total / (CALLS * rounds.len() as u32);
    let odm: Duration = rounds.iter().map(|(odm, _)| *odm).sum();
    let raw: Duration = rounds.iter().map(|(_, raw)| *raw).sum();
    println!(
        "{what:<18} dynamo-model {:>9.1?}   raw SDK {:>9.1?}   ratio {median:.3} (rounds from {:.3} to {:.3})",
        per_call(odm),
        per_call(raw),
        ratios[0],
        ratios[ratios.len() - 1],
    );
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let Setup {
        runtime,
        server: _server,
        db,
        client,
    } = setup();
    runtime.block_on(async {
        let mut model = user(1);
        let raw_model = user(1);
        macro_rules! compare {
            ($what:expr, $odm:expr, $raw:expr) => {{
                // Warm-up: connections, caches, the allocator.
                let _warm_up = (timed!($odm), timed!($raw));
                let mut measured = Vec::with_capacity(rounds);
                for round in 0..rounds {
                    let (odm, raw) = if round % 2 == 0 {
                        let odm = timed!($odm);
                        (odm, timed!($raw))
                    } else {
                        let raw = timed!($raw);
                        (timed!($odm), raw)
                    };
                    measured.push((odm, raw));
                }
                report($what, &measured);
            }};
        }
        compare!(
            "put",
            odm_put(&db, &mut model),
            raw_put(&client, &raw_model)
        );
        compare!("get", odm_get(&db), raw_get(&client));
        compare!("query, 100 items", odm_query(&db), raw_query(&client));
        compare!("update", odm_update(&db), raw_update(&client));
    });
}
