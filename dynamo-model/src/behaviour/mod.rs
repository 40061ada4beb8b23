//! What a model does around its writes and reads, besides converting itself: validation rules,
//! hooks, timestamps, optimistic locking and the counters beside it, and schema versions
//! (reading old shapes of an item). (Defaults and time to live are options of the
//! fields; see `docs/defaults.md` and `docs/ttl.md`.)
//!
//! A write runs the behaviours in one fixed order, on every path that writes a whole model
//! (`put`, `create`, batch puts and transaction puts):
//!
//! 0. on a single `put` or `create`, the `before_save_async` hook,
//! 1. defaults fill `None` fields that have one (while the item is built, step 5),
//! 2. the `before_save` hook, which may change the model,
//! 3. timestamps: `updated_at` becomes now, `created_at` too when it is unset or the write
//!    creates the item,
//! 4. validation: every rule of every field, all failures reported together in one
//!    [`Error::Validation`](crate::Error::Validation); nothing is sent when one fails,
//! 5. the item is built and written; a versioned model's write carries its version condition,
//! 6. on success the model's version becomes the one written, and `after_save` runs (then, on a
//!    single `put` or `create`, `after_save_async`).

mod counter;
mod hooks;
mod timestamps;
pub(crate) mod upgrade;
pub(crate) mod validation;
pub(crate) mod version;
pub(crate) mod write;

pub use counter::Counter;
pub use hooks::{HookError, Hooks};
pub use timestamps::TimestampField;
pub use upgrade::Upgrade;
pub use validation::{Failure, Failures, ValidateNested, ValidationErrors, probe, rules};
pub use version::Version;
