//! A model in a shared table: `table = Shop`, an `entity` name and key templates instead of
//! key fields.

use super::*;
use crate::internals::template::{IndexTemplates, Template, Templates};

/// Reports the rules of a model in a shared table, and gives its templates resolved (`None` for
/// a model of a table of its own, or when a rule was broken).
pub(super) fn check_templates<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
) -> Option<Templates<'c, 'a>> {
    let attrs = &cont.attrs;
    let shared = attrs.shared_table.is_some();
    if !shared {
        let stray = [&attrs.entity, &attrs.partition_key, &attrs.sort_key];
        for lit in stray.into_iter().flatten() {
            cx.error_spanned_by(
                lit,
                "`entity` and a `sort_key` template on the struct go with a `partition_key` template: add `partition_key = \"PREFIX#{field}\"`, or mark the key fields #[dynamo(partition_key)] and #[dynamo(sort_key)]",
            );
        }
        return None;
    }
    let Some(pk) = &attrs.partition_key else {
        cx.error_spanned_by(
            cont.ident,
            "a model in a shared table writes its partition key from a template: add `partition_key = \"PREFIX#{field}\"`",
        );
        return None;
    };
    match &attrs.entity {
        None => cx.error_spanned_by(
            pk,
            "a model in a shared table needs its entity name, which every item carries: add `entity = \"...\"`",
        ),
        Some(entity) if entity.value().is_empty() => {
            cx.error_spanned_by(entity, "an entity name cannot be empty")
        }
        Some(_) => {}
    }
    for field in cont.fields() {
        let marks = [&field.attrs.partition_key, &field.attrs.sort_key];
        for mark in marks.into_iter().flatten() {
            cx.error_spanned_by(
                mark,
                "a model whose keys are templates takes them from the `partition_key` and `sort_key` templates on the struct: remove this and name the field in a template",
            );
        }
    }
    if !cont.generics.params.is_empty() {
        cx.error_spanned_by(
            cont.generics,
            "a model in a shared table cannot have generic parameters",
        );
    }
    let templates = parse_templates(cx, cont, pk)?;
    check_index_parts(cx, cont, &templates);
    Some(templates)
}

/// The key templates and index templates, parsed against the fields; `None` when one did not
/// parse (reported).
fn parse_templates<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    pk: &'c syn::LitStr,
) -> Option<Templates<'c, 'a>> {
    let attrs = &cont.attrs;
    let fields = cont.fields();
    let pk = Template::parse(cx, pk, "partition_key", fields);
    let sk = attrs
        .sort_key
        .as_ref()
        .map(|sk| Template::parse(cx, sk, "sort_key", fields));
    let mut indexes = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for index in &attrs.shared_indexes {
        let name = index.name.value();
        if names.contains(&name) {
            cx.error_spanned_by(&index.name, format!("index `{name}` is given twice"));
        }
        names.push(name);
        let pk = Template::parse(cx, &index.partition_key, "partition_key", fields);
        let sk = match &index.sort_key {
            None => Some(None),
            Some(sk) => Template::parse(cx, sk, "sort_key", fields).map(Some),
        };
        if let (Some(pk), Some(sk)) = (pk, sk) {
            indexes.push(IndexTemplates {
                attr: index,
                partition_key: pk,
                sort_key: sk,
            });
        }
    }
    let templates = Templates {
        partition_key: pk?,
        sort_key: match sk {
            Some(sk) => Some(sk?),
            None => None,
        },
        indexes,
    };
    Some(templates)
}

/// A field is in one index key at most, and every key part is stored.
fn check_index_parts(cx: &Ctxt, cont: &Container, templates: &Templates) {
    let fields = cont.fields();
    // A field in two index keys could not change with both through one `set_<index>(..)`.
    for field in fields.iter().filter(|f| !templates.is_key_part(f)) {
        let holding: Vec<String> = templates
            .indexes
            .iter()
            .filter(|index| {
                index
                    .key_fields()
                    .iter()
                    .any(|part| std::ptr::eq(*part, field))
            })
            .map(|index| index.attr.name.value())
            .collect();
        if holding.len() > 1 {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "`{}` is a part of the keys of indexes {}: an update could not keep all of them current; keep it in one index key",
                    field.ident,
                    holding.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ")
                ),
            );
        }
    }
    let index_parts = templates
        .indexes
        .iter()
        .flat_map(|index| index.key_fields());
    for field in templates.key_fields().into_iter().chain(index_parts) {
        if !field.is_stored() {
            cx.error_spanned_by(
                field.ident,
                "a key template part must be stored: a `skip`ped or `flatten`ed field cannot be one",
            );
        }
    }
}
