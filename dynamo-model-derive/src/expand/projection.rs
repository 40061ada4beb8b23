//! `#[derive(Projection)]`: a struct holding some fields of a model, each checked against the
//! model's field of the same name and type, read from a ProjectionExpression of exactly those
//! attributes.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::Container;

pub fn expand(cont: &Container, krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    let ident = cont.ident;
    let Some((_, model)) = &cont.attrs.model else {
        return TokenStream::new();
    };
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    // Each field's path in the model, checked to hold the field's type: a missing field is
    // "no field on the model's fields", another type a mismatch, both on the field.
    let paths: Vec<_> = cont
        .fields()
        .iter()
        .map(|field| {
            let member = field.ident;
            let ty = field.ty;
            quote_spanned! {ty.span()=>
                #private::projected_path::<#ty, _>(&fields.#member)
            }
        })
        .collect();
    let reads = cont.fields().iter().zip(&paths).map(|(field, path)| {
        let member = field.ident;
        let ty = field.ty;
        quote_spanned! {ty.span()=>
            #member: {
                let path = #path;
                let name = #private::top_level_name(&path);
                #private::read_field::<#ty>(item.remove(name), name)?
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Projection<#model> for #ident #ty_generics #where_clause {
            fn projection_paths() -> #private::core::option::Option<#private::expr::ProjectionExpression> {
                let fields = <#model as #private::Model>::fields();
                #private::core::option::Option::Some(
                    #private::expr::ProjectionExpression::new() #(.raw(#paths))*
                )
            }

            fn from_projection(mut item: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
                let fields = <#model as #private::Model>::fields();
                #private::core::result::Result::Ok(Self { #(#reads),* })
            }
        }
    }
}
