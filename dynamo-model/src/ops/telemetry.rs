//! What every request reports: a tracing span per request, and the capacity it consumed on the
//! `Db`'s meter.

use crate::db::Db;

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
    if db.capacity_meter().is_some() {
        span.record("consumed", units);
    }
}
