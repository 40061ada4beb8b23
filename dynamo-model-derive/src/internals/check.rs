//! Schema rules that involve more than one attribute: one hash key, at most one range key,
//! unique stored names, a valid table name.

use std::collections::HashMap;

use super::ast::{Body, Container, Derive, Field, Style};
use super::attr::{IndexAttr, IndexKind, ProjectionAttr, RuleKind};
use super::ctxt::Ctxt;
use super::index::{self, Index};

/// DynamoDB allows at most this many global secondary indexes on a table.
const MAX_GLOBAL_INDEXES: usize = 20;
/// DynamoDB allows at most this many local secondary indexes on a table.
const MAX_LOCAL_INDEXES: usize = 5;

/// Reports every rule the derived type breaks, and gives a model's indexes resolved (complete
/// when nothing was reported).
pub fn check<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>, derive: Derive) -> Vec<Index<'c, 'a>> {
    if derive == Derive::Projection {
        check_projection(cx, cont);
        return Vec::new();
    }
    let mut indexes = Vec::new();
    if derive == Derive::Model {
        check_ttl(cx, cont);
        check_version(cx, cont);
        check_timestamps(cx, cont);
        check_keys(cx, cont);
        check_table_name(cx, cont);
        indexes = check_indexes(cx, cont);
    }
    check_enum_options(cx, cont);
    match &cont.body {
        Body::Struct(fields) => check_fields(cx, fields, None),
        Body::Enum(variants) => {
            check_variant_names(cx, cont);
            check_no_variant_rules(cx, variants);
            let tag = cont.is_tagged_enum() && cont.attrs.content.is_none();
            let tag_name = cont.tag_name();
            for variant in variants {
                if let Style::Struct(fields) = &variant.style {
                    check_fields(cx, fields, tag.then_some(tag_name.as_str()));
                }
            }
        }
    }
    indexes
}

/// The rules on one set of fields stored together in one map.
fn check_fields(cx: &Ctxt, fields: &[Field], tag: Option<&str>) {
    check_stored_names(cx, fields, tag);
    check_skipped(cx, fields);
    check_conversions(cx, fields);
    check_flatten(cx, fields);
    check_defaults(cx, fields);
    check_rules(cx, fields);
}

/// `tag` and `content` describe how an enum is stored; they mean nothing on a struct.
fn check_enum_options(cx: &Ctxt, cont: &Container) {
    if let Body::Struct(_) = cont.body {
        for option in [&cont.attrs.tag, &cont.attrs.content].into_iter().flatten() {
            cx.error_spanned_by(
                option,
                "`tag` and `content` describe how an enum's variants are stored; a struct has no variants",
            );
        }
    }
}

/// A skipped field is not stored: it cannot be a key, and renaming it means nothing.
fn check_skipped(cx: &Ctxt, fields: &[Field]) {
    for field in fields {
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
        if field.attrs.with.is_some() || field.attrs.serde.is_some() {
            cx.error_spanned_by(
                skip,
                "a skipped field is not stored, so `with` or `serde` has no effect on it",
            );
        }
    }
}

/// `with` and `serde` each replace the field type's own conversion: one at a time, and never on
/// a key, whose conversion is fixed by its type.
fn check_conversions(cx: &Ctxt, fields: &[Field]) {
    for field in fields {
        let attrs = &field.attrs;
        if let (Some(_), Some(serde)) = (&attrs.with, &attrs.serde) {
            cx.error_spanned_by(
                serde,
                "`serde` and `with` both choose how this field is converted; keep one",
            );
        }
        let custom = attrs
            .with
            .as_ref()
            .map(|(word, _)| word)
            .or(attrs.serde.as_ref());
        if let (Some(word), true) = (
            custom,
            attrs.hash_key.is_some() || attrs.range_key.is_some(),
        ) {
            cx.error_spanned_by(
                word,
                "a key attribute is stored by its own type (S, N or B); `with` and `serde` cannot change a key's conversion",
            );
        }
    }
}

