//! `has_many(orders = Order, key = username)` and `has_many(orders = Order, index = gsi1, key =
//! order_id)`: the children of a model, found by a query of the child's table or index whose
//! partition key value is one of the model's fields.

use super::*;

/// One `has_many(...)` on the struct.
pub struct HasManyAttr {
    /// The relation's name: the method on the model and the member of `relations()`.
    pub name: syn::Ident,
    /// The child model.
    pub child: syn::Path,
    /// `key = field`: the field whose value is the children's partition key.
    pub key: Option<syn::Ident>,
    /// `index = member`: the child's index to query, as `Child::indexes()` names it.
    pub index: Option<syn::Ident>,
}

const HOW: &str = "write `has_many(orders = Order, key = id)` (the children are `Order::query(db, &self.id)`), or add `index = by_customer` to query that index of `Order`";

impl HasManyAttr {
    /// Parses the list inside `has_many(...)`.
    pub fn parse(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        if !meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
            cx.error_spanned_by(&meta.path, format!("`has_many` lists the relation: {HOW}"));
            return Ok(None);
        }
        let mut relation: Option<(syn::Ident, syn::Path)> = None;
        let (mut key, mut index) = (None, None);
        meta.parse_nested_meta(|inner| {
            if inner.path == KEY || inner.path == INDEX {
                let word = if inner.path == KEY { KEY } else { INDEX };
                let Some(path) = path_value(cx, &inner, word)? else {
                    return Ok(());
                };
                let Some(ident) = path.get_ident().cloned() else {
                    cx.error_spanned_by(
                        &path,
                        format!("`{word}` names one field or index, without a path"),
                    );
                    return Ok(());
                };
                let slot = if word == KEY { &mut key } else { &mut index };
                set_once(cx, slot, ident, &inner, word);
                return Ok(());
            }
            let Some(name) = inner.path.get_ident().cloned() else {
                skip_value(&inner)?;
                cx.error_spanned_by(
                    &inner.path,
                    format!("a relation is named by one word: {HOW}"),
                );
                return Ok(());
            };
            if !inner.input.peek(Token![=]) {
                skip_value(&inner)?;
                cx.error_spanned_by(
                    &inner.path,
                    format!("`{name}` needs the child model: {HOW}"),
                );
                return Ok(());
            }
            let child: syn::Path = inner.value()?.parse()?;
            if relation.is_some() {
                cx.error_spanned_by(
                    &inner.path,
                    format!("one `has_many` declares one relation: {HOW}"),
                );
            } else {
                relation = Some((name, child));
            }
            Ok(())
        })?;
        let Some((name, child)) = relation else {
            cx.error_spanned_by(
                &meta.path,
                format!("`has_many` needs the relation's name and child model: {HOW}"),
            );
            return Ok(None);
        };
        if key.is_none() {
            cx.error_spanned_by(
                &name,
                format!("`has_many` needs `key = field`: the field whose value is the children's partition key; {HOW}"),
            );
        }
        Ok(Some(HasManyAttr {
            name,
            child,
            key,
            index,
        }))
    }
}
