//! Code shared by every derive of a struct: writing its fields into an item map and reading
//! them back, one call per field, each spanned on the field's type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Field};

/// Every type parameter must be storable; add that bound to the type's own.
pub fn with_field_bounds(cont: &Container, private: &TokenStream) -> syn::Generics {
    let mut generics = cont.generics.clone();
    let params: Vec<_> = generics.type_params().map(|p| p.ident.clone()).collect();
    let where_clause = generics.make_where_clause();
    for param in params {
        where_clause.predicates.push(syn::parse_quote! {
            #param: #private::ToAttribute + #private::FromAttribute
        });
    }
    generics
}

/// Statements that declare `item` and write every field of `self` into it.
pub fn write_item(fields: &[Field], private: &TokenStream) -> TokenStream {
    let count = fields.iter().filter(|f| f.is_stored()).count();
    let writes = fields.iter().filter(|f| f.is_stored()).map(|field| {
        let member = field.ident;
        let name = field.stored_name();
        let ty = field.ty;
        quote_spanned! {ty.span()=>
            #private::write_field::<#ty>(&mut item, #name, &self.#member)?;
        }
    });
    quote! {
        let mut item = #private::Item::with_capacity(#count);
        #(#writes)*
    }
}

/// An expression building `Self` from the fields removed from a mutable `item`.
pub fn read_item(fields: &[Field], private: &TokenStream) -> TokenStream {
    let reads = fields.iter().map(|field| {
        let member = field.ident;
        let name = field.stored_name();
        let ty = field.ty;
        let read = if field.is_stored() {
            quote_spanned! {ty.span()=>
                #private::read_field::<#ty>(item.remove(#name), #name)?
            }
        } else {
            quote_spanned! {ty.span()=> <#ty as #private::core::default::Default>::default()}
        };
        quote!(#member: #read)
    });
    quote!(Self { #(#reads),* })
}
