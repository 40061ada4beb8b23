//! The attributes the library writes itself: TTL, version, timestamps.

use super::*;

/// One TTL attribute per table, stored, and not a key.
pub(super) fn check_ttl(cx: &Ctxt, cont: &Container) {
    let mut seen = false;
    for field in cont.fields() {
        let Some(word) = &field.attrs.ttl else {
            continue;
        };
        if seen {
            cx.error_spanned_by(
                word,
                "a table has one time to live attribute; another field is already #[dynamo(ttl)]",
            );
        }
        seen = true;
        let attrs = &field.attrs;
        if attrs.partition_key.is_some() || attrs.sort_key.is_some() {
            cx.error_spanned_by(word, "a key cannot be the time to live attribute");
        } else if !field.is_stored() {
            cx.error_spanned_by(
                word,
                "the time to live attribute must be stored: it cannot be skipped or flattened",
            );
        } else if attrs.serde.is_some() {
            cx.error_spanned_by(word, "the time to live attribute holds epoch seconds: use an integer field, or `with = dynamo_model::with::epoch_seconds`");
        }
    }
}

/// The behaviour options of a field that hold a value the library writes itself (`version`,
/// `created_at`, `updated_at`): one field each, stored by its own type, not a key, no default.
fn check_written_by_library(cx: &Ctxt, field: &Field, word: &syn::Path, what: &str) {
    let attrs = &field.attrs;
    let conflict = if attrs.partition_key.is_some() || attrs.sort_key.is_some() {
        Some(format!("a key cannot be {what}"))
    } else if !field.is_stored() {
        Some(format!(
            "{what} must be stored: it cannot be skipped or flattened"
        ))
    } else if attrs.default.is_some() {
        Some(format!(
            "{what} is written by every save, so it takes no default"
        ))
    } else if attrs.serde.is_some() {
        Some(format!(
            "{what} is stored by its own type; `serde` does not apply"
        ))
    } else {
        None
    };
    if let Some(message) = conflict {
        cx.error_spanned_by(word, message);
    }
}

/// One version attribute, an integer stored by its own type.
pub(super) fn check_version(cx: &Ctxt, cont: &Container) {
    let mut seen = false;
    for field in cont.fields() {
        let Some(word) = &field.attrs.version else {
            continue;
        };
        if seen {
            cx.error_spanned_by(
                word,
                "a model has one version attribute; another field is already #[dynamo(version)]",
            );
        }
        seen = true;
        check_written_by_library(cx, field, word, "the version attribute");
        if let Some((with, _)) = &field.attrs.with {
            cx.error_spanned_by(
                with,
                "the version attribute is a number DynamoDB adds to; `with` does not apply",
            );
        }
    }
}

/// A counter is a number of the item itself: not a key, not an attribute the library writes,
/// stored by its own type.
pub(super) fn check_counters(cx: &Ctxt, cont: &Container) {
    for field in cont.fields() {
        let Some(word) = &field.attrs.counter else {
            continue;
        };
        let attrs = &field.attrs;
        let conflict = if attrs.partition_key.is_some() || attrs.sort_key.is_some() {
            "a key cannot be a counter: DynamoDB does not update keys"
        } else if attrs.version.is_some()
            || attrs.created_at.is_some()
            || attrs.updated_at.is_some()
            || attrs.ttl.is_some()
        {
            "a counter is a number of the item itself, not one the library writes (`version`, `created_at`, `updated_at`, `ttl`)"
        } else if !field.is_stored() {
            "a counter must be stored: it cannot be skipped or flattened"
        } else if attrs.serde.is_some() || attrs.with.is_some() {
            "a counter is a number DynamoDB adds to, stored by its own type: `serde` and `with` do not apply"
        } else {
            continue;
        };
        cx.error_spanned_by(word, conflict);
    }
}

/// A unique attribute is stored, not a key (a key is unique already) and not written by the
/// library; at most three per model, since each write of one is a transaction with a marker
/// item per unique attribute.
pub(super) fn check_uniques(cx: &Ctxt, cont: &Container) {
    let mut count = 0;
    for field in cont.fields() {
        let Some(word) = &field.attrs.unique else {
            continue;
        };
        count += 1;
        let attrs = &field.attrs;
        let conflict = if field.is_key() {
            Some("a key is unique already: no two items have one key")
        } else if attrs.version.is_some()
            || attrs.counter.is_some()
            || attrs.created_at.is_some()
            || attrs.updated_at.is_some()
            || attrs.ttl.is_some()
        {
            Some(
                "a unique attribute holds a value of the item's own, not a number or time the library writes",
            )
        } else if !field.is_stored() {
            Some("a unique attribute must be stored: it cannot be skipped or flattened")
        } else if attrs.serde.is_some() || attrs.with.is_some() {
            Some(
                "a unique attribute is stored by its own type, as its marker item and `get_by_` read it: `serde` and `with` do not apply",
            )
        } else {
            None
        };
        if let Some(message) = conflict {
            cx.error_spanned_by(word, message);
        }
        if count == 4 {
            cx.error_spanned_by(
                word,
                "a model has at most three unique attributes: each is a marker item written in the same transaction",
            );
        }
    }
}

/// At most one `created_at` and one `updated_at`; `timestamps` needs both fields to exist.
pub(super) fn check_timestamps(cx: &Ctxt, cont: &Container) {
    for (marked, name) in [
        (
            (|f: &Field| f.attrs.created_at.clone()) as fn(&Field) -> Option<syn::Path>,
            "created_at",
        ),
        (|f: &Field| f.attrs.updated_at.clone(), "updated_at"),
    ] {
        let mut seen = false;
        for field in cont.fields() {
            let Some(word) = marked(field) else {
                continue;
            };
            if seen {
                cx.error_spanned_by(
                    &word,
                    format!("a model has one `{name}` attribute; another field is already #[dynamo({name})]"),
                );
            }
            seen = true;
            check_written_by_library(cx, field, &word, &format!("the `{name}` attribute"));
            if name == "updated_at" && (field.is_key() || field.is_index_key()) {
                cx.error_spanned_by(
                    &word,
                    "`updated_at` changes with every write, so it cannot be a part of a key template, which never changes: key by `created_at` instead",
                );
            }
        }
        if let (Some(timestamps), false) = (&cont.attrs.timestamps, seen) {
            match cont.fields().iter().find(|f| f.ident == name) {
                Some(field) => {
                    check_written_by_library(cx, field, timestamps, &format!("the `{name}` attribute"));
                }
                None => cx.error_spanned_by(
                    timestamps,
                    format!("`timestamps` needs a field `{name}` (a time, or epoch seconds), or a field marked #[dynamo({name})]"),
                ),
            }
        }
    }
}
