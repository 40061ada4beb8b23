//! The options of `#[derive(SharedTable)]`: `#[dynamo(name = "...", pk = "...", sk = "...",
//! entity_attribute = "...")]` on a unit struct.

use super::*;
use syn::parse::Parse;

/// The options given on a shared table's struct.
#[derive(Default)]
pub struct SharedTableAttrs {
    /// `name = "..."`: the table's name.
    pub name: Option<LitStr>,
    /// `pk = "..."`: the partition key attribute's name.
    pub pk: Option<LitStr>,
    /// `sk = "..."`: the sort key attribute's name.
    pub sk: Option<LitStr>,
    /// `entity_attribute = "..."`: the attribute holding each item's entity name.
    pub entity_attribute: Option<LitStr>,
    /// `crate = "..."`.
    pub krate: Option<syn::Path>,
    /// `gsi(name = "...", pk = "...", sk = "...")`: the table's GSIs, by key attribute names.
    pub gsis: Vec<SharedIndexAttr>,
    /// `entities(Customer, Order)`: the models stored in the table, checked to have distinct
    /// entity names.
    pub entities: Vec<syn::Path>,
}

/// `gsi(name = "gsi1", pk = "gsi1pk", sk = "gsi1sk")` on a shared table (attribute names), or
/// `index(name = "gsi1", pk = "ORDER#{id}", sk = "...")` on a model in one (key templates).
pub struct SharedIndexAttr {
    pub name: LitStr,
    pub pk: LitStr,
    pub sk: Option<LitStr>,
}

impl SharedIndexAttr {
    /// Parses the parenthesised options after `word`.
    pub fn parse(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<Self>> {
        let (mut name, mut pk, mut sk) = (None, None, None);
        if !meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "`{word}` takes options: `{word}(name = \"...\", pk = \"...\", sk = \"...\")`"
                ),
            );
            return Ok(None);
        }
        meta.parse_nested_meta(|inner| {
            let slot = if inner.path == NAME {
                Some((NAME, &mut name))
            } else if inner.path == PK {
                Some((PK, &mut pk))
            } else if inner.path == SK {
                Some((SK, &mut sk))
            } else {
                None
            };
            match slot {
                Some((option, slot)) => {
                    if let Some(value) = string_value(cx, &inner, option)? {
                        set_once(cx, slot, value, &inner, option);
                    }
                }
                None => {
                    skip_value(&inner)?;
                    let given = inner.path.get_ident().map(ToString::to_string).unwrap_or_default();
                    let hint = match did_you_mean(&given, SHARED_INDEX_OPTIONS) {
                        Some(close) => format!("; did you mean `{close}`?"),
                        None => String::new(),
                    };
                    cx.error_spanned_by(
                        &inner.path,
                        format!("unknown option `{given}` in `{word}(...)`{hint} (options: name, pk, sk)"),
                    );
                }
            }
            Ok(())
        })?;
        let (Some(name), Some(pk)) = (name, pk) else {
            cx.error_spanned_by(
                &meta.path,
                format!("`{word}(...)` needs `name` and `pk`: `{word}(name = \"...\", pk = \"...\", sk = \"...\")`"),
            );
            return Ok(None);
        };
        Ok(Some(SharedIndexAttr { name, pk, sk }))
    }
}

impl SharedTableAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = SharedTableAttrs::default();
        for_each_option(cx, attrs, |meta| {
            let slot = if meta.path == NAME {
                Some((NAME, &mut out.name))
            } else if meta.path == PK {
                Some((PK, &mut out.pk))
            } else if meta.path == SK {
                Some((SK, &mut out.sk))
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
            } else if meta.path == GSI {
                if let Some(gsi) = SharedIndexAttr::parse(cx, &meta, GSI)? {
                    out.gsis.push(gsi);
                }
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
                skip_value(&meta)?;
                let word = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let hint = match did_you_mean(&word, SHARED_TABLE_OPTIONS) {
                    Some(close) => format!("; did you mean `{close}`?"),
                    None => String::new(),
                };
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "unknown option `{word}` for #[derive(SharedTable)]{hint} (options: name, pk, sk, entity_attribute, crate)"
                    ),
                );
            }
            Ok(())
        });
        out
    }
}
