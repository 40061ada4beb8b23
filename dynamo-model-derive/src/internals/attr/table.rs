//! The options of `#[derive(SharedTable)]`: `#[dynamo(name = "...", pk = "...", sk = "...",
//! entity_attribute = "...")]` on a unit struct.

use super::*;

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
