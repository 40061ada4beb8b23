//! Expression building: a 10-clause condition and a 10-action update, each built and rendered
//! with placeholders.
//!
//! `cargo bench -p benches --bench expressions`

use std::collections::BTreeSet;
use std::hint::black_box;

use benches::User;
use criterion::{Criterion, criterion_group, criterion_main};
use dynamo_model::expr::Update;
use dynamo_model::prelude::*;

fn condition(c: &mut Criterion) {
    c.bench_function("condition/10 clauses", |b| {
        b.iter(|| {
            let f = User::fields();
            let condition = f.age.between(18u32, 65u32)
                & f.active.eq(true)
                & f.plan.is_in(["pro", "team"])
                & f.name.begins_with("A")
                & f.tags.contains("beta")
                & f.nickname.exists()
                & f.phone.not_exists()
                & f.address.city.eq("London")
                & (f.credits.gt(100i64) | f.visits.ge(1000u64))
                & f.bio.size().lt(500);
            black_box(condition.build().unwrap())
        })
    });
}

fn update(c: &mut Criterion) {
    c.bench_function("update/10 actions", |b| {
        b.iter(|| {
            let f = User::fields();
            let update = Update::new()
                .set(&f.name, "Ada")
                .set(&f.address.city, "Paris")
                .increment(&f.visits, 1u64)
                .decrement(&f.credits, 10i64)
                .add(&f.tags, BTreeSet::from(["new".to_owned()]))
                .unset(&f.phone)
                .set_if_not_exists(&f.nickname, "ada")
                .append(&f.logins, vec![1_700_000_300u64])
                .set(&f.verified, true)
                .set(&f.locale, "fr-FR");
            black_box(update.build().unwrap())
        })
    });
}

criterion_group!(expressions, condition, update);
criterion_main!(expressions);
