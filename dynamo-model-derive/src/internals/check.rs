//! Schema rules that involve more than one attribute: one hash key, at most one range key,
//! unique stored names, a valid table name.

use std::collections::HashMap;

use super::ast::{Body, Container, Derive};
use super::ctxt::Ctxt;

/// Reports every rule the derived type breaks.
pub fn check(cx: &Ctxt, cont: &Container, derive: Derive) {
    if derive == Derive::Model {
        check_keys(cx, cont);
        check_table_name(cx, cont);
    }
    check_stored_names(cx, cont);
    check_variant_names(cx, cont);
    check_skipped(cx, cont);
}

/// A skipped field is not stored: it cannot be a key, and renaming it means nothing.
fn check_skipped(cx: &Ctxt, cont: &Container) {
    for field in cont.fields() {
        let Some(skip) = &field.attrs.skip else {
            continue;
        };
        if field.attrs.hash_key.is_some() || field.attrs.range_key.is_some() {
            cx.error_spanned_by(
                skip,
                "a key field cannot be skipped: every item stores its key",
            );
        }
        if field.attrs.rename.is_some() {
            cx.error_spanned_by(
                skip,
                "a skipped field is not stored, so `rename` has no effect on it",
            );
        }
    }
}

fn check_keys(cx: &Ctxt, cont: &Container) {
    let hash_keys: Vec<_> = cont
        .fields()
        .iter()
        .filter_map(|f| f.attrs.hash_key.as_ref())
        .collect();
    match hash_keys.as_slice() {
        [] => cx.error_spanned_by(
            cont.ident,
            "a model needs a hash key: mark one field with #[dynamo(hash_key)]",
        ),
        [_] => {}
        [_, extra @ ..] => {
            for word in extra {
                cx.error_spanned_by(
                    word,
                    "a model has exactly one hash key; another field is already #[dynamo(hash_key)]",
                );
            }
        }
    }
    let range_keys = cont
        .fields()
        .iter()
        .filter_map(|f| f.attrs.range_key.as_ref());
    for word in range_keys.skip(1) {
        cx.error_spanned_by(
            word,
            "a model has at most one range key; another field is already #[dynamo(range_key)]",
        );
    }
    for field in cont.fields() {
        if let (Some(_), Some(range)) = (&field.attrs.hash_key, &field.attrs.range_key) {
            cx.error_spanned_by(
                range,
                "a field cannot be both the hash key and the range key",
            );
        }
    }
}

fn check_stored_names(cx: &Ctxt, cont: &Container) {
    let fields = cont
        .fields()
        .iter()
        .filter(|f| f.is_stored())
        .map(|f| (f.stored_name(), f.ident, f.attrs.rename.as_ref()));
    check_unique(cx, fields, "fields are stored as attribute");
}

fn check_variant_names(cx: &Ctxt, cont: &Container) {
    if let Body::UnitEnum(variants) = &cont.body {
        let variants = variants
            .iter()
            .map(|v| (v.stored_name(), v.ident, v.attrs.rename.as_ref()));
        check_unique(cx, variants, "variants are stored as");
    }
}

/// Reports each later member stored under a name an earlier one already has, spanned on its
/// `rename` if it has one, else on its name.
fn check_unique<'a>(
    cx: &Ctxt,
    members: impl Iterator<Item = (String, &'a syn::Ident, Option<&'a syn::LitStr>)>,
    stored_as: &str,
) {
    let mut seen: HashMap<String, &syn::Ident> = HashMap::new();
    for (name, ident, rename) in members {
        if let Some(first) = seen.get(&name) {
            let message = format!("two {stored_as} `{name}`: `{first}` and `{ident}`");
            match rename {
                Some(rename) => cx.error_spanned_by(rename, message),
                None => cx.error_spanned_by(ident, message),
            }
        } else {
            seen.insert(name, ident);
        }
    }
}

/// DynamoDB table names are 3 to 255 characters of `a-z A-Z 0-9 _ . -`.
fn check_table_name(cx: &Ctxt, cont: &Container) {
    let name = cont.table_name();
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if (3..=255).contains(&name.len()) && valid_chars {
        return;
    }
    let message = format!(
        "invalid DynamoDB table name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"
    );
    match &cont.attrs.table {
        Some(table) => cx.error_spanned_by(table, message),
        None => cx.error_spanned_by(cont.ident, message),
    }
}
