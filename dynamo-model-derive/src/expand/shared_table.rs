//! `impl SharedTable` for a unit struct: the table's name, key attribute names and entity
//! attribute, as constants the models stored in it read.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::internals::attr::SharedTableAttrs;
use crate::internals::check;
use crate::internals::ctxt::Ctxt;

/// The whole derive: parse, check, then generate. With errors, the implementation is still
/// generated from what was understood (without the checks of its models), so that the models
/// naming the table report no "trait not implemented" besides the real mistake.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let attrs = SharedTableAttrs::from_ast(&cx, &input.attrs);
    check::check_shared_table(&cx, input, &attrs);
    let krate = attrs
        .krate
        .as_ref()
        .map_or_else(|| quote!(::dynamo_model), ToTokens::to_token_stream);
    match cx.check() {
        Ok(()) => crate::dummy::wrap_in_const(expand(input, &attrs, &krate, true)),
        Err(errors) => {
            let errors = errors.to_compile_error();
            let stub = crate::dummy::wrap_in_const(expand(input, &attrs, &krate, false));
            quote!(#errors #stub)
        }
    }
}

/// The implementation; `check_entities` adds the compile-time checks of the listed models.
fn expand(
    input: &DeriveInput,
    attrs: &SharedTableAttrs,
    krate: &TokenStream,
    check_entities: bool,
) -> TokenStream {
    let ident = &input.ident;
    let private = quote!(#krate::__private);
    let name = attrs
        .name
        .as_ref()
        .map_or_else(|| ident.to_string(), syn::LitStr::value);
    let partition_key = attrs
        .partition_key
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let entity_attribute = attrs
        .entity_attribute
        .as_ref()
        .map_or_else(|| "_et".to_owned(), syn::LitStr::value);
    let indexes = attrs.indexes.iter().map(|index| {
        let sort = index.sort_key.as_ref().map(syn::LitStr::value);
        let (partition, name) = (index.partition_key.value(), index.name.value());
        global_index_schema(&name, &partition, sort.as_deref(), &private)
    });
    let names: Vec<_> = attrs
        .entities
        .iter()
        .map(|entity| quote!(<#entity as #private::Entity>::ENTITY))
        .collect();
    let entity_checks = check_entities.then(|| entity_checks(ident, attrs, &private, &names));
    let declared = TableDecl {
        name,
        partition_key,
        sort_key: attrs.sort_key.as_ref().map(syn::LitStr::value),
        entity_attribute,
        indexes: indexes.collect(),
        entities: names,
    }
    .impl_for(&quote!(#ident), &private);
    quote! {
        #entity_checks
        #declared
    }
}

/// What `impl SharedTable` declares: a table's name, key and entity attribute names, global
/// indexes and the entity names of its models.
pub struct TableDecl {
    pub name: String,
    pub partition_key: String,
    pub sort_key: Option<String>,
    pub entity_attribute: String,
    /// `IndexSchema` expressions, from [`global_index_schema`].
    pub indexes: Vec<TokenStream>,
    /// `&'static str` expressions.
    pub entities: Vec<TokenStream>,
}

impl TableDecl {
    /// `impl SharedTable for #ident`.
    pub fn impl_for(&self, ident: &TokenStream, private: &TokenStream) -> TokenStream {
        let TableDecl {
            name,
            partition_key,
            sort_key,
            entity_attribute,
            indexes,
            entities,
        } = self;
        let sort_key = match sort_key {
            Some(sort_key) => quote!(#private::core::option::Option::Some(#sort_key)),
            None => quote!(#private::core::option::Option::None),
        };
        quote! {
            #[automatically_derived]
            impl #private::SharedTable for #ident {
                const NAME: &'static str = #name;
                const PARTITION_KEY: &'static str = #partition_key;
                const SORT_KEY: #private::core::option::Option<&'static str> = #sort_key;
                const ENTITY_ATTRIBUTE: &'static str = #entity_attribute;
                const INDEXES: &'static [#private::IndexSchema] = &[#(#indexes),*];
                const ENTITIES: &'static [&'static str] = &[#(#entities),*];
            }
        }
    }
}

/// Every listed model is stored in this table, and their entity names differ.
fn entity_checks(
    ident: &syn::Ident,
    attrs: &SharedTableAttrs,
    private: &TokenStream,
    names: &[TokenStream],
) -> TokenStream {
    let tables = attrs.entities.iter().map(|entity| {
        quote_spanned! {entity.span()=>
            const _: fn() = || {
                fn stored_in<T>(_: #private::core::marker::PhantomData<T>, _: #private::core::marker::PhantomData<T>) {}
                stored_in(
                    #private::core::marker::PhantomData::<<#entity as #private::Entity>::Table>,
                    #private::core::marker::PhantomData::<#ident>,
                );
            };
        }
    });
    quote! {
        const _: () = #private::check_distinct_entities(&[#(#names),*]);
        #(#tables)*
    }
}

/// The `IndexSchema` of a shared table's global index `name`, keyed by string attributes
/// `partition` and `sort`, projecting every attribute.
pub fn global_index_schema(
    name: &str,
    partition: &str,
    sort: Option<&str>,
    private: &TokenStream,
) -> TokenStream {
    let key =
        |name: &str| quote!(#private::KeyAttribute { name: #name, scalar: #private::KeyScalar::S });
    let partition = key(partition);
    let sort = match sort {
        Some(sort) => {
            let sort = key(sort);
            quote!(#private::core::option::Option::Some(#sort))
        }
        None => quote!(#private::core::option::Option::None),
    };
    quote! {
        #private::IndexSchema {
            name: #name,
            kind: #private::IndexKind::Global,
            partition_key: #partition,
            sort_key: #sort,
            attributes: #private::IndexAttributes::All,
            more_partition_keys: &[],
            more_sort_keys: &[],
        }
    }
}
