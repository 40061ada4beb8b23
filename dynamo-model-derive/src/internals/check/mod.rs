//! Schema rules that involve more than one attribute: one partition key, at most one sort key,
//! unique stored names, a valid table name.

use std::collections::HashMap;

use super::ast::{Body, Container, Derive, Field, Style};
use super::attr::{IndexAttr, IndexKind, ProjectionAttr, RuleKind};
use super::ctxt::Ctxt;
use super::index::{self, Index};

mod behaviours;
mod collection;
mod indexes;
mod keys;
pub mod relations;
mod shared_table;
mod templates;
mod versions;

use behaviours::*;
pub use collection::check_collection;
use indexes::*;
pub use keys::is_valid_name;
use keys::*;
pub use shared_table::check_shared_table;
use templates::*;
use versions::*;

/// What `check` resolved for `expand`: complete when nothing was reported.
#[derive(Default)]
pub struct Checked<'c, 'a> {
    /// A model's indexes.
    pub indexes: Vec<Index<'c, 'a>>,
    /// A shared-table model's key templates.
    pub templates: Option<crate::internals::template::Templates<'c, 'a>>,
}

/// Reports every rule the derived type breaks, and gives what it resolved.
pub fn check<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>, derive: Derive) -> Checked<'c, 'a> {
    if derive == Derive::Projection {
        check_projection(cx, cont);
        return Checked::default();
    }
    let mut checked = Checked::default();
    if derive == Derive::Model {
        check_ttl(cx, cont);
        check_version(cx, cont);
        check_counters(cx, cont);
        check_uniques(cx, cont);
        check_timestamps(cx, cont);
        check_versions(cx, cont);
        relations::check_relations(cx, cont);
        checked.templates = check_templates(cx, cont);
        if cont.attrs.shared_table.is_none() {
            check_keys(cx, cont);
        }
        if cont.attrs.shared_table.is_none() || cont.attrs.own_key_table {
            check_table_name(cx, cont);
        }
        checked.indexes = check_indexes(cx, cont);
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
    checked
}

/// The rules on one set of fields stored together in one map.
fn check_fields(cx: &Ctxt, fields: &[Field], tag: Option<&str>) {
    check_stored_names(cx, fields, tag);
    check_skipped(cx, fields);
    check_conversions(cx, fields);
    check_flatten(cx, fields);
    check_defaults(cx, fields);
    check_rules(cx, fields);
    check_aliases(cx, fields);
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
        if field.attrs.partition_key.is_some() || field.attrs.sort_key.is_some() {
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
            attrs.partition_key.is_some() || attrs.sort_key.is_some(),
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
        let conflict = if attrs.partition_key.is_some() || attrs.sort_key.is_some() {
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
        let conflict = if attrs.partition_key.is_some() || attrs.sort_key.is_some() {
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
