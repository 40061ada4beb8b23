//! `#[derive(Collection)]` on an enum of models sharing a partition: one query of the partition,
//! each item read as the variant of its entity.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::internals::ctxt::Ctxt;

/// One variant: a member holding a model, or the one keeping unknown items.
struct Variant<'a> {
    ident: &'a syn::Ident,
    ty: &'a syn::Type,
    unknown: bool,
}

/// Whether the variant is marked `#[dynamo(unknown)]`; other options are reported.
fn is_unknown(cx: &Ctxt, attrs: &[syn::Attribute]) -> bool {
    let mut unknown = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("dynamo")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unknown") {
                unknown = true;
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    "the only option of a collection's variant is `unknown`: #[dynamo(unknown)] on a variant holding an `Item` keeps items of no member",
                );
            }
            Ok(())
        });
        if let Err(error) = parsed {
            cx.syn_error(error);
        }
    }
    unknown
}

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let ident = &input.ident;
    let name = ident.to_string();
    let mut variants = Vec::new();
    match &input.data {
        Data::Enum(data) => {
            for variant in &data.variants {
                let unknown = is_unknown(&cx, &variant.attrs);
                match &variant.fields {
                    Fields::Unnamed(fields) if fields.unnamed.len() == 1 => variants.push(Variant {
                        ident: &variant.ident,
                        ty: &fields.unnamed[0].ty,
                        unknown,
                    }),
                    _ => cx.error_spanned_by(
                        variant,
                        "each variant of a collection holds one model: `Order(Order)`, or `#[dynamo(unknown)] Unknown(Item)`",
                    ),
                }
            }
        }
        _ => cx.error_spanned_by(
            ident,
            "#[derive(Collection)] is for an enum with one variant per model: `enum CustomerView { Customer(Customer), Order(Order) }`",
        ),
    }
    let members: Vec<&Variant> = variants.iter().filter(|v| !v.unknown).collect();
    let unknowns: Vec<&Variant> = variants.iter().filter(|v| v.unknown).collect();
    if members.is_empty() && matches!(input.data, Data::Enum(_)) {
        cx.error_spanned_by(ident, "a collection needs at least one model variant");
    }
    for extra in unknowns.iter().skip(1) {
        cx.error_spanned_by(
            extra.ident,
            "a collection keeps unknown items in one variant only",
        );
    }
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "a collection cannot have generic parameters",
        );
    }
    if let Err(errors) = cx.check() {
        return errors.to_compile_error();
    }
    let private = quote!(::dynamo_model::__private);
    let first = members[0].ty;
    let entity_attribute =
        quote!(<<#first as #private::Entity>::Table as #private::SharedTable>::ENTITY_ATTRIBUTE);
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
    // Every pair, each check spanned on the later member, where the mistake shows.
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
    let arms = members.iter().map(|member| {
        let variant = member.ident;
        let ty = member.ty;
        quote! {
            #private::core::option::Option::Some(name) if name == <#ty as #private::Entity>::ENTITY => {
                #private::core::result::Result::Ok(Self::#variant(<#ty as #private::Model>::from_item(item)?))
            }
        }
    });
    let fallback = match unknowns.first() {
        Some(unknown) => {
            let variant = unknown.ident;
            let ty = unknown.ty;
            quote_spanned!(ty.span()=> _ => #private::core::result::Result::Ok(Self::#variant(item)),)
        }
        None => {
            quote!(_ => #private::core::result::Result::Err(#private::unknown_entity(&item, #entity_attribute)),)
        }
    };
    let loads = variants.iter().map(|v| {
        let variant = v.ident;
        let ty = v.ty;
        if v.unknown {
            quote!(Self::#variant(_) => #private::core::result::Result::Ok(()),)
        } else {
            quote!(Self::#variant(value) => <#ty as #private::Projection<#ty>>::after_load(value),)
        }
    });
    let doc = format!(
        "Reads the whole partition in one query (paginated as any query), each item as the `{ident}` variant of its entity."
    );
    crate::dummy::wrap_in_const(quote! {
        #(#checks)*

        #[automatically_derived]
        impl #private::Projection<#first> for #ident {
            fn projection_paths() -> #private::core::option::Option<#private::expr::ProjectionExpression> {
                #private::core::option::Option::None
            }

            fn from_projection(item: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
                match #private::entity_of(&item, #entity_attribute) {
                    #(#arms)*
                    #fallback
                }
            }

            fn after_load(&mut self) -> #private::core::result::Result<(), #private::HookError> {
                match self {
                    #(#loads)*
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
                partition: impl #private::PartitionValue<<#first as #private::Model>::HashKey>,
            ) -> #private::Query<'a, #first, #private::NoRangeKey, Self> {
                #private::collection_query::<#first, Self>(db, #name, partition)
            }
        }
    })
}
