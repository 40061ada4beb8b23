//! `impl SharedTable` for a unit struct: the table's name, key attribute names and entity
//! attribute, as constants the models stored in it read.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::internals::attr::SharedTableAttrs;
use crate::internals::ctxt::Ctxt;

/// The whole derive: its own options, no fields.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let attrs = SharedTableAttrs::from_ast(&cx, &input.attrs);
    let unit =
        matches!(&input.data, syn::Data::Struct(data) if matches!(data.fields, syn::Fields::Unit));
    if !unit {
        cx.error_spanned_by(
            &input.ident,
            "#[derive(SharedTable)] is for a unit struct (`struct Shop;`): it declares a table, its models hold the data",
        );
    }
    let ident = &input.ident;
    if attrs.entities.is_empty() {
        cx.error_spanned_by(
            ident,
            "a shared table lists the models stored in it, so that their entity names are checked against each other: add `entities(Customer, Order)` to its #[dynamo(...)]",
        );
    }
    if attrs.pk.is_none() {
        cx.error_spanned_by(
            ident,
            "a shared table needs its partition key attribute: #[dynamo(pk = \"pk\")]",
        );
    }
    let name = attrs
        .name
        .as_ref()
        .map_or_else(|| ident.to_string(), syn::LitStr::value);
    if !crate::internals::check::is_valid_name(&name) {
        let message = format!(
            "invalid DynamoDB table name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"
        );
        match &attrs.name {
            Some(lit) => cx.error_spanned_by(lit, message),
            None => cx.error_spanned_by(ident, message),
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for gsi in &attrs.gsis {
        let name = gsi.name.value();
        if seen.contains(&name) {
            cx.error_spanned_by(
                &gsi.name,
                format!("the shared table declares GSI `{name}` twice"),
            );
        }
        if !crate::internals::check::is_valid_name(&name) {
            cx.error_spanned_by(
                &gsi.name,
                format!("invalid DynamoDB index name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"),
            );
        }
        seen.push(name);
    }
    if let Err(errors) = cx.check() {
        return errors.to_compile_error();
    }
    let krate = attrs
        .krate
        .as_ref()
        .map_or_else(|| quote!(::dynamo_model), ToTokens::to_token_stream);
    let private = quote!(#krate::__private);
    let pk = attrs
        .pk
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let sk = match &attrs.sk {
        Some(sk) => quote!(#private::core::option::Option::Some(#sk)),
        None => quote!(#private::core::option::Option::None),
    };
    let entity = attrs
        .entity_attribute
        .as_ref()
        .map_or_else(|| "_et".to_owned(), syn::LitStr::value);
    let key = |name: &syn::LitStr| quote!(#private::KeyAttribute { name: #name, scalar: #private::KeyScalar::S });
    let indexes = attrs.gsis.iter().map(|gsi| {
        let name = &gsi.name;
        let hash = key(&gsi.pk);
        let range = match &gsi.sk {
            Some(sk) => {
                let sk = key(sk);
                quote!(#private::core::option::Option::Some(#sk))
            }
            None => quote!(#private::core::option::Option::None),
        };
        quote! {
            #private::IndexSchema {
                name: #name,
                kind: #private::IndexKind::Global,
                hash_key: #hash,
                range_key: #range,
                attributes: #private::IndexAttributes::All,
                more_hash_keys: &[],
                more_range_keys: &[],
            }
        }
    });
    let names: Vec<_> = attrs
        .entities
        .iter()
        .map(|entity| quote!(<#entity as #private::Entity>::ENTITY))
        .collect();
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
    let entity_check = (!attrs.entities.is_empty()).then(|| {
        quote! {
            const _: () = #private::check_distinct_entities(&[#(#names),*]);
            #(#tables)*
        }
    });
    crate::dummy::wrap_in_const(quote! {
        #entity_check

        #[automatically_derived]
        impl #private::SharedTable for #ident {
            const NAME: &'static str = #name;
            const PARTITION_KEY: &'static str = #pk;
            const SORT_KEY: #private::core::option::Option<&'static str> = #sk;
            const ENTITY_ATTRIBUTE: &'static str = #entity;
            const INDEXES: &'static [#private::IndexSchema] = &[#(#indexes),*];
            const ENTITIES: &'static [&'static str] = &[#(#names),*];
        }
    })
}
