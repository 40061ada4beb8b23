//! Time to live on reads: whether an item's `#[dynamo(ttl)]` time has passed, and the attribute
//! a projected read must ask for to tell.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::expr::{Condition, Conditions, Path, RawPath};
use crate::model::{Model, Projection};
use crate::value::Item;

/// Seconds since 1970, as time to live compares them.
fn now_epoch_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether an item's TTL attribute (epoch seconds) has passed.
pub(crate) fn expired(item: &Item, ttl: &str) -> bool {
    match item.get(ttl) {
        Some(AttributeValue::N(text)) => text
            .split('.')
            .next()
            .and_then(|whole| whole.parse::<i128>().ok())
            .is_some_and(|secs| secs <= i128::from(now_epoch_seconds())),
        _ => false,
    }
}

/// The attributes a read of `P` asks for; with `hide_expired`, the TTL attribute too, which is
/// needed to tell whether an item expired; for a model with a schema version, its stamp, which
/// tells whether the attributes are of the current shape.
pub(crate) fn projection_paths<M: Model, P: Projection<M>>(
    hide_expired: bool,
) -> Option<crate::expr::ProjectionExpression> {
    P::projection_paths().map(|projected| {
        let projected = match (hide_expired, M::SCHEMA.ttl) {
            (true, Some(ttl)) => projected.with_attribute(ttl),
            _ => projected,
        };
        match M::SCHEMA.schema_version {
            Some(versions) => projected.with_attribute(versions.attribute),
            None => projected,
        }
    })
}

/// The filter that leaves out expired items: no TTL attribute, or one still ahead.
pub(crate) fn not_expired(ttl: &'static str) -> Condition {
    let ttl: Path<u64> = Path::new(RawPath::attribute(ttl));
    ttl.not_exists() | ttl.gt(now_epoch_seconds())
}
