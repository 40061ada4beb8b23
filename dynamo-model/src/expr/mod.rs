//! Typed expressions: conditions, key conditions, updates and projections built from the typed
//! attribute paths the derive makes, rendered with placeholders.
//!
//! ```
//! use dynamo_model::prelude::*;
//! use dynamo_model::expr::{Update, UpdateActions};
//!
//! #[derive(Model)]
//! struct Cat {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     name: String,
//!     lives: u8,
//!     home: Address,
//! }
//!
//! #[derive(Attribute)]
//! struct Address {
//!     zip: u32,
//! }
//!
//! let f = Cat::fields();
//! let condition = f.lives.between(1, 9) & f.name.begins_with("T") | !f.home.zip.exists();
//! assert_eq!(
//!     condition.build()?.text,
//!     "#n0 BETWEEN :v0 AND :v1 AND begins_with(#n1, :v2) OR NOT attribute_exists(#n2.#n3)"
//! );
//! let update = Update::new().set(&f.home.zip, 12345u32); // only `home.zip` changes
//! assert_eq!(update.build()?.text, "SET #n0.#n1 = :v0");
//! # Ok::<(), dynamo_model::ConversionError>(())
//! ```
//!
//! Mistakes a type can catch do not compile: comparing with a value of another type, `lt` on a
//! boolean, `begins_with` on a number, `add` on a string, `discard` on a list, unsetting a
//! required field, updating a key.

mod condition;
mod key;
pub(crate) mod path;
mod placeholder;
mod projection;
mod typing;
pub(crate) mod update;

pub use condition::{AttributeType, Comparison, Condition, Conditions, MAX_IN_VALUES, Size};
pub use key::{
    KeyCondition, MultiSort, SortCondition, SortKeyCondition, SortKeyPath, SortKeyType, SortParts,
};
pub use path::{
    AttributePath, IndexKeyPath, KeyPath, Navigable, Path, RawPath, Segment, UpdatePath,
};
pub use placeholder::{Expression, Placeholders};
pub(crate) use placeholder::{exists_text, not_exists_text};
pub use projection::ProjectionExpression;
pub use typing::{
    Addable, BeginsWith, Codec, Contains, Custom, HasSize, List, Map, Numeric, Operand, Ordered,
    Removable, Set, ValueOf,
};
pub use update::{Update, UpdateActions};
