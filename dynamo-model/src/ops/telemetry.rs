//! What every request reports: a tracing span per request, and the capacity it consumed on the
//! `Db`'s meter.

use crate::operation::Operation;
use std::future::Future;

use aws_sdk_dynamodb::types::ConsumedCapacity;
use tracing::Instrument;

use crate::capacity::Models;
use crate::db::Db;

/// Sends a single-item request of `model`'s (`input.send_with(client)`) inside its span; once
/// it succeeds, records the items it returned (`items`) and the capacity it consumed
/// (`capacity`).
pub(crate) async fn send_one<T, E>(
    db: &Db,
    operation: Operation,
    model: &'static str,
    table: &str,
    request: impl Future<Output = Result<T, E>>,
    items: impl FnOnce(&T) -> usize,
    capacity: impl FnOnce(&T) -> Option<&ConsumedCapacity>,
) -> Result<T, E> {
    let models = Models::One(model);
    let span = request_span(operation, models, table, None);
    let result = request.instrument(span.clone()).await;
    if let Ok(output) = &result {
        finish(
            db,
            &span,
            operation,
            models,
            items(output),
            capacity(output),
        );
    }
    result
}

/// The span one request runs in: the operation, the model (or models) whose items it carries,
/// the table and index, then the items it returned, the capacity it consumed, its on-demand
/// price when the meter has prices, and the retries it needed. At debug level, so nothing is
/// logged unless a subscriber asks for it.
pub(crate) fn request_span(
    operation: Operation,
    models: Models<'_>,
    table: &str,
    index: Option<&str>,
) -> tracing::Span {
    let span = tracing::debug_span!(
        "dynamodb",
        operation = operation.as_str(),
        model = tracing::field::Empty,
        table,
        index = index.unwrap_or(""),
        items = tracing::field::Empty,
        consumed = tracing::field::Empty,
        cost_usd = tracing::field::Empty,
        retries = tracing::field::Empty,
    );
    // Several models are named by joining their names: done only for a span a subscriber
    // records.
    if !span.is_disabled() {
        match models {
            Models::One(model) => span.record("model", model),
            several => span.record("model", several.label(None).as_str()),
        };
    }
    span
}

/// Records what a finished request of `models` returned and consumed on its span and the
/// `Db`'s meter.
pub(crate) fn finish<'c>(
    db: &Db,
    span: &tracing::Span,
    operation: Operation,
    models: Models<'_>,
    items: usize,
    consumed: impl IntoIterator<Item = &'c aws_sdk_dynamodb::types::ConsumedCapacity>,
) {
    let units = db.record_capacity(operation, models, consumed);
    span.record("items", items);
    if let Some(meter) = db.capacity_meter() {
        span.record("consumed", units);
        if let Some(prices) = meter.prices() {
            // A request's units are all read units or all write units.
            let per_million = if operation.is_read() {
                prices.read_per_million
            } else {
                prices.write_per_million
            };
            span.record("cost_usd", units * per_million / 1_000_000.0);
        }
    }
}
