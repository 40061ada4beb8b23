//! The parsed model: the struct's fields with their options, each node keeping the tokens it
//! came from so that errors point at the user's code.

use syn::{Data, DeriveInput, Fields};

use super::attr::{ContainerAttrs, FieldAttrs};
use super::ctxt::Ctxt;

/// A struct deriving `Model`.
pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub generics: &'a syn::Generics,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
}

/// One field of the struct.
pub struct Field<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub attrs: FieldAttrs,
}

impl<'a> Container<'a> {
    /// Parses the derive input; `None` when it is not a struct with named fields (reported).
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::from_ast(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(_) | Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "#[derive(Model)] needs a struct with named fields: each field is one attribute of the item",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "#[derive(Model)] is for structs: a model is one item of a table",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(Model)] is for structs: a model is one item of a table",
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .filter_map(|field| {
                Some(Field {
                    ident: field.ident.as_ref()?,
                    ty: &field.ty,
                    attrs: FieldAttrs::from_ast(cx, &field.attrs),
                })
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            fields,
        })
    }

    /// The table name: `table = "..."`, else the struct's name.
    pub fn table_name(&self) -> String {
        match &self.attrs.table {
            Some(table) => table.value(),
            None => self.ident.to_string(),
        }
    }

    /// The field marked `hash_key` (the first, if several are; `check` reports the rest).
    pub fn hash_key(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.attrs.hash_key.is_some())
    }

    /// The field marked `range_key`, if any.
    pub fn range_key(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.attrs.range_key.is_some())
    }
}

impl Field<'_> {
    /// The attribute name in the item: `rename = "..."`, else the field's name without `r#`.
    pub fn stored_name(&self) -> String {
        match &self.attrs.rename {
            Some(name) => name.value(),
            None => {
                let name = self.ident.to_string();
                name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
            }
        }
    }
}
