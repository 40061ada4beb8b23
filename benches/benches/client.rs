//! Client overhead: put, get, query (100 items a page) and update through dynamo-model against
//! the raw aws-sdk-dynamodb calls that send the same request, both talking to a local HTTP
//! server with canned responses, so that database time does not hide the client's cost.
//!
//! `cargo bench -p benches --bench client`

use benches::{User, canned_dynamodb, user, user_from_item, user_to_item};
use criterion::{Criterion, criterion_group, criterion_main};
use dynamo_model::AttributeValue;
use dynamo_model::prelude::*;

fn client(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let item = user(1).to_item().unwrap();
    let page: Vec<_> = (0..100).map(|n| user(n).to_item().unwrap()).collect();
    let address = runtime.block_on(canned_dynamodb(&item, &page));
    let db = Db::local(format!("http://{address}"));
    let client = db.client().clone();
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
                    model.put(db).await.unwrap();
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
                    client
                        .put_item()
                        .table_name("users")
                        .set_item(Some(user_to_item(&model)))
                        .send()
                        .await
                        .unwrap();
                }
                start.elapsed()
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("get");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime)
            .iter(|| async { User::get(&db, "user-1").await.unwrap().unwrap() })
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| async {
            let output = client
                .get_item()
                .table_name("users")
                .key("id", AttributeValue::S("user-1".into()))
                .send()
                .await
                .unwrap();
            user_from_item(output.item.unwrap()).unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("query/100 items");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime)
            .iter(|| async { User::query(&db, "user-1").page(None).await.unwrap() })
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| async {
            let output = client
                .query()
                .table_name("users")
                .key_condition_expression("#n0 = :v0")
                .expression_attribute_names("#n0", "id")
                .expression_attribute_values(":v0", AttributeValue::S("user-1".into()))
                .consistent_read(false)
                .scan_index_forward(true)
                .send()
                .await
                .unwrap();
            output
                .items
                .unwrap()
                .into_iter()
                .map(|i| user_from_item(i).unwrap())
                .collect::<Vec<_>>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("update");
    group.bench_function("dynamo-model", |b| {
        b.to_async(&runtime).iter(|| async {
            let f = User::fields();
            User::update(&db, "user-1")
                .increment(&f.visits, 1u64)
                .set(&f.name, "Ada")
                .await
                .unwrap()
        })
    });
    group.bench_function("raw SDK", |b| {
        b.to_async(&runtime).iter(|| async {
            let output = client
                .update_item()
                .table_name("users")
                .key("id", AttributeValue::S("user-1".into()))
                .update_expression("SET #n0 = #n0 + :v0, #n1 = :v1")
                .expression_attribute_names("#n0", "visits")
                .expression_attribute_names("#n1", "name")
                .expression_attribute_values(":v0", AttributeValue::N("1".into()))
                .expression_attribute_values(":v1", AttributeValue::S("Ada".into()))
                .return_values(dynamo_model::sdk::types::ReturnValue::AllNew)
                .send()
                .await
                .unwrap();
            user_from_item(output.attributes.unwrap()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches_client, client);
criterion_main!(benches_client);
