//! The operations of a model: [`ModelExt`], whose methods (`get`, `put`, `create`, `update`,
//! `delete`, `query`, `scan`, ...) every model has, and the builders they return.
//!
//! Each builder runs when it is `.await`ed, so options chain before the await:
//! `Cat::get(&db, "c1").consistent_read(true).await`. Each can also show the request it would
//! send without sending it (`.request()`), to check its shape in a test or to send it with the
//! SDK yourself.

#[macro_use]
pub(crate) mod write;
mod batch;
mod collection;
mod cursor;
mod delete;
mod get;
mod model_ext;
mod naming;
mod put;
mod read;
pub mod relation;
mod telemetry;
mod transaction;
mod ttl;
pub(crate) mod unique;
mod update;
pub(crate) mod upgrade;

pub use crate::expr::MultiSort;
pub use batch::{
    BatchGet, BatchGot, BatchWrite, BatchWriteItem, BatchWritten, KeyFailure, MAX_BATCH_GET,
    MAX_BATCH_WRITE, WriteOutcome,
};
pub use collection::{PartitionCollection, collection_query};
pub use cursor::{Cursor, MAX_CURSOR_LEN};
pub use delete::Delete;
pub use get::Get;
pub use model_ext::ModelExt;
pub use put::Put;
pub use read::{Page, Query, Scan};
pub use transaction::{MAX_TRANSACTION_ACTIONS, Transaction, TransactionGet, TransactionItems};

pub use update::UpdateItem;

pub(crate) use batch::{KeyRead, key_fingerprint};
pub(crate) use telemetry::{finish, request_span, send_one};
pub(crate) use ttl::{expired, projection_paths};
pub(crate) use write::{PreparedWrite, build_write, prepare, saved, write_condition, write_error};

use crate::error::Error;
use crate::model::{Model, Projection};
use crate::value::ConversionError;
use crate::value::Item;

pub use crate::error::OpFuture;

/// The input an SDK input builder builds. Every request builder here sets no field the SDK
/// requires at build time (those are checked by the service), so building cannot fail.
pub(crate) fn built<T>(input: Result<T, aws_sdk_dynamodb::error::BuildError>) -> T {
    input.unwrap_or_else(|_| unreachable!("DynamoDB inputs have no fields required at build time"))
}

/// The key a builder holds, taken out to be sent (the builder is being consumed).
pub(crate) fn take_key(key: &mut Result<Item, ConversionError>) -> Result<Item, ConversionError> {
    std::mem::replace(key, Ok(Item::new()))
}

/// The attributes a write returned as they were before it, read as `P`: `None` when there were
/// none (no item was there, or none of the updated attributes existed).
pub(crate) fn load_old<M: Model, P: Projection<M>>(old: Option<Item>) -> Result<Option<P>, Error> {
    match old {
        Some(old) if !old.is_empty() => Ok(Some(load::<M, P>(old)?)),
        _ => Ok(None),
    }
}

/// [`load`] of an item a read returned (a get, query, scan or batch get): a projection of a
/// model with a schema version reads the attributes as stored, so it reads an item of the
/// current version only (the read asked for the stamp too).
pub(crate) fn load_read<M: Model, P: Projection<M>>(item: Item) -> Result<P, Error> {
    if !P::WHOLE
        && let Some(versions) = M::SCHEMA.schema_version
    {
        let stored = versions.of(&item)?;
        if stored != versions.current {
            return Err(Error::Conversion(ConversionError::custom(format!(
                "a projection reads attributes as stored, and this `{}` item is stamped with schema version {stored}, not {}: read the whole item (which upgrades it), or migrate the items",
                M::SCHEMA.name,
                versions.current
            ))));
        }
    }
    load::<M, P>(item)
}

/// Reads a value of `P` from an item of model `M`, and runs the model's `after_load` hook.
pub(crate) fn load<M: Model, P: Projection<M>>(item: Item) -> Result<P, Error> {
    let mut value = P::from_projection(item)?;
    P::after_load(&mut value).map_err(|e| Error::hook::<M>("after_load", e))?;
    Ok(value)
}
