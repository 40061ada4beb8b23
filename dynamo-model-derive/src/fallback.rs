//! What a derive with errors expands to: the errors, plus a stub implementation of `Model`, so
//! that code using the model does not drown the real errors in "trait not implemented" ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::internals::ast::Derive;

pub fn expand(
    input: &DeriveInput,
    krate: &TokenStream,
    errors: syn::Error,
    derive: Derive,
) -> TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let private = quote!(#krate::__private);
    // A model marked `hooks` (`async_hooks`) has its own `impl Hooks` (`impl AsyncHooks`);
    // another would conflict with it.
    let hooks = (!says(input, "hooks")).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Hooks for #ident #ty_generics #where_clause {}
        }
    });
    let async_hooks = (!says(input, "async_hooks")).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::AsyncHooks for #ident #ty_generics #where_clause {}
        }
    });
    let stub = match derive {
        Derive::Model => quote! {
        #hooks
        #async_hooks
        #[automatically_derived]
        impl #impl_generics #private::WriteBehaviours for #ident #ty_generics #where_clause {}
        #[automatically_derived]
        impl #impl_generics #private::Model for #ident #ty_generics #where_clause {
            type Key<'k> = #private::core::convert::Infallible;
            type Fields = ();
            type HashKey = #private::std::string::String;
            type RangeKey = #private::NoRangeKey;
            fn fields() -> Self::Fields {}
            type Indexes = ();
            fn indexes() -> Self::Indexes {}
            const SCHEMA: #private::Schema = #private::Schema {
                table: "",
                hash_key: #private::KeyAttribute { name: "", scalar: #private::KeyScalar::S },
                range_key: #private::core::option::Option::None,
                attributes: &[],
                indexes: &[],
                ttl: #private::core::option::Option::None,
                version: #private::core::option::Option::None,
                created_at: #private::core::option::Option::None,
                updated_at: #private::core::option::Option::None,
                entity: #private::core::option::Option::None,
            };
            fn to_item(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                #private::core::unreachable!()
            }
            fn from_item(_: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
                #private::core::unreachable!()
            }
            fn key_item(key: Self::Key<'_>) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                match key {}
            }
            fn item_key(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                #private::core::unreachable!()
            }
        }
        },
        // A projection's uses name the model, so a missing impl causes no follow-on errors
        // worth hiding.
        Derive::Projection => quote! {},
        Derive::Attribute => quote! {
            #[automatically_derived]
            impl #impl_generics #private::expr::Navigable for #ident #ty_generics #where_clause {
                type Handle<__W> = #private::expr::Path<__W>;
                fn handle<__W>(path: #private::expr::Path<__W>) -> #private::expr::Path<__W> {
                    path
                }
            }
            #[automatically_derived]
            impl #impl_generics #private::ToAttribute for #ident #ty_generics #where_clause {
                fn to_attribute(&self) -> #private::core::result::Result<
                    #private::core::option::Option<#private::AttributeValue>,
                    #private::ConversionError,
                > {
                    #private::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_generics #private::FromAttribute for #ident #ty_generics #where_clause {
                const EXPECTED: &'static str = "";
                fn from_attribute(_: #private::AttributeValue) -> #private::core::result::Result<Self, #private::ConversionError> {
                    #private::core::unreachable!()
                }
            }
        },
    };
    let stub = crate::dummy::wrap_in_const(stub);
    quote! {
        #errors
        #stub
    }
}

/// Whether the struct's `#[dynamo(...)]` options include the word `option`, read loosely: the
/// options may hold the very mistakes being reported.
fn says(input: &DeriveInput, option: &str) -> bool {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("dynamo"))
        .filter_map(|attr| attr.meta.require_list().ok())
        .any(|list| {
            list.tokens
                .clone()
                .into_iter()
                .any(|tree| matches!(tree, proc_macro2::TokenTree::Ident(ident) if ident == option))
        })
}
