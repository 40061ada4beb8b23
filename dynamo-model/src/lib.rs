//! # dynamo-model
//!
//! A typed object-document mapper for Amazon DynamoDB. `#[derive(Model)]` turns a struct into a
//! schema-checked model with keys and a direct, serde-free conversion to and from DynamoDB
//! items; the model's methods run the operations. For tests and examples, the companion crate
//! `dynamo-model-local` serves a local DynamoDB from inside your process for you.
//!
//! ```no_run
//! use dynamo_model::prelude::*;
//!
//! #[derive(Model, Debug, PartialEq)]
//! #[dynamo(table = "cats")]
//! struct Cat {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     name: String,
//!     lives: u8,
//! }
//!
//! # async fn demo() -> Result<(), dynamo_model::Error> {
//! let db = Db::from_env().await; // the standard AWS configuration chain
//! Cat::table().create_if_missing(&db).await?;
//! let mut tom = Cat { id: "c1".into(), name: "Tom".into(), lives: 9 };
//! tom.create(&db).await?;
//! assert_eq!(Cat::get(&db, "c1").await?, Some(tom));
//! Cat::delete(&db, "c1").await?;
//! # Ok(()) }
//! ```
//!
//! The guide in the repository's `docs/` folder walks through each feature.

#![warn(missing_docs)]

pub mod behaviour;
pub mod capacity;
#[cfg(feature = "cli")]
pub mod cli;
pub mod cost;
pub mod db;
pub mod entity;
pub mod error;
pub mod expr;
pub mod index;
pub mod json;
pub mod migrate;
pub mod model;
pub mod operation;
pub mod ops;
pub mod retries;
pub mod schema;
pub mod stream;
pub mod table;
pub mod template;
pub mod value;
pub mod with;

pub use aws_sdk_dynamodb::types::AttributeValue;
pub use behaviour::{Failure, HookError, Hooks, Upgrade, ValidationErrors};
pub use db::Db;
pub use entity::Entity;
pub use error::{Error, SdkFailure};
pub use model::AsyncHooks;
pub use model::{KeyArg, Model, Projection};
pub use operation::Operation;
pub use ops::ModelExt;
pub use ops::relation;
pub use ops::relation::{Ref, Related};
pub use retries::Retries;
pub use schema::{
    EntitySchema, IndexAttributes, IndexKind, IndexSchema, KeyAttribute, KeyScalar, KeyType,
    NoSortKey, PartitionValue, Schema, SchemaVersion, SharedTable,
};
pub use value::{ConversionError, ConversionProblem};

/// Derives [`Projection`] for a struct holding some fields of a model. See [`Projection`].
pub use dynamo_model_derive::Projection;
pub use value::{Binary, Flatten, FromAttribute, Item, ToAttribute};

/// Derives [`Model`] for a struct with named fields. See the [`Model`] trait, [`IndexSchema`]
/// for index declarations, and the guide's `docs/mapping.md` and `docs/schema-errors.md` for
/// every option.
pub use dynamo_model_derive::Model;

/// Derives a collection for an enum whose variants each hold a model of one shared table with
/// the same partition: `CustomerView::query(db, "alice")` reads the partition in one request and
/// gives each item as the variant of its entity. A `#[dynamo(unknown)]` variant holding an
/// [`Item`] keeps items of no member; without one, such an item is an error. See [`entity`].
pub use dynamo_model_derive::Collection;

/// Derives [`SharedTable`] for a unit struct declaring a table several models share: its name,
/// its key attribute names and the attribute holding each item's entity name. See [`entity`].
pub use dynamo_model_derive::SharedTable;

/// Derives [`ToAttribute`] and [`FromAttribute`], so that a type can be a field of a model: a
/// struct with named fields is stored as a map (M), a unit-only enum as a string (S), an enum
/// with data as a map whose tag attribute (`type`, or `tag = "..."`) names the variant.
///
/// ```
/// use dynamo_model::{Attribute, Model};
///
/// #[derive(Attribute, Debug, PartialEq)]
/// struct Address {
///     street: String,
///     zip: u32,
/// }
///
/// #[derive(Attribute, Debug, PartialEq)]
/// enum Mood {
///     Calm,
///     #[dynamo(rename = "grumpy")]
///     Grumpy,
/// }
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     home: Address,        // M: {"street": S, "zip": N}
///     moods: Vec<Mood>,     // L of S: ["Calm", "grumpy"]
/// }
/// ```
pub use dynamo_model_derive::Attribute;

/// The SDK this crate is built on, re-exported so you can name its types without depending on a
/// matching version yourself.
pub use aws_sdk_dynamodb as sdk;

