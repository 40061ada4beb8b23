//! Schema versions in `impl Model`: the stamp `to_item` writes, the reading of old shapes that
//! `from_item` begins with, and the schema's `schema_version`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::Container;

/// `Some(SchemaVersion { .. })` for a model with a schema version, else `None`.
pub fn schema_version(cont: &Container, private: &TokenStream) -> TokenStream {
    match &cont.attrs.versions.current {
        Some((_, current)) => {
            let attribute = cont.attrs.versions.stamp();
            quote! {
                #private::core::option::Option::Some(#private::SchemaVersion {
                    current: #current,
                    attribute: #attribute,
                })
            }
        }
        None => quote!(#private::core::option::Option::None),
    }
}

/// The schema's `fields`: each stored field's attribute name, Rust type (as written, without
/// spaces), whether an item must hold it, and its earlier names; what a schema snapshot records.
pub fn field_schemas(cont: &Container, private: &TokenStream) -> TokenStream {
    let fields = cont.fields().iter().filter(|f| f.is_stored()).map(|field| {
        let name = field.stored_name();
        let ty = field.ty;
        let rust_type: String = quote!(#ty).to_string().split_whitespace().collect();
        let required = crate::internals::types::option_inner(ty).is_none()
            && field.attrs.default.is_none()
            && field.attrs.flatten.is_none();
        let aliases = &field.attrs.aliases;
        quote! {
            #private::FieldSchema {
                name: #name,
                rust_type: #rust_type,
                required: #required,
                aliases: &[#(#aliases),*],
            }
        }
    });
    quote!(&[#(#fields),*])
}

/// The statement of `to_item` that stamps the item with the current version.
pub fn write_stamp(cont: &Container, private: &TokenStream) -> TokenStream {
    let Some((_, current)) = &cont.attrs.versions.current else {
        return TokenStream::new();
    };
    let attribute = cont.attrs.versions.stamp();
    quote! {
        item.insert(
            #private::std::borrow::ToOwned::to_owned(#attribute),
            #private::SchemaVersion::stamp(#current),
        );
    }
}

/// The statements `from_item` begins with: an item stamped with an earlier version is read as
/// that version's shape and upgraded, step by step, to the model.
pub fn read_old_shapes(cont: &Container, private: &TokenStream) -> TokenStream {
    let versions = &cont.attrs.versions;
    let Some((_, current)) = &versions.current else {
        return TokenStream::new();
    };
    let attribute = versions.stamp();
    let model = cont.ident.to_string();
    let mut shapes: Vec<_> = versions
        .old_shapes
        .iter()
        .flat_map(|(_, shapes)| shapes)
        .collect();
    shapes.sort_by_key(|shape| shape.version);
    let arms = shapes.iter().enumerate().map(|(at, shape)| {
        let version = shape.version;
        let first = &shape.ty;
        let read = quote_spanned! {first.span()=>
            #private::read_shape::<#first>(item, #model, #version)?
        };
        // Each step is spanned on the shape it starts from: a missing `Upgrade` is reported
        // at `n = ShapeN` in `old_shapes(...)`.
        let steps = shapes[at..].iter().enumerate().map(|(i, step)| {
            let from = &step.ty;
            let to = match shapes.get(at + i + 1) {
                Some(next) => {
                    let ty = &next.ty;
                    quote!(#ty)
                }
                None => quote!(Self),
            };
            quote_spanned! {from.span()=>
                let shape = #private::upgrade_step::<#from, #to>(shape);
            }
        });
        quote! {
            #version => {
                let shape = #read;
                #(#steps)*
                #private::core::result::Result::Ok(shape)
            }
        }
    });
    quote! {
        let stored_version = #private::stored_version(&item, #attribute)?;
        if stored_version != #current {
            return match stored_version {
                #(#arms)*
                other => #private::core::result::Result::Err(
                    #private::unknown_version(#model, other, #current)
                ),
            };
        }
        item.remove(#attribute);
    }
}
