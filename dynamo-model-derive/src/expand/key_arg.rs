//! `impl KeyArg<Model>`: the arguments `get`, `update` and `delete` take as a model's key. The
//! key's own argument type, and for each `String` part `&String` too (what `&order.id` is), so
//! that passing a field needs no `.as_str()`; anything else is refused with a message that says
//! what the key is made of.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use quote::quote_spanned;
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Field};
use crate::internals::check::Checked;

/// How a `String` part may be passed: `&str` (its argument type), `&String` (a field), and
/// `&&str` (an element of a slice of `&str`).
#[derive(Clone, Copy)]
enum StringForm {
    Str,
    String,
    StrRef,
}

/// The forms each `String` part of a key takes: all three for keys of at most two `String`
/// parts, `&str` and `&String` for three, `&str` alone beyond (at most nine impls).
fn string_forms(strings: usize) -> &'static [StringForm] {
    match strings {
        0..=2 => &[StringForm::Str, StringForm::String, StringForm::StrRef],
        3 => &[StringForm::Str, StringForm::String],
        _ => &[StringForm::Str],
    }
}

/// One part of a key: its argument type (with lifetime `'k`), and whether the field is a
/// `String`.
pub struct KeyPartArg {
    pub arg: TokenStream,
    pub string: bool,
}

/// Whether the field's type is written `String`.
pub fn is_string(field: &Field) -> bool {
    matches!(field.ty, syn::Type::Path(path) if path.qself.is_none() && path.path.is_ident("String"))
}

/// The impls of `KeyArg<#ident>` for the key made of `parts`.
pub fn impls(
    ident: &syn::Ident,
    generics: &syn::Generics,
    parts: &[KeyPartArg],
    private: &TokenStream,
) -> TokenStream {
    let mut with_k = generics.clone();
    with_k.params.insert(0, syn::parse_quote!('k));
    let (impl_generics, _, _) = with_k.split_for_impl();
    let (_, ty_generics, where_clause) = generics.split_for_impl();
    let strings = parts.iter().filter(|p| p.string).count();
    let forms = string_forms(strings);
    let variants = forms.len().pow(u32::try_from(strings).unwrap_or(0));
    let locals: Vec<syn::Ident> = (0..parts.len())
        .map(|i| format_ident!("__part{i}"))
        .collect();
    (0..variants)
        .map(|variant: usize| {
            // The variant's digits in base `forms.len()`, one per `String` part.
            let mut rest = variant;
            let (types, values): (Vec<TokenStream>, Vec<TokenStream>) = parts
                .iter()
                .zip(&locals)
                .map(|(part, local)| {
                    let arg = &part.arg;
                    if !part.string {
                        return (quote!(#arg), quote!(#local));
                    }
                    let form = forms[rest % forms.len()];
                    rest /= forms.len();
                    // A `String` part is named as `&str` (what its argument type is) rather
                    // than through the projection, which coherence would not tell from the
                    // other forms.
                    match form {
                        StringForm::Str => (quote!(&'k str), quote!(#local)),
                        StringForm::String => (
                            quote!(&'k #private::std::string::String),
                            quote!(#local.as_str()),
                        ),
                        StringForm::StrRef => (quote!(&'k &'k str), quote!(*#local)),
                    }
                })
                .unzip();
            let (self_ty, pattern, key) = match (types.as_slice(), values.as_slice()) {
                ([ty], [value]) => (ty.clone(), quote!(#(#locals)*), value.clone()),
                _ => (quote!((#(#types),*)), quote!((#(#locals),*)), quote!((#(#values),*))),
            };
            quote! {
                #[automatically_derived]
                impl #impl_generics #private::KeyArg<#ident #ty_generics> for #self_ty #where_clause {
                    fn key_item(self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                        let #pattern = self;
                        <#ident #ty_generics as #private::Model>::key_item(#key)
                    }
                }
            }
        })
        .collect()
}

/// `impl KeyArg` for the key of a model in a table of its own: its key fields' arguments.
pub fn own_key_args(
    cont: &Container,
    checked: &Checked,
    generics: &syn::Generics,
    private: &TokenStream,
) -> TokenStream {
    // A model whose keys are templates has its impls from the templates.
    let Some(partition) = cont.partition_key().filter(|_| checked.templates.is_none()) else {
        return TokenStream::new();
    };
    let parts: Vec<KeyPartArg> = std::iter::once(partition)
        .chain(cont.sort_key())
        .map(|field| KeyPartArg {
            arg: key_type_arg(field, &quote!('k), private),
            string: is_string(field),
        })
        .collect();
    impls(cont.ident, generics, &parts, private)
}

/// `KeyType` bounds the key fields; the span puts "cannot be a DynamoDB key" on the field's type.
pub fn key_type_arg(field: &Field, lifetime: &TokenStream, private: &TokenStream) -> TokenStream {
    let ty = field.ty;
    quote_spanned!(ty.span()=> <#ty as #private::KeyType>::Arg<#lifetime>)
}
