//! The options of `#[derive(SharedTable)]`: `#[dynamo(name = "...", partition_key = "...", sort_key = "...",
//! entity_attribute = "...")]` on a unit struct.

use super::*;
use syn::parse::Parse;

/// The options given on a shared table's struct.
#[derive(Default)]
pub struct SharedTableAttrs {
    /// `name = "..."`: the table's name.
    pub name: Option<LitStr>,
    /// `partition_key = "..."`: the partition key attribute's name.
    pub partition_key: Option<LitStr>,
    /// `sort_key = "..."`: the sort key attribute's name.
    pub sort_key: Option<LitStr>,
    /// `entity_attribute = "..."`: the attribute holding each item's entity name.
    pub entity_attribute: Option<LitStr>,
    /// `crate = "..."`.
    pub krate: Option<syn::Path>,
    /// `global_index(name = "...", partition_key = "...", sort_key = "...")`: the table's GSIs, by key attribute names.
    pub indexes: Vec<SharedIndexAttr>,
    /// `entities(Customer, Order)`: the models stored in the table, checked to have distinct
    /// entity names.
    pub entities: Vec<syn::Path>,
}

/// `global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk")` on a shared
/// table (attribute names), or `global_index(name = "gsi1", partition_key = "ORDER#{id}", ...)`
/// on a model in one (key templates).
pub struct SharedIndexAttr {
    pub name: LitStr,
    pub partition_key: LitStr,
    pub sort_key: Option<LitStr>,
}

impl SharedTableAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = SharedTableAttrs::default();
        for_each_option(cx, attrs, |meta| {
            let slot = if meta.path == NAME {
                Some((NAME, &mut out.name))
            } else if meta.path == PARTITION_KEY {
                Some((PARTITION_KEY, &mut out.partition_key))
            } else if meta.path == SORT_KEY {
                Some((SORT_KEY, &mut out.sort_key))
            } else if meta.path == ENTITY_ATTRIBUTE {
                Some((ENTITY_ATTRIBUTE, &mut out.entity_attribute))
            } else {
                None
            };
            if let Some((word, slot)) = slot {
                if let Some(value) = string_value(cx, &meta, word)? {
                    if value.value().is_empty() {
                        cx.error_spanned_by(&value, format!("`{word}` needs a non-empty name"));
                    }
                    set_once(cx, slot, value, &meta, word);
                }
            } else if meta.path == GLOBAL_INDEX {
                let index = IndexAttr::parse(cx, &meta, IndexKind::Global)?;
                out.indexes
                    .extend(index.and_then(|index| index.into_shared(cx, "a shared table")));
            } else if meta.path == ENTITIES {
                let content;
                syn::parenthesized!(content in meta.input);
                let paths = content.parse_terminated(syn::Path::parse, Token![,])?;
                out.entities.extend(paths);
            } else if meta.path == CRATE {
                if let Some(path) = string_value(cx, &meta, CRATE)? {
                    match path.parse::<syn::Path>() {
                        Ok(parsed) => set_once(cx, &mut out.krate, parsed, &meta, CRATE),
                        Err(_) => cx.error_spanned_by(&path, "`crate` must be a path"),
                    }
                }
            } else {
                unknown_option(cx, &meta, SHARED_TABLE_OPTIONS, &[], "a shared table")?;
            }
            Ok(())
        });
        out
    }
}