/// What most code using dynamo-model needs: `use dynamo_model::prelude::*;`.
pub mod prelude {
    pub use crate::expr::{AttributePath, Conditions, UpdateActions};
    pub use crate::relation::{PopulateStream, Ref, Related};
    pub use crate::{AsyncHooks, Attribute, Db, Entity, Error, Hooks, Model, ModelExt, Projection};
}

/// What generated code refers to. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::behaviour::HookError;
    pub use crate::behaviour::upgrade::{read_shape, unknown_version, upgrade_step};
    pub use crate::behaviour::validation::child_path;
    pub use crate::behaviour::write::WriteBehaviours;
    pub use crate::behaviour::{
        Counter, Failures, Hooks, TimestampField, ValidateNested, ValidationErrors, Version, probe,
        rules,
    };
    pub use crate::db::Db;
    pub use crate::entity::{
        Entity, SortKeyText, check_entity, check_stored_key, entity_of, unknown_entity,
    };
    pub use crate::expr;
    pub use crate::expr::path::{projected_path, top_level_name};
    pub use crate::index::{
        AllAttributes, Index, IndexByName, MultiKeyIndex, QueryIndex, SomeAttributes,
        index_name_hash,
    };
    pub use crate::model::AsyncHooks;
    pub use crate::model::{KeyArg, Model, Projection};
    pub use crate::ops::ModelExt;
    pub use crate::ops::MultiSort;
    pub use crate::ops::relation::{HasMany, PartitionKeyOnly, RefField, Related, children_of};
    pub use crate::ops::unique::get_by_unique;
    pub use crate::ops::{OpFuture, PartitionCollection, Query, collection_query};
    pub use crate::schema::keys::key_item_of;
    pub use crate::schema::stored_version;
    pub use crate::schema::{
        EntitySchema, FieldSchema, IndexAttributes, IndexKind, IndexSchema, KeyAttribute,
        KeyScalar, KeyTemplate, KeyType, NoSortKey, PartitionValue, Schema, SchemaVersion,
        SharedTable, TtlSeconds, UniqueValue, check_collection_pair, check_distinct_entities,
        check_listed, shared_index, shared_index_sort_key,
    };
    pub use crate::stream::StreamImage;
    pub use crate::template::{KeyPart, KeyText, StoredKey};
    pub use crate::value::ConversionError;
    pub use crate::value::generated::{
        key_attribute, read_converted, read_field, tagged_newtype, take_aliased, write_converted,
        write_field, write_field_or_default,
    };
    pub use crate::value::{Flatten, FromAttribute, Item, ToAttribute};
    pub use crate::with;
    pub use ::aws_sdk_dynamodb::types::AttributeValue;
    pub use ::core;
    #[cfg(feature = "regex")]
    pub use ::regex;
    pub use ::std;
}

/// Compiles the README's and the guide's examples as doctests, so the documentation never
/// shows code that does not build.
#[cfg(doctest)]
mod guide_doctests {
    #[doc = include_str!("../../README.md")]
    struct Readme;
    #[doc = include_str!("../../docs/getting-started.md")]
    struct GettingStarted;
    #[doc = include_str!("../../docs/schema-errors.md")]
    struct SchemaErrors;
    #[doc = include_str!("../../docs/mapping.md")]
    struct Mapping;
    #[doc = include_str!("../../docs/expressions.md")]
    struct Expressions;
    #[doc = include_str!("../../docs/queries.md")]
    struct Queries;
    #[doc = include_str!("../../docs/batches.md")]
    struct Batches;
    #[doc = include_str!("../../docs/transactions.md")]
    struct Transactions;
    #[doc = include_str!("../../docs/tables.md")]
    struct Tables;
    #[doc = include_str!("../../docs/defaults.md")]
    struct Defaults;
    #[doc = include_str!("../../docs/ttl.md")]
    struct Ttl;
    #[doc = include_str!("../../docs/validation.md")]
    struct Validation;
    #[doc = include_str!("../../docs/hooks.md")]
    struct Hooks;
    #[doc = include_str!("../../docs/timestamps.md")]
    struct Timestamps;
    #[doc = include_str!("../../docs/versioning.md")]
    struct Versioning;
    #[doc = include_str!("../../docs/unique.md")]
    struct Unique;
    #[doc = include_str!("../../docs/migrations.md")]
    struct Migrations;
    #[cfg(feature = "infra")]
    #[doc = include_str!("../../docs/infrastructure.md")]
    struct Infrastructure;
    #[doc = include_str!("../../docs/performance.md")]
    struct Performance;
    #[doc = include_str!("../../docs/retries.md")]
    struct Retries;
    #[doc = include_str!("../../docs/single-table.md")]
    struct SingleTable;
    #[doc = include_str!("../../docs/relations.md")]
    struct Relations;
    #[doc = include_str!("../../docs/streams.md")]
    struct Streams;
    #[doc = include_str!("../../docs/lambda.md")]
    struct Lambda;
}
