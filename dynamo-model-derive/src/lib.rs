//! The `#[derive(Model)]` macro of [dynamo-model](https://docs.rs/dynamo-model). Use it through
//! `dynamo_model::Model`; this crate is an implementation detail.
//!
//! The derive runs in three stages kept apart: `internals::attr` and `internals::ast` parse the
//! struct and its `#[dynamo(...)]` attributes into a model description, `internals::check`
//! applies the schema rules that involve several attributes, and `expand` generates code from
//! the checked description. Every mistake found is reported, each spanned on the offending
//! token, not just the first.

mod dummy;
mod expand;
mod fallback;
mod internals;
#[cfg(test)]
mod snapshots;

use internals::ast::Derive;
use proc_macro::TokenStream;

/// Derives `dynamo_model::Model` for a struct with named fields.
///
/// Struct options: `table = "name"`, `rename_all = "case"`, `global_index(...)`,
/// `local_index(...)`, `hooks`, `timestamps`, `bound = "predicates"`, `crate = "path"`. Field
/// options: `partition_key`, `sort_key`, `rename = "name"`, `skip`, `with = path`, `serde`,
/// `flatten`, `default`/`default = expr`/`default_with = path`/`force_default`, `ttl`,
/// `validate(...)`, `version`, `created_at`, `updated_at`. The guide's
/// `docs/schema-errors.md` describes each.
#[proc_macro_derive(Model, attributes(dynamo))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, Derive::Model).into()
}

/// Derives `dynamo_model::ToAttribute` and `FromAttribute`: a struct with named fields is stored
/// as a map (M), a unit-only enum as a string (S).
///
/// An enum with data is stored as a map whose tag attribute names the variant. Options: on the
/// type `rename_all`, `tag`, `content`, `bound`, `crate`; on fields `rename`, `skip`, `with`,
/// `serde`, `flatten`, defaults, and (on a struct's fields) `validate(...)`; on variants
/// `rename`.
#[proc_macro_derive(Attribute, attributes(dynamo))]
pub fn derive_attribute(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, Derive::Attribute).into()
}

/// Derives `dynamo_model::Projection<M>` for a struct holding some fields of model `M`
/// (`#[dynamo(model = M)]`): each field must be a field of `M` with the same name and type,
/// checked at compile time. Reads request just those attributes, and a missing one is an
/// error, never a default.
#[proc_macro_derive(Projection, attributes(dynamo))]
pub fn derive_projection(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, Derive::Projection).into()
}

/// Derives `dynamo_model::SharedTable` for a unit struct declaring a table that several models
/// share: `#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entity_attribute = "_et")]`.
#[proc_macro_derive(SharedTable, attributes(dynamo))]
pub fn derive_shared_table(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::shared_table::derive(&input).into()
}

/// Derives a collection for an enum of models sharing a partition of one shared table:
/// `CustomerView::query(db, "alice")` reads the partition and gives each item as the variant of
/// its entity; a `#[dynamo(unknown)]` variant holding an `Item` keeps items of no member.
#[proc_macro_derive(Collection, attributes(dynamo))]
pub fn derive_collection(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::collection::derive(&input).into()
}
