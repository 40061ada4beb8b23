//! `#[derive(Attribute)]`: a struct stored as a map (M) or a unit-only enum stored as a string
//! (S), so that it can be a field of a model, an element of a list, a value of a map.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields::{self, Access};
use crate::internals::ast::{Body, Container, Style, Variant};

pub fn expand(cont: &Container, krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    let ident = cont.ident;
    let generics = fields::with_field_bounds(cont, &private);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let (to, from, expected) = match &cont.body {
        Body::Struct(fields) => {
            let build = fields::write_item(fields, &private, Access::SelfField, (None, 0));
            let construct = fields::read_item(fields, &private, quote!(Self));
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
        Body::Enum(variants) if cont.is_tagged_enum() => tagged_enum(cont, variants, &private),
        Body::Enum(variants) => unit_enum(variants, &private),
    };
    let handle = super::paths::document_handle(cont, &generics, &private);
    let validation = match &cont.body {
        Body::Struct(_) => {
            let items = super::behaviour::document_items(cont, &private);
            quote! {
                #[automatically_derived]
                impl #impl_generics #private::ValidateNested for #ident #ty_generics #where_clause {
                    #items
                }
            }
        }
        Body::Enum(_) => quote!(),
    };
    quote! {
        #handle

        #[automatically_derived]
        impl #impl_generics #private::ToAttribute for #ident #ty_generics #where_clause {
            fn to_attribute(&self) -> #private::core::result::Result<
                #private::core::option::Option<#private::AttributeValue>,
                #private::ConversionError,
            > {
                #to
            }
        }

        #validation

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

/// A map whose tag attribute (`type` unless `tag = "..."`) holds the variant's name. The
/// variant's data sits beside the tag, or under the `content` attribute when one is named.
fn tagged_enum(
    cont: &Container,
    variants: &[Variant],
    private: &TokenStream,
) -> (TokenStream, TokenStream, TokenStream) {
    let tag = cont.tag_name();
    let content = cont.attrs.content.as_ref().map(syn::LitStr::value);
    let names: Vec<_> = variants.iter().map(Variant::stored_name).collect();
    let writes = variants
        .iter()
        .map(|variant| write_variant(variant, &tag, content.as_deref(), private));
    let reads = variants
        .iter()
        .map(|variant| read_variant(variant, content.as_deref(), private));
    let to = quote! {
        let item = match self {
            #(#writes)*
        };
        #private::core::result::Result::Ok(#private::core::option::Option::Some(
            #private::AttributeValue::M(item)
        ))
    };
    let from = quote! {
        let mut item = match value {
            #private::AttributeValue::M(item) => item,
            other => return #private::core::result::Result::Err(
                #private::ConversionError::wrong_type(Self::EXPECTED, &other)
            ),
        };
        let tag = #private::read_field::<#private::std::string::String>(item.remove(#tag), #tag)?;
        match tag.as_str() {
            #(#reads)*
            _ => #private::core::result::Result::Err(
                #private::ConversionError::unknown_variant(tag, &[#(#names),*]).in_attribute(#tag)
            ),
        }
    };
    (to, from, quote!("M"))
}

/// One arm of the write `match`, evaluating to the variant's item.
fn write_variant(
    variant: &Variant,
    tag: &str,
    content: Option<&str>,
    private: &TokenStream,
) -> TokenStream {
    let ident = variant.ident;
    let name = variant.stored_name();
    let insert_tag = quote! {
        item.insert(#private::std::borrow::ToOwned::to_owned(#tag), #private::AttributeValue::S(
            #private::std::borrow::ToOwned::to_owned(#name)
        ));
    };
    match (&variant.style, content) {
        (Style::Unit, _) => quote! {
            Self::#ident => {
                let mut item = #private::Item::with_capacity(1);
                #insert_tag
                item
            }
        },
        (Style::Struct(fields), None) => {
            let members = fields.iter().map(|f| f.ident);
            let build = fields::write_item(fields, private, Access::Binding, (Some(tag), 0));
            quote! {
                Self::#ident { #(#members),* } => {
                    #build
                    #insert_tag
                    item
                }
            }
        }
        (Style::Struct(fields), Some(content)) => {
            let members = fields.iter().map(|f| f.ident);
            let build = fields::write_item(fields, private, Access::Binding, (None, 0));
            quote! {
                Self::#ident { #(#members),* } => {
                    let data = {
                        #build
                        #private::AttributeValue::M(item)
                    };
                    let mut item = #private::Item::with_capacity(2);
                    item.insert(#private::std::borrow::ToOwned::to_owned(#content), data);
                    #insert_tag
                    item
                }
            }
        }
        (Style::Newtype(ty), None) => quote! {
            Self::#ident(value) => {
                let mut item = #private::tagged_newtype::<#ty>(value, #tag, #name)?;
                #insert_tag
                item
            }
        },
        (Style::Newtype(ty), Some(content)) => quote! {
            Self::#ident(value) => {
                let mut item = #private::Item::with_capacity(2);
                #private::write_field::<#ty>(&mut item, #content, value)?;
                #insert_tag
                item
            }
        },
    }
}

/// One arm of the read `match` on the tag's value.
fn read_variant(variant: &Variant, content: Option<&str>, private: &TokenStream) -> TokenStream {
    let ident = variant.ident;
    let name = variant.stored_name();
    let body = match (&variant.style, content) {
        (Style::Unit, _) => quote!(Self::#ident),
        (Style::Struct(fields), None) => fields::read_item(fields, private, quote!(Self::#ident)),
        (Style::Struct(fields), Some(content)) => {
            let construct = fields::read_item(fields, private, quote!(Self::#ident));
            quote! {{
                let mut item = match item.remove(#content) {
                    #private::core::option::Option::Some(#private::AttributeValue::M(item)) => item,
                    #private::core::option::Option::Some(other) => return #private::core::result::Result::Err(
                        #private::ConversionError::wrong_type("M", &other).in_attribute(#content)
                    ),
                    #private::core::option::Option::None => return #private::core::result::Result::Err(
                        #private::ConversionError::missing("M").in_attribute(#content)
                    ),
                };
                #construct
            }}
        }
        (Style::Newtype(ty), None) => quote! {
            Self::#ident(<#ty as #private::FromAttribute>::from_attribute(#private::AttributeValue::M(item))?)
        },
        (Style::Newtype(ty), Some(content)) => quote! {
            Self::#ident(#private::read_field::<#ty>(item.remove(#content), #content)?)
        },
    };
    quote!(#name => #private::core::result::Result::Ok(#body),)
}
