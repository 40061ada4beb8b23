//! A model's relations: `impl Related` with the struct of its `Ref` fields and `has_many`
//! relations, and a method per `has_many` that is the children's query.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

use crate::internals::ast::Container;
use crate::internals::attr::HasManyAttr;
use crate::internals::check::Checked;
use crate::internals::check::relations::reference_fields;

/// `impl Related`, its struct, and the `has_many` methods.
pub fn expand(cont: &Container, private: &TokenStream) -> TokenStream {
    let ident = cont.ident;
    let mut members = Vec::new();
    let mut inits = Vec::new();
    let mut getters = Vec::new();
    for field in reference_fields(cont) {
        let (name, ty) = (field.ident, field.ty);
        let getter = format_ident!("__get_{}", name);
        let doc = format!(" The references of `{ident}::{name}`.");
        members.push(quote!(#[doc = #doc] pub #name: #private::RefField<#ident, #ty>));
        getters.push(quote!(fn #getter(item: &#ident) -> &#ty { &item.#name }));
        let text = name.to_string();
        inits.push(quote!(#name: #private::RefField::new(#text, #getter)));
    }
    let mut methods = Vec::new();
    for relation in &cont.attrs.has_many {
        let Some(key) = &relation.key else { continue };
        let (name, child) = (&relation.name, &relation.child);
        let reader = format_ident!("__query_{}", name);
        let doc = format!(" The `{name}` of a `{ident}`, one query per parent.");
        members.push(quote!(#[doc = #doc] pub #name: #private::HasMany<#ident, #child>));
        let query = children_query(relation, key, private);
        // A global index has no strongly consistent reads; a table query takes the option.
        let query = match relation.index {
            Some(_) => quote!({ let _ = consistent; #query }),
            None => quote!(#query.consistent_read(consistent)),
        };
        let read = match &relation.index {
            Some(index) => super::respan(quote!(#private::children_of), index.span()),
            None => quote!(#private::children_of),
        };
        getters.push(quote! {
            fn #reader<'a>(self_: &#ident, db: &'a #private::Db, consistent: bool) -> #private::OpFuture<'a, #private::std::vec::Vec<#child>> {
                #read(#query)
            }
        });
        let text = name.to_string();
        inits.push(quote!(#name: #private::HasMany::new(#text, #reader)));
        methods.push(has_many_method(cont, relation, key, private));
    }
    let doc = format!(" The relations of `{ident}`, from `{ident}::relations()`.");
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    // `check` refuses relations on a model with type parameters.
    if !cont.generics.params.is_empty() {
        return quote! {
            #[automatically_derived]
            impl #impl_generics #private::Related for #ident #ty_generics #where_clause {
                type Relations = ();
                fn relations() {}
            }
        };
    }
    let methods = (!methods.is_empty()).then(|| quote!(impl #ident { #(#methods)* }));
    quote! {
        #[doc = #doc]
        pub struct __DynamoRelations {
            #(#members,)*
        }

        #[automatically_derived]
        impl #private::Related for #ident {
            type Relations = __DynamoRelations;

            fn relations() -> __DynamoRelations {
                #(#getters)*
                __DynamoRelations { #(#inits,)* }
            }
        }

        #methods
    }
}

/// The children's query of the parent `self_`: of the child's table, or of its index. Each
/// part carries the span of what it comes from, so that a mistake is reported there: a child
/// that is not a model at the child, an index it lacks at the index, a key of the wrong type at
/// the key.
fn children_query(relation: &HasManyAttr, key: &syn::Ident, private: &TokenStream) -> TokenStream {
    let child = &relation.child;
    let value = super::respan(quote!(#private::KeyType::key_arg(&self_.#key)), key.span());
    match &relation.index {
        None if relation.collection.is_some() => {
            let collection = super::respan(
                quote!(<#child as #private::PartitionCollection>),
                child.span(),
            );
            quote!(#collection::query_partition(db, #value))
        }
        None => {
            let model = super::respan(quote!(<#child as #private::ModelExt>), child.span());
            quote!(#model::query(db, #value))
        }
        Some(index) => {
            let hash = super::index_name_hash(&index.to_string());
            let handle = super::respan(
                quote!(<#child as #private::IndexByName<#hash>>::index()),
                index.span(),
            );
            quote!(#private::QueryIndex::query_partition(&#handle, db, #value))
        }
    }
}

/// `customer.orders(db)`: the children's query, of the child's table or of its index.
fn has_many_method(
    cont: &Container,
    relation: &HasManyAttr,
    key: &syn::Ident,
    private: &TokenStream,
) -> TokenStream {
    let (ident, name, child) = (cont.ident, &relation.name, &relation.child);
    let vis = &cont.vis;
    let query = children_query(relation, key, private);
    let (doc, output) = match &relation.index {
        None if relation.collection.is_some() => (
            format!(
                " The `{name}` of this `{ident}`: `{}::query(db, &self.{key})`, the whole partition in one query (every page when awaited).",
                quote!(#child)
            ),
            super::respan(
                quote!(#private::Query<'a, <#child as #private::PartitionCollection>::Member, #private::NoSortKey, #child>),
                child.span(),
            ),
        ),
        None => (
            format!(
                " The `{name}` of this `{ident}`: `{}::query(db, &self.{key})`, one query (every page when awaited); narrow it like any query.",
                quote!(#child)
            ),
            super::respan(
                quote!(#private::Query<'a, #child, <#child as #private::Model>::SortKey>),
                child.span(),
            ),
        ),
        Some(index) => {
            let hash = super::index_name_hash(&index.to_string());
            let handle = quote!(<#child as #private::IndexByName<#hash>>::Handle);
            (
                format!(
                    " The `{name}` of this `{ident}`: `{}::indexes().{index}.query(db, &self.{key})`, one query (every page when awaited); narrow it like any query.",
                    quote!(#child)
                ),
                super::respan(
                    quote!(#private::Query<'a, <#handle as #private::QueryIndex>::Model, <#handle as #private::QueryIndex>::Sort, <#handle as #private::QueryIndex>::Output>),
                    index.span(),
                ),
            )
        }
    };
    quote! {
        #[doc = #doc]
        #vis fn #name<'a>(&self, db: &'a #private::Db) -> #output {
            let self_ = self;
            #query
        }
    }
}

/// `impl PartitionKeyOnly` for a model whose key is a partition key alone, whose references can
/// be stored as the key's value.
pub fn partition_key_only(
    cont: &Container,
    checked: &Checked,
    generics: &syn::Generics,
    private: &TokenStream,
) -> Option<TokenStream> {
    let has_sort_key = match &checked.templates {
        Some(templates) => templates.sort_key.is_some(),
        None => cont.sort_key().is_some(),
    };
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    (!has_sort_key).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::PartitionKeyOnly for #ident #ty_generics #where_clause {}
        }
    })
}