/// A default fills an absent attribute: a key is never absent, a skipped or flattened field has
/// no attribute, and a `with`/`serde` field's absent value is its conversion's business.
fn check_defaults(cx: &Ctxt, fields: &[Field]) {
    for field in fields {
        let attrs = &field.attrs;
        if let (Some(force), None) = (&attrs.force_default, &attrs.default) {
            cx.error_spanned_by(
                force,
                "`force_default` needs a default to write: add `default = ...`",
            );
        }
        let Some((word, _)) = &attrs.default else {
            continue;
        };
        let conflict = if attrs.hash_key.is_some() || attrs.range_key.is_some() {
            Some("a key attribute is in every item, so it has no default")
        } else if attrs.skip.is_some() {
            Some("a skipped field reads as `Default::default()` already; `default` does not apply")
        } else if attrs.flatten.is_some() {
            Some("a flattened map has no attribute of its own to default")
        } else if attrs.with.is_some() || attrs.serde.is_some() {
            Some(
                "a `with` or `serde` field reads an absent attribute through its own conversion; give the default there",
            )
        } else {
            None
        };
        if let Some(message) = conflict {
            cx.error_spanned_by(word, message);
        }
    }
}

/// One `flatten` map per document, holding what no other field names; it has no name of its own.
fn check_flatten(cx: &Ctxt, fields: &[Field]) {
    let mut seen = false;
    for field in fields {
        let Some(flatten) = &field.attrs.flatten else {
            continue;
        };
        if seen {
            cx.error_spanned_by(
                flatten,
                "only one field can be `flatten`: it receives every attribute no other field names",
            );
        }
        seen = true;
        let attrs = &field.attrs;
        let conflict = if attrs.hash_key.is_some() || attrs.range_key.is_some() {
            Some("a key is one attribute, not a map of them")
        } else if attrs.rename.is_some() {
            Some("a flattened map has no attribute name of its own, so `rename` means nothing")
        } else if attrs.skip.is_some() {
            Some("a field is either flattened into the item or skipped, not both")
        } else if attrs.with.is_some() || attrs.serde.is_some() {
            Some(
                "a flattened map holds DynamoDB attributes as they are; `with` and `serde` do not apply",
            )
        } else {
            None
        };
        if let Some(message) = conflict {
            cx.error_spanned_by(flatten, message);
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

fn check_stored_names(cx: &Ctxt, fields: &[Field], tag: Option<&str>) {
    let stored = fields
        .iter()
        .filter(|f| f.is_stored())
        .map(|f| (f.stored_name(), f.ident, f.attrs.rename.as_ref()));
    check_unique(cx, stored, "fields are stored as attribute");
    let Some(tag) = tag else { return };
    for field in fields.iter().filter(|f| f.is_stored()) {
        if field.stored_name() == tag {
            let message = format!(
                "`{}` is stored as `{tag}`, the enum's tag attribute: rename the field, or choose another `tag`",
                field.ident
            );
            match &field.attrs.rename {
                Some(rename) => cx.error_spanned_by(rename, message),
                None => cx.error_spanned_by(field.ident, message),
            }
        }
    }
}

fn check_variant_names(cx: &Ctxt, cont: &Container) {
    if let Body::Enum(variants) = &cont.body {
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
    if is_valid_name(&name) {
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

/// Index declarations: names, key fields, projections and DynamoDB's limits; gives the indexes
/// whose names all resolved.
fn check_indexes<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>) -> Vec<Index<'c, 'a>> {
    let mut resolved = Vec::new();
    let mut names: HashMap<String, ()> = HashMap::new();
    let mut members: HashMap<String, String> = HashMap::new();
    for name in cont.attrs.indexes.iter().filter_map(|i| i.name.as_ref()) {
        let member = index::member(&name.value()).to_string();
        if let Some(first) = members.get(&member) {
            if *first != name.value() {
                cx.error_spanned_by(
                    name,
                    format!(
                        "indexes `{first}` and `{}` would both be `indexes().{member}`; rename one",
                        name.value()
                    ),
                );
            }
        } else {
            members.insert(member, name.value());
        }
    }
    let (mut globals, mut locals) = (0, 0);
    for index in &cont.attrs.indexes {
        if let Some(name) = &index.name {
            check_index_name(cx, name);
            if names.insert(name.value(), ()).is_some() {
                cx.error_spanned_by(
                    name,
                    format!(
                        "two indexes are named `{}`; index names are unique in a table",
                        name.value()
                    ),
                );
            }
        }
        let count = match index.kind {
            IndexKind::Global => {
                globals += 1;
                (globals, MAX_GLOBAL_INDEXES, "global")
            }
            IndexKind::Local => {
                locals += 1;
                (locals, MAX_LOCAL_INDEXES, "local")
            }
        };
        if count.0 == count.1 + 1 {
            cx.error_spanned_by(
                &index.word,
                format!(
                    "DynamoDB allows at most {} {} indexes on a table",
                    count.1, count.2
                ),
            );
        }
        let hash = index
            .hash
            .as_ref()
            .and_then(|hash| index_field(cx, cont, hash));
        let range = index
            .range
            .as_ref()
            .and_then(|range| index_field(cx, cont, range));
        if let (Some(hash), Some(range), Some(lit)) = (hash, range, &index.range)
            && hash.ident == range.ident
        {
            cx.error_spanned_by(
                lit,
                "an index's hash key and range key must be two different fields",
            );
        }
        if index.kind == IndexKind::Local {
            check_local_index(cx, cont, index, hash);
        }
        let mut include = Vec::new();
        if let ProjectionAttr::Include(fields) = &index.projection {
            for lit in fields {
                let Some(field) = index_field(cx, cont, lit) else {
                    continue;
                };
                include.push(field);
                let is_key = field.attrs.hash_key.is_some()
                    || field.attrs.range_key.is_some()
                    || [hash, range]
                        .into_iter()
                        .flatten()
                        .any(|k| k.ident == field.ident);
                if is_key {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "`{}` is a key, and every index projects its keys already",
                            lit.value()
                        ),
                    );
                }
            }
        }
        // A local index may leave its hash key unnamed: it is the table's.
        let hash = match (hash, &index.hash, index.kind) {
            (Some(field), Some(lit), _) => Some((field, Some(lit))),
            (None, None, IndexKind::Local) => cont.hash_key().map(|field| (field, None)),
            _ => None,
        };
        let range = match (range, &index.range) {
            (Some(field), Some(lit)) => Some(Some((field, lit))),
            (None, None) => Some(None),
            _ => None,
        };
        if let (Some(name), Some(hash), Some(range)) = (&index.name, hash, range) {
            resolved.push(Index {
                attr: index,
                name,
                member: index::member(&name.value()),
                hash,
                range,
                include,
            });
        }
    }
    resolved
}

/// A local index shares the table's hash key and needs the table to have a range key.
fn check_local_index(cx: &Ctxt, cont: &Container, index: &IndexAttr, hash: Option<&Field>) {
    if cont.range_key().is_none() {
        cx.error_spanned_by(
            &index.word,
            "a local index sorts the items of one partition another way, so the table needs a range key: add #[dynamo(range_key)] to a field, or make this a global_index",
        );
    }
    if let (Some(hash), Some(table_hash), Some(lit)) = (hash, cont.hash_key(), &index.hash)
        && hash.ident != table_hash.ident
    {
        cx.error_spanned_by(
                lit,
                format!(
                    "a local index always uses the table's hash key `{}`; for another hash key use a global_index",
                    table_hash.ident
                ),
            );
    }
}

/// The stored field an index names (by its Rust name), or an error on the name.
fn index_field<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    lit: &syn::LitStr,
) -> Option<&'c Field<'a>> {
    let wanted = lit.value();
    let found = cont.fields().iter().find(|f| f.ident == wanted.as_str());
    match found {
        Some(field) if field.is_stored() => Some(field),
        Some(_) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "field `{wanted}` is not stored (skip or flatten), so an index cannot use it"
                ),
            );
            None
        }
        None => {
            let by_stored = cont.fields().iter().find(|f| f.stored_name() == wanted);
            let hint = match by_stored {
                Some(field) => format!(
                    "; `{wanted}` is the stored name of field `{}`: indexes name Rust fields",
                    field.ident
                ),
                None => {
                    let known: Vec<String> =
                        cont.fields().iter().map(|f| f.ident.to_string()).collect();
                    match super::attr::closest(&wanted, known.iter().map(String::as_str)) {
                        Some(close) => format!("; did you mean `{close}`?"),
                        None => String::new(),
                    }
                }
            };
            cx.error_spanned_by(
                lit,
                format!("no field `{wanted}` in `{}`{hint}", cont.ident),
            );
            None
        }
    }
}

