//! The schema-version options of a model: `schema_version = 3`,
//! `schema_version_attribute = "..."` and `old_shapes(1 = OrderV1, 2 = OrderV2)`.

use super::*;

/// The stamp attribute's name when the model does not choose one.
pub const DEFAULT_STAMP: &str = "_sv";

/// A model's schema version and the earlier shapes its stored items may have.
#[derive(Default)]
pub struct VersionAttrs {
    /// `schema_version = N`: the word and the version.
    pub current: Option<(syn::Path, u32)>,
    /// `schema_version_attribute = "..."`: the stamp attribute's name.
    pub attribute: Option<LitStr>,
    /// `old_shapes(...)`: the word, and each earlier version with the type of its shape.
    pub old_shapes: Option<(syn::Path, Vec<OldShape>)>,
}

/// `1 = OrderV1` inside `old_shapes(...)`.
pub struct OldShape {
    /// The version number as written, for error spans.
    pub lit: syn::LitInt,
    pub version: u32,
    /// The type items stamped with this version are read as.
    pub ty: syn::Path,
}

impl VersionAttrs {
    /// Whether `meta` is one of these options; if so it is parsed into `self`.
    pub fn parse(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<bool> {
        if meta.path == SCHEMA_VERSION {
            if let Some(version) = version_value(cx, meta)? {
                set_once(
                    cx,
                    &mut self.current,
                    (meta.path.clone(), version),
                    meta,
                    SCHEMA_VERSION,
                );
            }
        } else if meta.path == SCHEMA_VERSION_ATTRIBUTE {
            if let Some(name) = string_value(cx, meta, SCHEMA_VERSION_ATTRIBUTE)? {
                if name.value().is_empty() {
                    cx.error_spanned_by(
                        &name,
                        "`schema_version_attribute` needs a non-empty attribute name",
                    );
                }
                set_once(
                    cx,
                    &mut self.attribute,
                    name,
                    meta,
                    SCHEMA_VERSION_ATTRIBUTE,
                );
            }
        } else if meta.path == OLD_SHAPES {
            let shapes = old_shapes(cx, meta)?;
            set_once(
                cx,
                &mut self.old_shapes,
                (meta.path.clone(), shapes),
                meta,
                OLD_SHAPES,
            );
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// The stamp attribute's name.
    pub fn stamp(&self) -> String {
        self.attribute
            .as_ref()
            .map_or_else(|| DEFAULT_STAMP.to_owned(), LitStr::value)
    }
}

/// `schema_version = N` with N a whole number from 1.
fn version_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<u32>> {
    if !meta.input.peek(Token![=]) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            "`schema_version` needs a number: write `schema_version = 2`",
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    let parsed = match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => lit.base10_parse::<u32>().ok().filter(|v| *v >= 1),
        _ => None,
    };
    if parsed.is_none() {
        cx.error_spanned_by(
            &expr,
            "`schema_version` is a whole number from 1 (items without a stamp are version 1): write `schema_version = 2`",
        );
    }
    Ok(parsed)
}

/// The list inside `old_shapes(1 = OrderV1, 2 = OrderV2)`.
fn old_shapes(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Vec<OldShape>> {
    if !meta.input.peek(syn::token::Paren) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            "`old_shapes` lists each earlier version with its type: write `old_shapes(1 = OrderV1, 2 = OrderV2)`",
        );
        return Ok(Vec::new());
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let mut shapes = Vec::new();
    while !content.is_empty() {
        let lit: syn::LitInt = content.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a version number: write `old_shapes(1 = OrderV1, 2 = OrderV2)`",
            )
        })?;
        content.parse::<Token![=]>()?;
        let ty: syn::Path = content.parse()?;
        match lit.base10_parse::<u32>() {
            Ok(version) if version >= 1 => shapes.push(OldShape { lit, version, ty }),
            _ => cx.error_spanned_by(&lit, "a schema version is a whole number from 1"),
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(shapes)
}
