//! What every request reports: a tracing span per request, and the capacity it consumed on the
//! `Db`'s meter.

use std::future::Future;

use aws_sdk_dynamodb::types::ConsumedCapacity;
use tracing::Instrument;

use crate::db::Db;

/// Sends a single-item request (`input.send_with(client)`) inside its span; once it succeeds,
/// records the items it returned (`items`) and the capacity it consumed (`capacity`).
pub(crate) async fn send_one<T, E>(
    db: &Db,
    operation: &'static str,
    table: &str,
    request: impl Future<Output = Result<T, E>>,
    items: impl FnOnce(&T) -> usize,
    capacity: impl FnOnce(&T) -> Option<&ConsumedCapacity>,
) -> Result<T, E> {
    let span = request_span(operation, table, None);
    let result = request.instrument(span.clone()).await;
    if let Ok(output) = &result {
        finish(db, &span, operation, items(output), capacity(output));
    }
    result
}

/// The span one request runs in: the operation, table and index, then the items it returned,
/// the capacity it consumed and the retries it needed. At debug level, so nothing is logged
/// unless a subscriber asks for it.
pub(crate) fn request_span(
    operation: &'static str,
    table: &str,
    index: Option<&str>,
) -> tracing::Span {
    tracing::debug_span!(
        "dynamodb",
        operation,
        table,
        index = index.unwrap_or(""),
        items = tracing::field::Empty,
        consumed = tracing::field::Empty,
        cost_usd = tracing::field::Empty,
        retries = tracing::field::Empty,
    )
}

/// Records what a finished request returned and consumed on its span and the `Db`'s meter.
pub(crate) fn finish<'c>(
    db: &Db,
    span: &tracing::Span,
    operation: &'static str,
    items: usize,
    consumed: impl IntoIterator<Item = &'c aws_sdk_dynamodb::types::ConsumedCapacity>,
) {
    let units = db.record_capacity(operation, consumed);
    span.record("items", items);
    if let Some(meter) = db.capacity_meter() {
        span.record("consumed", units);
        if let Some(prices) = meter.prices() {
            // A request's units are all read units or all write units.
            let per_million = if crate::capacity::is_read(operation) {
                prices.read_per_million
            } else {
                prices.write_per_million
            };
            span.record("cost_usd", units * per_million / 1_000_000.0);
        }
    }
}
