//! Asynchronous hooks: code a model awaits around its single-item writes, with the `Db`.

use std::future::Future;

use crate::behaviour::HookError;
use crate::db::Db;
use crate::value::Item;

/// Hooks a model awaits around single-item writes and deletes, given the [`Db`] of the
/// operation: for work that awaits, such as reading another table or calling a service. Every
/// method does nothing by default; implement the ones you need, and mark the model
/// `#[dynamo(async_hooks)]` so that the derive leaves the implementation to you.
///
/// They live apart from [`Hooks`](crate::Hooks), which know nothing of the database and run
/// everywhere: batches and transactions are built synchronously, so they run only `Hooks`.
///
/// ```
/// use dynamo_model::prelude::*;
/// use dynamo_model::{AsyncHooks, HookError};
///
/// #[derive(Model)]
/// #[dynamo(async_hooks)]
/// struct Member {
///     #[dynamo(partition_key)]
///     id: String,
///     team: String,
/// }
///
/// #[derive(Model)]
/// struct Team {
///     #[dynamo(partition_key)]
///     name: String,
/// }
///
/// impl AsyncHooks for Member {
///     async fn before_save_async(&mut self, db: &Db) -> Result<(), HookError> {
///         if Team::get(db, &self.team).await?.is_none() {
///             return Err(format!("no team `{}`", self.team).into());
///         }
///         Ok(())
///     }
/// }
/// ```
pub trait AsyncHooks {
    /// The asynchronous `before_save`, for work that awaits (reading another table, calling a
    /// service). It runs on single-item writes (`put`, `create`) just before `before_save`, and
    /// is given the `Db` of the write. Batches and transactions are built synchronously, so they
    /// run only `before_save`.
    fn before_save_async(&mut self, db: &Db) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = db;
        std::future::ready(Ok(()))
    }

    /// The asynchronous `after_save`: runs after a successful `put` or `create`, just after
    /// `after_save`.
    fn after_save_async(&self, db: &Db) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = db;
        std::future::ready(Ok(()))
    }

    /// The asynchronous `before_delete`: runs on `delete` and `delete_item`, just before
    /// `before_delete`.
    fn before_delete_async(
        key: &Item,
        db: &Db,
    ) -> impl Future<Output = Result<(), HookError>> + Send {
        let _ = (key, db);
        std::future::ready(Ok(()))
    }
}
