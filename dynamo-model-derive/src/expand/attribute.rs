//! `#[derive(Attribute)]`: a struct stored as a map (M) or a unit-only enum stored as a string
//! (S), so that it can be a field of a model, an element of a list, a value of a map.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields;
use crate::internals::ast::{Body, Container, Variant};

pub fn expand(cont: &Container, krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    let ident = cont.ident;
    let generics = fields::with_field_bounds(cont, &private);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let (to, from, expected) = match &cont.body {
        Body::Struct(fields) => {
            let build = fields::write_item(fields, &private);
            let construct = fields::read_item(fields, &private);
            (
                quote! {
                    #build
                    #private::core::result::Result::Ok(#private::core::option::Option::Some(
                        #private::AttributeValue::M(item)
                    ))
                },
                quote! {
                    match value {
                        #private::AttributeValue::M(mut item) => #private::core::result::Result::Ok(#construct),
                        other => #private::core::result::Result::Err(
                            #private::ConversionError::wrong_type(Self::EXPECTED, &other)
                        ),
                    }
                },
                quote!("M"),
            )
        }
        Body::UnitEnum(variants) => unit_enum(variants, &private),
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::ToAttribute for #ident #ty_generics #where_clause {
            fn to_attribute(&self) -> #private::core::result::Result<
                #private::core::option::Option<#private::AttributeValue>,
                #private::ConversionError,
            > {
                #to
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::FromAttribute for #ident #ty_generics #where_clause {
            const EXPECTED: &'static str = #expected;

            fn from_attribute(value: #private::AttributeValue) -> #private::core::result::Result<Self, #private::ConversionError> {
                #from
            }
        }
    }
}

/// Each variant is the string of its (renamed) name; any other string is an error listing the
/// ones expected.
fn unit_enum(
    variants: &[Variant],
    private: &TokenStream,
) -> (TokenStream, TokenStream, TokenStream) {
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let names: Vec<_> = variants.iter().map(Variant::stored_name).collect();
    let to = quote! {
        let name = match self {
            #(Self::#idents => #names,)*
        };
        #private::core::result::Result::Ok(#private::core::option::Option::Some(
            #private::AttributeValue::S(#private::std::borrow::ToOwned::to_owned(name))
        ))
    };
    let from = quote! {
        match value {
            #private::AttributeValue::S(text) => match text.as_str() {
                #(#names => #private::core::result::Result::Ok(Self::#idents),)*
                _ => #private::core::result::Result::Err(
                    #private::ConversionError::unknown_variant(text, &[#(#names),*])
                ),
            },
            other => #private::core::result::Result::Err(
                #private::ConversionError::wrong_type(Self::EXPECTED, &other)
            ),
        }
    };
    (to, from, quote!("S"))
}
