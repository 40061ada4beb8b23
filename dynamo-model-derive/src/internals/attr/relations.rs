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
    /// `collection`: the child is a `#[derive(Collection)]` enum, read by its partition query.
    pub collection: Option<syn::Path>,
}

const HOW: &str = "write `has_many(orders = Order, key = id)` (the children are `Order::query(db, &self.id)`), add `index = by_customer` to query that index of `Order`, or `collection` when the child is a `#[derive(Collection)]`";

impl HasManyAttr {
    /// Parses the list inside `has_many(...)`.
    pub fn parse(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        if !meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
            cx.error_spanned_by(&meta.path, format!("`has_many` lists the relation: {HOW}"));
            return Ok(None);
        }
        let mut parts = Parts::default();
        meta.parse_nested_meta(|inner| parts.parse(cx, &inner))?;
        let Parts {
            relation,
            key,
            index,
            collection,
        } = parts;
        let Some((name, child)) = relation else {
            cx.error_spanned_by(
                &meta.path,
                format!("`has_many` needs the relation's name and child model: {HOW}"),
            );
            return Ok(None);
        };
        if let (Some(word), Some(index)) = (&collection, &index) {
            cx.error_spanned_by(
                word,
                format!("a collection is read by its partition query, not through an index: leave out `collection` or `index = {index}`"),
            );
        }
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
            collection,
        }))
    }
}

/// What `has_many(...)` holds, as parsed so far.
#[derive(Default)]
struct Parts {
    relation: Option<(syn::Ident, syn::Path)>,
    key: Option<syn::Ident>,
    index: Option<syn::Ident>,
    collection: Option<syn::Path>,
}

impl Parts {
    /// One item inside `has_many(...)`: `name = Child`, `key = field`, `index = member` or
    /// `collection`.
    fn parse(&mut self, cx: &Ctxt, inner: &ParseNestedMeta) -> syn::Result<()> {
        if inner.path == COLLECTION {
            if flag(cx, inner, COLLECTION)? {
                set_once(
                    cx,
                    &mut self.collection,
                    inner.path.clone(),
                    inner,
                    COLLECTION,
                );
            }
            return Ok(());
        }
        if inner.path == KEY || inner.path == INDEX {
            let word = if inner.path == KEY { KEY } else { INDEX };
            let Some(path) = path_value(cx, inner, word)? else {
                return Ok(());
            };
            let Some(ident) = path.get_ident().cloned() else {
                cx.error_spanned_by(
                    &path,
                    format!("`{word}` names one field or index, without a path"),
                );
                return Ok(());
            };
            let slot = if word == KEY {
                &mut self.key
            } else {
                &mut self.index
            };
            set_once(cx, slot, ident, inner, word);
            return Ok(());
        }
        let Some(name) = inner.path.get_ident().cloned() else {
            skip_value(inner)?;
            cx.error_spanned_by(
                &inner.path,
                format!("a relation is named by one word: {HOW}"),
            );
            return Ok(());
        };
        if !inner.input.peek(Token![=]) {
            skip_value(inner)?;
            cx.error_spanned_by(
                &inner.path,
                format!("`{name}` needs the child model: {HOW}"),
            );
            return Ok(());
        }
        let child: syn::Path = inner.value()?.parse()?;
        if self.relation.is_some() {
            cx.error_spanned_by(
                &inner.path,
                format!("one `has_many` declares one relation: {HOW}"),
            );
        } else {
            self.relation = Some((name, child));
        }
        Ok(())
    }
}
