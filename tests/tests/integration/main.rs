//! The integration tests, one module per concern, in one test binary: the AWS SDK links once
//! and one local engine serves every test (`tests::db()` starts it on first use). Each test
//! gets tables of its own through a unique table-name prefix, so they run in parallel.
//!
//! The compile-fail tests live in their own package, `tests/ui`.

mod api;
mod at_scale;
mod batch;
mod benchmarks;
mod capacity;
mod cli;
mod conditions;
mod counters;
mod deadlines;
mod defaults;
mod documents;
mod engine;
mod engines;
mod errors;
mod expressions;
mod faults;
mod future_sizes;
mod harness;
mod hooks;
mod indexes;
mod infrastructure;
mod interop;
mod item;
mod key_templates;
mod layers;
mod limits;
mod multi_key;

mod mapping;
mod migrations;
mod msrv;
mod paging;
mod plan;
mod projection;
mod query;
mod refusals;
mod relations;
mod retry_presets;
mod returns;
mod roundtrip;
mod schema_snapshots;
mod schema_versions;
mod shop;
mod single_table;
mod streams;
mod table;
mod table_options;
mod timestamps;
mod tracing_spans;
mod transactions;
mod ttl;
mod types;
mod unique;
mod updates;
mod validation;
mod versioning;
