//! Writing key text from templates: the argument types of parts, and the statements rendering a
//! template from field values.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};

use crate::internals::ast::Field;
use crate::internals::template::{Segment, Template};
use crate::internals::types::option_inner;

/// The type a caller passes for a part: `&str` for a `String`. Spanned on the template, so a
/// type without a key encoding is reported where it was named.
pub fn part_arg(
    field: &Field,
    lit: &syn::LitStr,
    lifetime: &TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let ty = crate::expand::respan(field.ty.to_token_stream(), lit.span());
    quote_spanned!(lit.span()=> <#ty as #private::KeyPart>::Arg<#lifetime>)
}

/// `part_arg` of an index template, where an `Option<T>` part (a sparse index) is named by a `T`.
pub fn index_part_arg(
    field: &Field,
    lit: &syn::LitStr,
    lifetime: &TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let inner = option_inner(field.ty).unwrap_or(field.ty);
    let ty = crate::expand::respan(inner.to_token_stream(), lit.span());
    quote_spanned!(lit.span()=> <#ty as #private::KeyPart>::Arg<#lifetime>)
}

/// The template literal that first names `field`: the partition template's, else the sort
/// template's.
pub fn naming_lit<'t>(
    partition: &'t Template,
    sort: Option<&'t Template>,
    field: &Field,
) -> &'t syn::LitStr {
    match sort {
        Some(sort) if !partition.has_part(field) => sort.lit,
        _ => partition.lit,
    }
}

/// The local variable holding `field`'s key part.
pub fn local(field: &Field) -> syn::Ident {
    format_ident!("__key_{}", field.ident)
}

/// Statements appending `segments` to the `KeyText` named `key`, each part's value given by
/// `value`.
fn append(
    segments: &[Segment],
    lit: &syn::LitStr,
    value: &dyn Fn(&Field) -> TokenStream,
) -> TokenStream {
    let steps = segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(key.literal(#text);),
        Segment::Part(field) => {
            let name = field.ident.to_string();
            let value = crate::expand::respan(value(field), lit.span());
            quote_spanned!(lit.span()=> key.part(#name, #value)?;)
        }
    });
    quote!(#(#steps)*)
}

/// An expression rendering a whole template into a `String`, `?`-ing its errors.
pub fn render(
    template: &Template,
    attribute: &TokenStream,
    private: &TokenStream,
    value: &dyn Fn(&Field) -> TokenStream,
) -> TokenStream {
    let separators = template.separators();
    let capacity = template.lit.value().len() + 16;
    let steps = append(&template.segments, template.lit, value);
    quote! {{
        let mut key = #private::KeyText::new(#attribute, #separators, #capacity);
        #steps
        key.finish()
    }}
}

/// `name` in UpperCamelCase: `order_id` → `OrderId`.
pub fn camel(name: &str) -> String {
    name.trim_start_matches("r#")
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}
