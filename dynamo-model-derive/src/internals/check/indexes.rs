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
    check_index_names(cx, cont);
    check_index_counts(cx, cont);
    cont.attrs
        .indexes
        .iter()
        .filter_map(|index| resolve_index(cx, cont, index))
        .collect()
}

/// Index names: valid, unique, and distinct as members of `indexes()`.
fn check_index_names(cx: &Ctxt, cont: &Container) {
    let mut names: HashMap<String, ()> = HashMap::new();
    let mut members: HashMap<String, String> = HashMap::new();
    for name in cont.attrs.indexes.iter().filter_map(|i| i.name.as_ref()) {
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
        let member = index::member(&name.value()).to_string();
        match members.get(&member) {
            Some(first) if *first != name.value() => cx.error_spanned_by(
                name,
                format!(
                    "indexes `{first}` and `{}` would both be `indexes().{member}`; rename one",
                    name.value()
                ),
            ),
            Some(_) => {}
            None => {
                members.insert(member, name.value());
            }
        }
    }
}

/// DynamoDB's limits on the number of global and local indexes of a table, reported on the
/// first index over.
fn check_index_counts(cx: &Ctxt, cont: &Container) {
    let (mut globals, mut locals) = (0, 0);
    for index in &cont.attrs.indexes {
        let (count, max, kind) = match index.kind {
            IndexKind::Global => {
                globals += 1;
                (globals, MAX_GLOBAL_INDEXES, "global")
            }
            IndexKind::Local => {
                locals += 1;
                (locals, MAX_LOCAL_INDEXES, "local")
            }
        };
        if count == max + 1 {
            cx.error_spanned_by(
                &index.word,
                format!("DynamoDB allows at most {max} {kind} indexes on a table"),
            );
        }
    }
}

/// One index's key fields and projection, resolved to fields; `None` when a name did not
/// resolve (reported).
fn resolve_index<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    index: &'c IndexAttr,
) -> Option<Index<'c, 'a>> {
    let partition = index
        .partition
        .as_ref()
        .and_then(|lit| index_field(cx, cont, lit));
    let sort = index
        .sort
        .as_ref()
        .and_then(|lit| index_field(cx, cont, lit));
    if let (Some(partition), Some(sort), Some(lit)) = (partition, sort, &index.sort)
        && partition.ident == sort.ident
    {
        cx.error_spanned_by(
            lit,
            "an index's partition key and sort key must be two different fields",
        );
    }
    if index.kind == IndexKind::Local {
        check_local_index(cx, cont, index, partition);
    }
    let more = |lits: &'c [syn::LitStr]| -> Vec<(&'c Field<'a>, &'c syn::LitStr)> {
        lits.iter()
            .filter_map(|lit| index_field(cx, cont, lit).map(|field| (field, lit)))
            .collect()
    };
    let more_partition = more(&index.more_partition);
    let more_sort = more(&index.more_sort);
    check_multi_attribute_key(cx, index);
    let keys = [partition, sort];
    let include = resolve_include(cx, cont, index, &keys);
    // A local index may leave its partition key unnamed: it is the table's.
    let partition = match (partition, &index.partition, index.kind) {
        (Some(field), Some(lit), _) => (field, Some(lit)),
        (None, None, IndexKind::Local) => (cont.partition_key()?, None),
        _ => return None,
    };
    let sort = match (sort, &index.sort) {
        (Some(field), Some(lit)) => Some((field, lit)),
        (None, None) => None,
        _ => return None,
    };
    let name = index.name.as_ref()?;
    Some(Index {
        attr: index,
        name,
        member: index::member(&name.value()),
        partition,
        sort,
        include,
        more_partition,
        more_sort,
    })
}

/// A multi-attribute key is for a global index, and names each field once.
fn check_multi_attribute_key(cx: &Ctxt, index: &IndexAttr) {
    let first_more = index.more_partition.first().or(index.more_sort.first());
    let Some(first_more) = first_more else {
        return;
    };
    if index.kind == IndexKind::Local {
        cx.error_spanned_by(
            first_more,
            "multi-attribute keys are for global indexes: make this a global_index, or give one field",
        );
    }
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

/// The fields of an `include = [...]` projection, none of them a key of the table or of the
/// index (`keys`), which every index projects already.
fn resolve_include<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    index: &'c IndexAttr,
    keys: &[Option<&Field>],
) -> Vec<&'c Field<'a>> {
    let ProjectionAttr::Include(fields) = &index.projection else {
        return Vec::new();
    };
    let mut include = Vec::new();
    for lit in fields {
        let Some(field) = index_field(cx, cont, lit) else {
            continue;
        };
        include.push(field);
        let is_key = field.attrs.partition_key.is_some()
            || field.attrs.sort_key.is_some()
            || keys.iter().flatten().any(|k| k.ident == field.ident);
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
    include
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
