//! Client overhead: put, get, query (100 items a page) and update through dynamo-model against
//! the raw aws-sdk-dynamodb calls that send the same request, both talking to a local HTTP
//! server with canned responses, so that database time does not hide the client's cost. This
//! gives the time per call of each; `cargo run --release -p benches --bin client_overhead`
//! measures the two side by side, interleaved, for the ratios.
//!
//! `cargo bench -p benches --bench client`

use benches::client_ops::*;
use benches::user;
use criterion::{Criterion, criterion_group, criterion_main};

fn client(c: &mut Criterion) {
    let Setup {
        runtime,
        server: _server,
        db,
        client,
    } = setup();

    // A put may change the model (hooks, timestamps, version), so it borrows it mutably: each
    // side times its own loop over one model.
    let mut group = c.benchmark_group("put");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime).iter_custom(|iterations| {
            let db = &db;
            async move {
                let mut model = user(1);
                let start = std::time::Instant::now();
                for _ in 0..iterations {
                    odm_put(db, &mut model).await;
                }
                start.elapsed()
            }
        })
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter_custom(|iterations| {
            let client = &client;
            async move {
                let model = user(1);
                let start = std::time::Instant::now();
                for _ in 0..iterations {
                    raw_put(client, &model).await;
                }
                start.elapsed()
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("get");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime).iter(|| odm_get(&db))
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| raw_get(&client))
    });
    group.finish();

    let mut group = c.benchmark_group("query/100 items");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime).iter(|| odm_query(&db))
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| raw_query(&client))
    });
    group.finish();

    let mut group = c.benchmark_group("update");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime).iter(|| odm_update(&db))
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| raw_update(&client))
    });
    group.finish();
}

criterion_group!(benches_client, client);
criterion_main!(benches_client);