/// DynamoDB index names are 3 to 255 characters of `a-z A-Z 0-9 _ . -`, like table names.
fn check_index_name(cx: &Ctxt, name: &syn::LitStr) {
    let value = name.value();
    if !is_valid_name(&value) {
        cx.error_spanned_by(
            name,
            format!("invalid DynamoDB index name `{value}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"),
        );
    }
}

/// The naming rule DynamoDB applies to tables and indexes.
fn is_valid_name(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A projection names a model and mirrors some of its fields, by name and type; how a field is
/// stored is the model's business, so no storage option applies here.
fn check_projection(cx: &Ctxt, cont: &Container) {
    if cont.attrs.model.is_none() {
        cx.error_spanned_by(
            cont.ident,
            "a projection needs its model: write #[dynamo(model = MyModel)]",
        );
    }
    let attrs = &cont.attrs;
    for option in [&attrs.tag, &attrs.content].into_iter().flatten() {
        cx.error_spanned_by(
            option,
            "`tag` and `content` describe enums; a projection is a struct",
        );
    }
    if attrs.rename_all.is_some() {
        cx.error_spanned_by(
            cont.ident,
            "a projection reads the model's attributes under the model's names, so `rename_all` does not apply",
        );
    }
    for field in cont.fields() {
        let a = &field.attrs;
        let words = [
            a.rename.as_ref().map(|_| "rename"),
            a.skip.as_ref().map(|_| "skip"),
            a.with.as_ref().map(|_| "with"),
            a.serde.as_ref().map(|_| "serde"),
            a.flatten.as_ref().map(|_| "flatten"),
            a.rules.first().map(|_| "validate"),
        ];
        for word in words.into_iter().flatten() {
            cx.error_spanned_by(
                field.ident,
                format!("a projection field reads the model's field of the same name as the model stores it, so `{word}` does not apply"),
            );
        }
    }
}

/// One TTL attribute per table, stored, and not a key.
fn check_ttl(cx: &Ctxt, cont: &Container) {
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
        if attrs.hash_key.is_some() || attrs.range_key.is_some() {
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
    let conflict = if attrs.hash_key.is_some() || attrs.range_key.is_some() {
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
fn check_version(cx: &Ctxt, cont: &Container) {
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

/// At most one `created_at` and one `updated_at`; `timestamps` needs both fields to exist.
fn check_timestamps(cx: &Ctxt, cont: &Container) {
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

/// Rules check a value that is written: not a skipped or flattened field's.
fn check_rules(cx: &Ctxt, fields: &[Field]) {
    for field in fields {
        let Some(rule) = field.attrs.rules.first() else {
            continue;
        };
        if !field.is_stored() {
            cx.error_spanned_by(
                &rule.word,
                "a skipped or flattened field is not written as an attribute, so it has no rules to check",
            );
        }
        for rule in &field.attrs.rules {
            if let RuleKind::Regex(pattern) = &rule.kind {
                check_pattern(cx, pattern);
            }
        }
    }
}

#[cfg(feature = "regex")]
fn check_pattern(cx: &Ctxt, pattern: &syn::LitStr) {
    if let Err(error) = regex_syntax::Parser::new().parse(&pattern.value()) {
        cx.error_spanned_by(pattern, format!("invalid regular expression: {error}"));
    }
}

#[cfg(not(feature = "regex"))]
fn check_pattern(cx: &Ctxt, pattern: &syn::LitStr) {
    cx.error_spanned_by(
        pattern,
        "the `regex` rule needs the `regex` feature of dynamo-model: add `features = [\"regex\"]` to its dependency",
    );
}

/// A variant's fields are read and written with the enum; their rules are not checked yet.
fn check_no_variant_rules(cx: &Ctxt, variants: &[super::ast::Variant]) {
    for variant in variants {
        if let Style::Struct(fields) = &variant.style {
            for rule in fields.iter().flat_map(|f| f.attrs.rules.first()) {
                cx.error_spanned_by(
                    &rule.word,
                    "validation rules apply to the fields of structs; an enum variant's fields cannot have them",
                );
            }
        }
    }
}
