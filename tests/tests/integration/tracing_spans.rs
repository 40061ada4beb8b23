//! Tracing: every request runs in a debug-level span naming its operation, model, table and
//! index, with the items it returned and the capacity it consumed. The subscriber is the
//! binary's global one (a thread's scoped default misses spans while other tests' threads
//! register call sites at the same time); it records the thread of each span, and the test reads
//! its own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::prelude::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "traced")]
#[dynamo(global_index(name = "by_kind", partition_key = "kind"))]
struct Reading {
    #[dynamo(partition_key)]
    id: u32,
    kind: String,
}

/// A second model, so that a transaction carries the items of two.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "traced_sensors")]
struct Sensor {
    #[dynamo(partition_key)]
    id: u32,
}

fn reading(id: u32) -> Reading {
    Reading {
        id,
        kind: "temp".into(),
    }
}

/// A span as recorded: the thread it was made on, its level and fields.
type Recorded = (std::thread::ThreadId, Level, HashMap<String, String>);

/// An event as recorded: the thread it was made on, its target and fields.
type RecordedEvent = (std::thread::ThreadId, String, HashMap<String, String>);

/// Records every span (its level and fields) and every event.
#[derive(Clone, Default)]
struct Spans {
    spans: Arc<Mutex<Vec<Recorded>>>,
    events: Arc<Mutex<Vec<RecordedEvent>>>,
}

/// The binary's global subscriber, set by the first test that needs it.
fn recorder() -> &'static Spans {
    static SPANS: std::sync::OnceLock<Spans> = std::sync::OnceLock::new();
    SPANS.get_or_init(|| {
        let spans = Spans::default();
        tracing::subscriber::set_global_default(spans.clone())
            .expect("no other test sets a global subscriber");
        spans
    })
}

struct Fields<'a>(&'a mut HashMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Spans {
    /// The spans recorded so far. A test that panicked while holding the lock leaves it
    /// poisoned; the spans are still whole (each change is one push or insert), and reading them
    /// on keeps that one failure from failing every later test that makes a span.
    fn lock(&self) -> MutexGuard<'_, Vec<Recorded>> {
        self.spans.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Subscriber for Spans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = HashMap::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.lock();
        spans.push((
            std::thread::current().id(),
            *span.metadata().level(),
            fields,
        ));
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.lock();
        let index = span.into_u64() as usize - 1;
        values.record(&mut Fields(&mut spans[index].2));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = HashMap::new();
        event.record(&mut Fields(&mut fields));
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((
                std::thread::current().id(),
                event.metadata().target().to_owned(),
                fields,
            ));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn every_request_runs_in_a_debug_span_naming_table_operation_and_items() {
    let spans = recorder();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let prices = dynamo_model::cost::Prices::us_east_1();
        let db = tests::db().with_capacity_meter(CapacityMeter::new().with_prices(prices));
        Reading::table().create(&db).await.unwrap();
        reading(1).put(&db).await.unwrap();
        Reading::indexes().by_kind.query(&db, "temp").await.unwrap();
        Sensor::table().create(&db).await.unwrap();
        dynamo_model::ops::Transaction::new(&db)
            .put(&mut Sensor { id: 1 })
            .put(&mut reading(2))
            .await
            .unwrap();
    });
    let this_thread = std::thread::current().id();
    let spans = spans.lock();
    let spans: Vec<&Recorded> = spans.iter().filter(|s| s.0 == this_thread).collect();
    let ours: Vec<&HashMap<String, String>> = spans
        .iter()
        .filter(|(_, _, fields)| fields.contains_key("operation"))
        .map(|(_, _, fields)| fields)
        .collect();
    let put = ours
        .iter()
        .find(|f| f["operation"] == "\"PutItem\"")
        .expect("a PutItem span");
    assert!(put["table"].contains("traced"), "{put:?}");
    assert_eq!(put["model"], "\"Reading\"", "{put:?}");
    assert_eq!(put["items"], "1");
    assert!(put.contains_key("consumed"), "{put:?}");
    // A write unit on the table and one on the index `by_kind`, on demand at $0.625 per
    // million.
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "tracing_spans::every_request_runs_in_a_debug_span_naming_table_operation_and_items",
    ) {
        assert_eq!(put["cost_usd"], "1.25e-6", "{put:?}");
    }
    let query = ours
        .iter()
        .find(|f| f["operation"] == "\"Query\"")
        .expect("a Query span");
    assert_eq!(query["index"], "\"by_kind\"");
    assert_eq!(query["model"], "\"Reading\"");
    assert_eq!(query["items"], "1");
    // A request carrying two models' items names both.
    let transaction = ours
        .iter()
        .find(|f| f["operation"] == "\"TransactWriteItems\"")
        .expect("a TransactWriteItems span");
    assert_eq!(
        transaction["model"], "\"Reading + Sensor\"",
        "{transaction:?}"
    );
    let loud: Vec<_> = spans
        .iter()
        .filter(|(_, level, fields)| fields.contains_key("operation") && *level <= Level::INFO)
        .collect();
    assert!(
        loud.is_empty(),
        "request spans are at debug level: {loud:?}"
    );
}

