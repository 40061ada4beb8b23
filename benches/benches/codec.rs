//! Codec: a model to an item and back, derived vs serde_dynamo on the same struct vs a
//! hand-written conversion, for a 20-attribute model and a 3-attribute one.
//!
//! `cargo bench -p benches --bench codec`

use std::hint::black_box;

use benches::{counter, counter_from_item, counter_to_item, user, user_from_item, user_to_item};
use criterion::{Criterion, criterion_group, criterion_main};
use dynamo_model::{Item, Model};

fn to_item(c: &mut Criterion) {
    let big = user(1);
    let small = counter(1);
    let mut group = c.benchmark_group("to_item/20 attributes");
    group.bench_function("dynamo-model", |b| {
        b.iter(|| black_box(&big).to_item().unwrap())
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter(|| serde_dynamo::to_item::<_, Item>(black_box(&big)).unwrap())
    });
    group.bench_function("hand-written", |b| b.iter(|| user_to_item(black_box(&big))));
    group.finish();

    let mut group = c.benchmark_group("to_item/3 attributes");
    group.bench_function("dynamo-model", |b| {
        b.iter(|| black_box(&small).to_item().unwrap())
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter(|| serde_dynamo::to_item::<_, Item>(black_box(&small)).unwrap())
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| counter_to_item(black_box(&small)))
    });
    group.finish();
}

fn from_item(c: &mut Criterion) {
    let big_item = user(1).to_item().unwrap();
    let big_serde: Item = serde_dynamo::to_item(user(1)).unwrap();
    let small_item = counter(1).to_item().unwrap();
    let mut group = c.benchmark_group("from_item/20 attributes");
    group.bench_function("dynamo-model", |b| {
        b.iter_batched(
            || big_item.clone(),
            |item| benches::User::from_item(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter_batched(
            || big_serde.clone(),
            |item| serde_dynamo::from_item::<_, benches::User>(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("hand-written", |b| {
        b.iter_batched(
            || big_item.clone(),
            |item| user_from_item(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("from_item/3 attributes");
    group.bench_function("dynamo-model", |b| {
        b.iter_batched(
            || small_item.clone(),
            |item| benches::Counter::from_item(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("serde_dynamo", |b| {
        b.iter_batched(
            || small_item.clone(),
            |item| serde_dynamo::from_item::<_, benches::Counter>(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("hand-written", |b| {
        b.iter_batched(
            || small_item.clone(),
            |item| counter_from_item(item).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(codec, to_item, from_item);
criterion_main!(codec);
