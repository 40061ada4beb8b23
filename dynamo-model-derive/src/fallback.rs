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
    let private = quote!(#krate::__private);
    let stub = match derive {
        Derive::Model => model_stub(input, &private),
        // A projection's uses name the model, so a missing impl causes no follow-on errors
        // worth hiding.
        Derive::Projection => quote! {},
        Derive::Attribute => attribute_stub(input, &private),
    };
    let stub = crate::dummy::wrap_in_const(stub);
    quote! {
        #errors
        #stub
    }
}

/// `Model` and what it requires, implemented by a model whose derive failed.
fn model_stub(input: &DeriveInput, private: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // A model marked `hooks` (`async_hooks`) has its own `impl Hooks` (`impl AsyncHooks`);
    // another would conflict with it.
    let hooks = (!says(input, "hooks")).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Hooks for #ident #ty_generics #where_clause {}
        }
    });
    let related = related_stub(input, private);
    let async_hooks = (!says(input, "async_hooks")).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::AsyncHooks for #ident #ty_generics #where_clause {}
        }
    });
    // A model in a shared table is named in the table's `entities(...)`, which needs it to be an
    // entity even while its own derive fails.
    let entity = shared_table(input).map(|(table, name)| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Entity for #ident #ty_generics #where_clause {
                type Table = #table;
                type SortKeyStart = ();
                const ENTITY: &'static str = #name;
                const PARTITION_SHAPE: &'static str = "";
                fn sort_key() {}
            }
        }
    });
    quote! {
        #hooks
        #async_hooks
        #related
        #entity
        #[automatically_derived]
        impl #impl_generics #private::WriteBehaviours for #ident #ty_generics #where_clause {}
        #[automatically_derived]
        impl #impl_generics #private::Model for #ident #ty_generics #where_clause {
            type Key<'k> = #private::core::convert::Infallible;
            type Fields = ();
            type PartitionKey = #private::std::string::String;
            type SortKey = #private::NoSortKey;
            fn fields() -> Self::Fields {}
            type Indexes = ();
            fn indexes() -> Self::Indexes {}
            const SCHEMA: #private::Schema = #private::Schema {
                name: "",
                table: "",
                partition_key: #private::KeyAttribute { name: "", scalar: #private::KeyScalar::S },
                sort_key: #private::core::option::Option::None,
                attributes: &[],
                indexes: &[],
                ttl: #private::core::option::Option::None,
                version: #private::core::option::Option::None,
                created_at: #private::core::option::Option::None,
                updated_at: #private::core::option::Option::None,
                counters: &[],
                uniques: &[],
                schema_version: #private::core::option::Option::None,
                fields: &[],
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
    }
}

/// The conversions of a document whose derive failed.
fn attribute_stub(input: &DeriveInput, private: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
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

/// The `table = Path` and `entity = "..."` options, read loosely: the shared table a model is
/// stored in, and its entity name (empty if not given).
fn shared_table(input: &DeriveInput) -> Option<(TokenStream, String)> {
    use proc_macro2::TokenTree;
    let mut table = None;
    let mut entity = String::new();
    for list in input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("dynamo"))
        .filter_map(|attr| attr.meta.require_list().ok())
    {
        let trees: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        for (at, tree) in trees.iter().enumerate() {
            let TokenTree::Ident(word) = tree else {
                continue;
            };
            let is_eq =
                matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
            if !is_eq {
                continue;
            }
            if word == "table" && matches!(trees.get(at + 2), Some(TokenTree::Ident(_))) {
                let path: TokenStream = trees[at + 2..]
                    .iter()
                    .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .cloned()
                    .collect();
                table = Some(path);
            } else if word == "entity"
                && let Some(TokenTree::Literal(lit)) = trees.get(at + 2)
                && let Ok(lit) = syn::parse_str::<syn::LitStr>(&lit.to_string())
            {
                entity = lit.value();
            }
        }
    }
    table.map(|table| (table, entity))
}

/// `Related` with no relations, and the stub key's `KeyArg`, for a model whose derive failed.
fn related_stub(input: &DeriveInput, private: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Related for #ident #ty_generics #where_clause {
            type Relations = ();
            fn relations() {}
        }

        #[automatically_derived]
        impl #impl_generics #private::KeyArg<#ident #ty_generics> for #private::core::convert::Infallible #where_clause {
            fn key_item(self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                match self {}
            }
        }
    }
}
