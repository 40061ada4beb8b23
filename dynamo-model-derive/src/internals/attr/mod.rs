//! Parsing of single `#[dynamo(...)]` attributes. Each parser reports duplicates, unknown
//! options (with a did-you-mean hint) and values of the wrong kind itself; rules that involve
//! several attributes live in `check`.

use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Lit, LitStr, Token};

use super::case::{self, RenameRule};
use super::ctxt::Ctxt;
use super::symbol::*;

mod collection;
mod container;
mod field;
mod index;
mod relations;
mod table;
mod versions;

pub use collection::CollectionVariantAttrs;
pub use container::ContainerAttrs;
pub use field::{DefaultValue, FieldAttrs, Rule, RuleKind, VariantAttrs};
pub use index::{IndexAttr, IndexKind, ProjectionAttr};
pub use relations::HasManyAttr;
pub use table::{SharedIndexAttr, SharedTableAttrs};
pub use versions::VersionAttrs;

/// Which derive is running; they accept different shapes and options.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// `#[derive(Model)]`: a struct stored as the items of a table.
    Model,
    /// `#[derive(Attribute)]`: a struct stored as a map (M), or a unit-only enum stored as a
    /// string (S), inside a model.
    Attribute,
    /// `#[derive(Projection)]`: a struct holding some fields of a model, read from a projection.
    Projection,
}

/// Reports a model-only option used on `#[derive(Attribute)]`.
fn model_only(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol, why: &str) -> syn::Result<()> {
    skip_value(meta)?;
    cx.error_spanned_by(
        &meta.path,
        format!("`{word}` is an option of #[derive(Model)]: {why}"),
    );
    Ok(())
}

/// Calls `parse` for every option inside every `#[dynamo(...)]` attribute.
fn for_each_option(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut parse: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| *attr.path() == DYNAMO) {
        if let syn::Meta::Path(_) = attr.meta {
            cx.error_spanned_by(attr, "expected options: `#[dynamo(...)]`");
            continue;
        }
        if let Err(error) = attr.parse_nested_meta(|meta| parse(renamed_option(cx, meta))) {
            cx.syn_error(error);
        }
    }
}

/// An option spelled as in earlier versions (`hash_key`, `pk`, `gsi`, ...): reported with the
/// word that replaced it, then parsed as that word, so that the rename is the only message.
fn renamed_option<'m>(cx: &Ctxt, mut meta: ParseNestedMeta<'m>) -> ParseNestedMeta<'m> {
    let retired = meta.path.get_ident().and_then(|ident| {
        let (new, why) = renamed(&ident.to_string())?;
        Some((ident.clone(), new, why))
    });
    if let Some((old, new, why)) = retired {
        cx.error_spanned_by(&old, format!("`{old}` is now `{new}`: {why}"));
        meta.path = syn::Ident::new(new.0, old.span()).into();
    }
    meta
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, meta: &ParseNestedMeta, word: Symbol) {
    if slot.is_some() {
        cx.error_spanned_by(&meta.path, format!("duplicate `{word}` option"));
    } else {
        *slot = Some(value);
    }
}

/// A flag option such as `partition_key`: true when given without a value.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` takes no value: write `#[dynamo({word})]`"),
        );
        return Ok(false);
    }
    Ok(true)
}

/// A `word = "string"` option; a missing value or one that is not a string literal is
/// reported, and `None` returned.
fn string_value(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        if meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
        }
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a value: write `{word} = \"...\"`"),
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Some(lit)),
        other => {
            cx.error_spanned_by(
                &other,
                format!("`{word}` takes a string literal: write `{word} = \"...\"`"),
            );
            Ok(None)
        }
    }
}

/// A `word = some::path` option (a string literal holding the path is accepted too).
fn path_value(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<syn::Path>> {
    if !meta.input.peek(Token![=]) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a module path: write `{word} = path::to::module`"),
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Path(path) if path.qself.is_none() => Ok(Some(path.path)),
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => match lit.parse::<syn::Path>() {
            Ok(path) => Ok(Some(path)),
            Err(_) => {
                cx.error_spanned_by(
                    &lit,
                    format!("`{word}` needs a module path, not {:?}", lit.value()),
                );
                Ok(None)
            }
        },
        other => {
            cx.error_spanned_by(
                &other,
                format!("`{word}` takes a module path: write `{word} = path::to::module`"),
            );
            Ok(None)
        }
    }
}

/// Consumes whatever follows an option we are rejecting, so parsing can go on with the next one.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: proc_macro2::TokenStream = content.parse()?;
    }
    Ok(())
}

/// Reports an option that is not one of `known`, with a hint: the option it most likely
/// misspells, or where an option of the other position belongs.
fn unknown_option(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    known: &[Symbol],
    other_position: &[Symbol],
    here: &str,
) -> syn::Result<()> {
    skip_value(meta)?;
    let word = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| quote::ToTokens::to_token_stream(&meta.path).to_string());
    let listed = known
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = if other_position.iter().any(|s| s.0 == word) {
        let there = if here == "a field" {
            "the struct"
        } else {
            "a field"
        };
        format!("`{word}` goes on {there}, not on {here}")
    } else if let Some(close) = did_you_mean(&word, known) {
        format!("unknown dynamo option `{word}` on {here}; did you mean `{close}`?")
    } else {
        format!("unknown dynamo option `{word}` on {here}; expected one of {listed}")
    };
    cx.syn_error(syn::Error::new(meta.path.span(), message));
    Ok(())
}

/// The known word closest to `word`, if it is close enough to be a likely misspelling.
fn did_you_mean(word: &str, known: &[Symbol]) -> Option<Symbol> {
    let close = closest(word, known.iter().map(|s| s.0))?;
    known.iter().find(|s| s.0 == close).copied()
}

/// The candidate closest to `word`, if it is close enough to be a likely misspelling.
pub fn closest<'k>(word: &str, candidates: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Levenshtein distance, counting a swap of two neighbouring letters as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_catch_typos_but_not_unrelated_words() {
        assert_eq!(
            did_you_mean("partition_kye", FIELD_OPTIONS),
            Some(PARTITION_KEY)
        );
        assert_eq!(did_you_mean("sortkey", FIELD_OPTIONS), Some(SORT_KEY));
        assert_eq!(did_you_mean("renam", FIELD_OPTIONS), Some(RENAME));
        assert_eq!(did_you_mean("tabel", CONTAINER_OPTIONS), Some(TABLE));
        assert_eq!(did_you_mean("frobnicate", FIELD_OPTIONS), None);
    }
}
