//! Schema versions: a model that declares `#[dynamo(schema_version = N)]` stamps every item it
//! writes whole with `N`, and reads an item stamped with an earlier version as that version's
//! shape, upgraded step by step ([`Upgrade`]) to the model. Items without a stamp are version 1.
//!
//! An update changes attributes of the current shape, so it applies only to an item at the
//! current version: an update that finds an older item upgrades it first (written back on the
//! condition that its stamp is unchanged) and then applies. See `docs/migrations.md`.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::expr::Placeholders;
use crate::schema::SchemaVersion;
use crate::value::{ConversionError, Item};

/// One step of a model's chain of shapes: version `n`'s type turns into version `n + 1`'s (the
/// last step into the model itself).
///
/// ```
/// use dynamo_model::prelude::*;
/// use dynamo_model::Upgrade;
///
/// /// Version 1: one `name`.
/// #[derive(Attribute)]
/// struct UserV1 {
///     id: String,
///     name: String,
/// }
///
/// #[derive(Model)]
/// #[dynamo(table = "users", schema_version = 2, old_shapes(1 = UserV1))]
/// struct User {
///     #[dynamo(partition_key)]
///     id: String,
///     first: String,
///     last: String,
/// }
///
/// impl Upgrade for UserV1 {
///     type Next = User;
///     fn upgrade(self) -> User {
///         let (first, last) = self.name.split_once(' ').unwrap_or((&self.name, ""));
///         User { id: self.id, first: first.to_owned(), last: last.to_owned() }
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no upgrade to the next schema version",
    label = "an item of this shape must become the next version's",
    note = "implement `dynamo_model::Upgrade` for `{Self}`: `type Next = <the next version's type>; fn upgrade(self) -> Self::Next`"
)]
pub trait Upgrade {
    /// The next version's shape (the model itself for the last earlier version).
    type Next;

    /// This item in the next version's shape.
    fn upgrade(self) -> Self::Next;
}

/// The condition that the stored item's stamp is `version`: `attribute_not_exists(#sv) OR
/// #sv = :1` for version 1 (stamped or not), `#sv = :n` otherwise.
pub(crate) fn stamp_condition(
    versions: &SchemaVersion,
    version: u32,
    placeholders: &mut Placeholders,
) -> String {
    let mut equal = String::new();
    placeholders.name(versions.attribute, &mut equal);
    equal.push_str(" = ");
    placeholders.value(SchemaVersion::stamp(version), &mut equal);
    if version != 1 {
        return equal;
    }
    let missing = crate::expr::not_exists_text(versions.attribute, placeholders);
    format!("({missing} OR {equal})")
}

/// Generated code's one step of the chain: `shape` in the next version's shape.
#[inline(always)]
pub fn upgrade_step<From: Upgrade<Next = To>, To>(shape: From) -> To {
    shape.upgrade()
}

/// Reads `item` as the old shape `S` (a `#[derive(Attribute)]` struct), naming the version in
/// any error.
pub fn read_shape<S: crate::value::FromAttribute>(
    item: Item,
    model: &str,
    version: u32,
) -> Result<S, ConversionError> {
    S::from_attribute(AttributeValue::M(item)).map_err(|e| {
        ConversionError::custom(format!(
            "read as version {version} of `{model}`: {}",
            e.problem()
        ))
        .at_path(e.path())
    })
}

/// The error for an item stamped with a version this model does not know: newer than the
/// model (written by newer code), or one without a shape.
pub fn unknown_version(model: &str, stored: u32, current: u32) -> ConversionError {
    let why = if stored > current {
        format!(
            "it is stamped with schema version {stored}, newer than this build of `{model}` (version {current}): it was written by newer code, which must run here too"
        )
    } else {
        format!(
            "it is stamped with schema version {stored}, which `{model}` (version {current}) has no shape for"
        )
    };
    ConversionError::custom(why)
}
