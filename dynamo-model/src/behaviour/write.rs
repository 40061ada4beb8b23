//! Reachable only as `__private::WriteBehaviours`: a model's write-path items are no methods a
//! user can call by importing a public module.

use super::Failures;

/// What the write path needs of a model's behaviours beyond its public methods: rules checked
/// against update values, the version field's limit and setter, the timestamps. The derive
/// implements it; it is not public API (reach it only through `__private`), so that none of
/// it is a method a user of a model can call by accident.
pub trait WriteBehaviours {
    /// Checks the rules of the top-level attribute `name` against a value an update expression
    /// sets it to.
    fn validate_value(
        name: &str,
        value: &aws_sdk_dynamodb::types::AttributeValue,
        failures: &mut Failures,
    ) {
        let _ = (name, value, failures);
    }

    /// The largest value the `#[dynamo(version)]` field's type holds.
    const VERSION_MAX: u64 = u64::MAX;

    /// Sets the `#[dynamo(version)]` field. Writes call it after the write succeeded.
    fn set_version(&mut self, version: u64) {
        let _ = version;
    }

    /// Sets the `updated_at` field to `now`, and `created_at` when it is unset or `creating`.
    fn stamp(&mut self, now: std::time::SystemTime, creating: bool) {
        let _ = (now, creating);
    }

    /// The actions that keep timestamps through an update expression: `updated_at` to now,
    /// `created_at` to now where the item has none. An attribute `update` already sets is left
    /// to it.
    fn stamp_update(
        update: &crate::expr::Update,
        now: std::time::SystemTime,
    ) -> crate::expr::Update {
        let _ = (update, now);
        crate::expr::Update::new()
    }
}
