//! `#[derive(Collection)]` on an enum of models sharing a partition: one query of the partition,
//! each item read as the variant of its entity.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::internals::check;
use crate::internals::collection::Collection;
use crate::internals::ctxt::Ctxt;

/// The whole derive: parse, check, then generate. With errors, the implementation is still
/// generated from the variants understood (without the checks between members), so that code
/// using the collection reports nothing besides the real mistake.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let collection = Collection::from_ast(&cx, input);
    if let Some(collection) = &collection {
        check::check_collection(&cx, collection);
    }
    let stubbable = collection
        .as_ref()
        .filter(|c| c.members().next().is_some() && c.generics.params.is_empty());
    match (cx.check(), stubbable) {
        (Ok(()), Some(collection)) => crate::dummy::wrap_in_const(expand(collection, true)),
        (Err(errors), Some(collection)) => {
            let errors = errors.to_compile_error();
            let stub = crate::dummy::wrap_in_const(expand(collection, false));
            quote!(#errors #stub)
        }
        (Err(errors), None) => errors.to_compile_error(),
        // A collection without members or with generics was reported.
        (Ok(()), None) => TokenStream::new(),
    }
}

/// The implementation; `check_members` adds the compile-time checks between members.
fn expand(collection: &Collection, check_members: bool) -> TokenStream {
    let private = quote!(::dynamo_model::__private);
    let ident = collection.ident;
    let name = ident.to_string();
    let members: Vec<_> = collection.members().collect();
    let first = members[0].ty;
    let checks = check_members.then(|| member_checks(collection, &private));
    let from_projection = from_projection(collection, &private);
    let loads = collection.variants.iter().filter(|v| !v.doubtful).map(|v| {
        let variant = v.ident;
        let ty = v.ty;
        if v.unknown.is_some() {
            quote!(Self::#variant(_) => #private::core::result::Result::Ok(()),)
        } else {
            quote!(Self::#variant(value) => <#ty as #private::Projection<#ty>>::after_load(value),)
        }
    });
    // A variant of another shape or with a mistaken option was reported; the stub's match still
    // covers it.
    let rest = (!collection.complete).then(
        || quote!(#[allow(unreachable_patterns)] _ => #private::core::result::Result::Ok(()),),
    );
    let doc = format!(
        " Reads the whole partition in one query (paginated as any query), each item as the `{ident}` variant of its entity."
    );
    quote! {
        #checks

        #[automatically_derived]
        impl #private::Projection<#first> for #ident {
            fn projection_paths() -> #private::core::option::Option<#private::expr::ProjectionExpression> {
                #private::core::option::Option::None
            }

            #from_projection

            fn after_load(&mut self) -> #private::core::result::Result<(), #private::HookError> {
                match self {
                    #(#loads)*
                    #rest
                }
            }
        }

        #[automatically_derived]
        impl #private::StreamImage for #ident {
            fn from_image(image: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
                <Self as #private::Projection<#first>>::from_projection(image)
            }
        }

        #[automatically_derived]
        impl #ident {
            #[doc = #doc]
            pub fn query<'a>(
                db: &'a #private::Db,
                partition: impl #private::PartitionValue<<#first as #private::Model>::PartitionKey>,
            ) -> #private::Query<'a, #first, #private::NoSortKey, Self> {
                #private::collection_query::<#first, Self>(db, #name, partition)
            }
        }

        #[automatically_derived]
        impl #private::PartitionCollection for #ident {
            type Member = #first;

            fn query_partition<'a>(
                db: &'a #private::Db,
                partition: impl #private::PartitionValue<<#first as #private::Model>::PartitionKey>,
            ) -> #private::Query<'a, #first, #private::NoSortKey, Self> {
                Self::query(db, partition)
            }
        }
    }
}

/// Reads an item as the variant of its entity: a member's, else the unknown variant's, else an
/// error naming the entity.
fn from_projection(collection: &Collection, private: &TokenStream) -> TokenStream {
    let members: Vec<_> = collection.members().collect();
    let first = members[0].ty;
    let entity_attribute =
        quote!(<<#first as #private::Entity>::Table as #private::SharedTable>::ENTITY_ATTRIBUTE);
    let arms = members.iter().map(|member| {
        let variant = member.ident;
        let ty = member.ty;
        quote! {
            #private::core::option::Option::Some(name) if name == <#ty as #private::Entity>::ENTITY => {
                #private::core::result::Result::Ok(Self::#variant(<#ty as #private::Model>::from_item(item)?))
            }
        }
    });
    let fallback = match collection.unknown() {
        Some(unknown) => {
            let variant = unknown.ident;
            let ty = unknown.ty;
            quote_spanned!(ty.span()=> _ => #private::core::result::Result::Ok(Self::#variant(item)),)
        }
        None => {
            quote!(_ => #private::core::result::Result::Err(#private::unknown_entity(&item, #entity_attribute)),)
        }
    };
    quote! {
        fn from_projection(item: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
            match #private::entity_of(&item, #entity_attribute) {
                #(#arms)*
                #fallback
            }
        }
    }
}

/// Every pair of members shares the table and the partition template, each check spanned on the
/// later member, where the mistake shows.
fn member_checks(collection: &Collection, private: &TokenStream) -> TokenStream {
    let facts = |ty: &syn::Type| {
        quote! {(
            <#ty as #private::Entity>::ENTITY,
            <#ty as #private::Entity>::PARTITION_SHAPE,
            match <#ty as #private::Model>::SCHEMA.entity {
                #private::core::option::Option::Some(entity) => entity.sort_prefix,
                #private::core::option::Option::None => "",
            },
        )}
    };
    let members: Vec<_> = collection.members().collect();
    let mut checks = Vec::new();
    for (i, later) in members.iter().enumerate().skip(1) {
        let later_facts = facts(later.ty);
        let ty = later.ty;
        for earlier in &members[..i] {
            let earlier_facts = facts(earlier.ty);
            let earlier_ty = earlier.ty;
            checks.push(quote_spanned! {ty.span()=>
                const _: () = #private::check_collection_pair(#earlier_facts, #later_facts);
                const _: fn() = || {
                    fn same_table<T>(_: #private::core::marker::PhantomData<T>, _: #private::core::marker::PhantomData<T>) {}
                    same_table(
                        #private::core::marker::PhantomData::<<#earlier_ty as #private::Entity>::Table>,
                        #private::core::marker::PhantomData::<<#ty as #private::Entity>::Table>,
                    );
                };
            });
        }
    }
    quote!(#(#checks)*)
}