#[test]
fn a_migration_reports_its_progress_as_tracing_events() {
    use dynamo_model::migrate::{Migration, Migrations, Runner};
    let recorder = recorder();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = tests::db();
        super::migrations::seeded(&db, 30).await;
        let migrations = Migrations::new().migration(
            Migration::upgrade::<super::migrations::Parcel>("traced parcels"),
        );
        let report = Runner::new(&db, &migrations).run().await.unwrap();
        assert!(report.is_complete());
    });
    let this_thread = std::thread::current().id();
    let events = recorder
        .events
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let finished = events
        .iter()
        .filter(|(thread, target, _)| *thread == this_thread && target == "dynamo_model::migrate")
        .map(|(_, _, fields)| fields)
        .find(|fields| fields.get("stage").map(String::as_str) == Some("\"finished\""))
        .expect("a `finished` event of the migration");
    assert_eq!(finished["migration"], "traced parcels", "{finished:?}");
    assert_eq!(finished["scanned"], "30");
    assert_eq!(finished["changed"], "30");
    assert_eq!(finished["failed"], "0");
    assert_eq!(finished["write_units"], "30.0");
    for figure in ["items_per_second", "cost_usd", "read_units"] {
        let value: f64 = finished[figure].parse().unwrap();
        assert!(value > 0.0, "{figure}: {finished:?}");
    }
    // The item count DynamoDB keeps gives the time left; 0 once everything is read.
    assert_eq!(finished["eta_seconds"], "0.0", "{finished:?}");
}

/// A model referencing readings, whose populate is traced like any other reads.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "traced_alarms")]
struct Alarm {
    #[dynamo(partition_key)]
    id: u32,
    reading: Ref<Reading>,
}

#[test]
fn a_populate_runs_in_a_span_around_its_requests_and_is_metered() {
    let spans = recorder();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let prices = dynamo_model::cost::Prices::us_east_1();
    let meter = CapacityMeter::new().with_prices(prices.clone());
    runtime.block_on(async {
        let db = tests::db().with_capacity_meter(meter.clone());
        Reading::table().create(&db).await.unwrap();
        for id in [1, 2] {
            reading(id).put(&db).await.unwrap();
        }
        meter.reset();
        let alarms: Vec<Alarm> = (0..5)
            .map(|id| Alarm {
                id,
                reading: Ref::to_key(1 + id % 2).unwrap(),
            })
            .collect();
        let populated = Alarm::populate(&db, alarms, Alarm::relations().reading).await;
        assert!(populated.iter().all(|(_, reading)| reading.is_ok()));
    });
    let this_thread = std::thread::current().id();
    let spans = spans.lock();
    let ours: Vec<&HashMap<String, String>> = spans
        .iter()
        .filter(|(thread, _, _)| *thread == this_thread)
        .map(|(_, _, fields)| fields)
        .collect();
    let populate = ours
        .iter()
        .find(|f| f.get("model").is_some_and(|m| m == "\"Reading\"") && f.contains_key("keys"))
        .expect("a populate span");
    assert_eq!(populate["keys"], "2", "two distinct keys: {populate:?}");
    let batch = ours
        .iter()
        .find(|f| f.get("operation").is_some_and(|o| o == "\"BatchGetItem\""))
        .expect("a BatchGetItem span");
    assert_eq!(batch["model"], "\"Reading\"", "{batch:?}");
    assert_eq!(batch["items"], "2", "{batch:?}");
    // The cost report has the populate's read, under the referenced model.
    let report = meter.report(&prices);
    let reading_cost = report
        .by_model
        .iter()
        .find(|cost| cost.model == "Reading")
        .expect("the referenced model in the cost report");
    assert_eq!(reading_cost.requests, 1, "{report}");
    assert!(reading_cost.read_units > 0.0, "{report}");
}
