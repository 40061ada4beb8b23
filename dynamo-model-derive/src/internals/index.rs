//! Index declarations with their field names resolved, once: `check` builds them while it
//! reports every name that resolves to nothing, and `expand` only reads them.

use quote::format_ident;

use super::ast::Field;
use super::attr::IndexAttr;

/// One index of a model, its names resolved to the model's fields.
pub struct Index<'c, 'a> {
    /// The declaration.
    pub attr: &'c IndexAttr,
    /// The index name, as written.
    pub name: &'c syn::LitStr,
    /// The field of `Model::indexes()` that is its handle.
    pub member: syn::Ident,
    /// The partition key, with the name that named it (`None` for a local index, which
    /// shares the table's partition key and may leave it unnamed).
    pub partition: (&'c Field<'a>, Option<&'c syn::LitStr>),
    /// The sort key, with the name that named it.
    pub sort: Option<(&'c Field<'a>, &'c syn::LitStr)>,
    /// The fields of `include = [...]`.
    pub include: Vec<&'c Field<'a>>,
    /// The further partition and sort attributes of a multi-attribute key.
    pub more_partition: Vec<(&'c Field<'a>, &'c syn::LitStr)>,
    pub more_sort: Vec<(&'c Field<'a>, &'c syn::LitStr)>,
}

impl Index<'_, '_> {
    /// Whether the key has more than one partition or sort attribute.
    pub fn is_multi_attribute(&self) -> bool {
        !self.more_partition.is_empty() || !self.more_sort.is_empty()
    }
}

/// The field of `indexes()` for an index: its name, with characters an identifier cannot hold
/// replaced by `_`, a leading digit or a keyword given a `_` more.
pub fn member(name: &str) -> syn::Ident {
    let mut member: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if member.starts_with(|c: char| c.is_ascii_digit()) {
        member.insert(0, '_');
    }
    match syn::parse_str::<syn::Ident>(&member) {
        Ok(ident) => ident,
        Err(_) => format_ident!("{}_", member),
    }
}

/// The type of an index key field's value: `T` for an `Option<T>` field, whose `None` leaves the
/// item out of the index (a sparse index).
pub fn key_type<'f>(field: &Field<'f>) -> &'f syn::Type {
    super::types::option_inner(field.ty).unwrap_or(field.ty)
}
