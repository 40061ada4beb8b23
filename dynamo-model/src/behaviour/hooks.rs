//! Hooks: code a model runs around its writes and reads.

use super::Failures;
use crate::value::Item;

/// The error a hook returns: any error type, boxed. A hook error aborts the operation; it is
/// the source of the [`Error::Hook`](crate::Error::Hook) the operation fails with.
pub type HookError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Code a model runs around its writes and reads. Every method does nothing by default;
/// implement the ones you need, and mark the model `#[dynamo(hooks)]` so that the derive
/// leaves the implementation to you (without the mark it writes an empty one).
///
/// ```
/// use dynamo_model::{HookError, Hooks};
/// use dynamo_model::Model;
///
/// #[derive(Model)]
/// #[dynamo(hooks)]
/// struct User {
///     #[dynamo(partition_key)]
///     id: String,
///     email: String,
/// }
///
/// impl Hooks for User {
///     fn before_save(&mut self) -> Result<(), HookError> {
///         self.email = self.email.trim().to_lowercase();
///         if !self.email.contains('@') {
///             return Err(format!("`{}` is not an email address", self.email).into());
///         }
///         Ok(())
///     }
/// }
/// ```
///
/// The four hooks are synchronous and know nothing of the database, so that they run the same
/// way in single writes, batches and transactions and on every item a query returns.
/// Single-item writes and deletes also await [`AsyncHooks`](crate::AsyncHooks), which are
/// given the `Db` to do asynchronous work with.
pub trait Hooks {
    /// Runs before each write of the whole model (put, create, batch put, transaction put),
    /// before timestamps and validation. It may change the model; what it leaves is written.
    fn before_save(&mut self) -> Result<(), HookError> {
        Ok(())
    }

    /// Runs after a put or create succeeded, after a transaction holding a put of the model
    /// committed, and for each put of a batch that DynamoDB applied. An error here is
    /// returned, but the write has happened.
    fn after_save(&self) -> Result<(), HookError> {
        Ok(())
    }

    /// Runs on every model read from the table as a whole model: get, query, scan, batch get,
    /// transaction get, and the item an update or a put returns. (A
    /// [`Projection`](crate::Projection) is not the model, so it does not run.)
    fn after_load(&mut self) -> Result<(), HookError> {
        Ok(())
    }

    /// Rules across fields (an end after a start, one of two fields set): runs wherever the
    /// field rules run (every write of the whole model, and [`Model::validate`](crate::Model::validate)),
    /// after them, and records each broken rule with [`Failures::add`]. Its failures come back
    /// with the field rules' in one [`Error::Validation`](crate::Error::Validation). Updates
    /// do not run it: they do not hold the whole model.
    ///
    /// ```
    /// use dynamo_model::behaviour::Failures;
    /// use dynamo_model::{Hooks, Model};
    ///
    /// #[derive(Model)]
    /// #[dynamo(hooks)]
    /// struct Booking {
    ///     #[dynamo(partition_key)]
    ///     id: String,
    ///     from_day: u32,
    ///     to_day: u32,
    /// }
    ///
    /// impl Hooks for Booking {
    ///     fn validate_model(&self, failures: &mut Failures) {
    ///         if self.to_day < self.from_day {
    ///             failures.add("to_day", "after_from_day", "the stay ends before it starts");
    ///         }
    ///     }
    /// }
    ///
    /// let error = Booking { id: "b".into(), from_day: 5, to_day: 3 }.validate().unwrap_err();
    /// assert_eq!(error.failures[0].rule, "after_from_day");
    /// ```
    ///
    /// A hook may also refuse a write with validation failures of its own: return a
    /// [`ValidationErrors`](crate::ValidationErrors) as its error, and the write fails with
    /// `Error::Validation` rather than `Error::Hook`.
    fn validate_model(&self, failures: &mut Failures) {
        let _ = failures;
    }

    /// Runs before a delete of the item with this key (single, batch or transaction delete).
    fn before_delete(key: &Item) -> Result<(), HookError> {
        let _ = key;
        Ok(())
    }
}
