//! Secondary indexes: their keys resolved to fields once, their names and limits.

use super::keys::is_valid_name;
use super::*;

/// DynamoDB allows at most this many global secondary indexes on a table.
const MAX_GLOBAL_INDEXES: usize = 20;

/// DynamoDB allows at most this many local secondary indexes on a table.
const MAX_LOCAL_INDEXES: usize = 5;

/// Index declarations: names, key fields, projections and DynamoDB's limits; gives the indexes
/// whose names all resolved.
pub(super) fn check_indexes<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>) -> Vec<Index<'c, 'a>> {
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
            .partition
            .as_ref()
            .and_then(|hash| index_field(cx, cont, hash));
        let range = index
            .sort
            .as_ref()
            .and_then(|range| index_field(cx, cont, range));
        if let (Some(hash), Some(range), Some(lit)) = (hash, range, &index.sort)
            && hash.ident == range.ident
        {
            cx.error_spanned_by(
                lit,
                "an index's partition key and sort key must be two different fields",
            );
        }
        if index.kind == IndexKind::Local {
            check_local_index(cx, cont, index, hash);
        }
        let more = |lits: &'c [syn::LitStr]| -> Vec<(&'c Field<'a>, &'c syn::LitStr)> {
            lits.iter()
                .filter_map(|lit| index_field(cx, cont, lit).map(|field| (field, lit)))
                .collect()
        };
        let more_hash = more(&index.more_partition);
        let more_range = more(&index.more_sort);
        if index.kind == IndexKind::Local
            && let Some(lit) = index.more_partition.first().or(index.more_sort.first())
        {
            cx.error_spanned_by(
                lit,
                "multi-attribute keys are for global indexes: make this a global_index, or give one field",
            );
        }
        // A multi-attribute key names each field once.
        if !more_hash.is_empty() || !more_range.is_empty() {
            let mut seen: Vec<String> = Vec::new();
            let lits = index
                .partition
                .iter()
                .chain(&index.more_partition)
                .chain(&index.sort)
                .chain(&index.more_sort);
            for lit in lits {
                if seen.contains(&lit.value()) {
                    cx.error_spanned_by(
                        lit,
                        format!("`{}` is named twice in this index's key", lit.value()),
                    );
                }
                seen.push(lit.value());
            }
        }
        let mut include = Vec::new();
        if let ProjectionAttr::Include(fields) = &index.projection {
            for lit in fields {
                let Some(field) = index_field(cx, cont, lit) else {
                    continue;
                };
                include.push(field);
                let is_key = field.attrs.partition_key.is_some()
                    || field.attrs.sort_key.is_some()
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
        // A local index may leave its partition key unnamed: it is the table's.
        let hash = match (hash, &index.partition, index.kind) {
            (Some(field), Some(lit), _) => Some((field, Some(lit))),
            (None, None, IndexKind::Local) => cont.partition_key().map(|field| (field, None)),
            _ => None,
        };
        let range = match (range, &index.sort) {
            (Some(field), Some(lit)) => Some(Some((field, lit))),
            (None, None) => Some(None),
            _ => None,
        };
        if let (Some(name), Some(hash), Some(range)) = (&index.name, hash, range) {
            resolved.push(Index {
                attr: index,
                name,
                member: index::member(&name.value()),
                partition: hash,
                sort: range,
                include,
                more_partition: more_hash,
                more_sort: more_range,
            });
        }
    }
    resolved
}

/// A local index shares the table's partition key and needs the table to have a sort key.
fn check_local_index(cx: &Ctxt, cont: &Container, index: &IndexAttr, hash: Option<&Field>) {
    if cont.sort_key().is_none() {
        cx.error_spanned_by(
            &index.word,
            "a local index sorts the items of one partition another way, so the table needs a sort key: add #[dynamo(sort_key)] to a field, or make this a global_index",
        );
    }
    if let (Some(hash), Some(table_hash), Some(lit)) =
        (hash, cont.partition_key(), &index.partition)
        && hash.ident != table_hash.ident
    {
        cx.error_spanned_by(
                lit,
                format!(
                    "a local index always uses the table's partition key `{}`; for another partition key use a global_index",
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
                    match crate::internals::attr::closest(&wanted, known.iter().map(String::as_str))
                    {
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
