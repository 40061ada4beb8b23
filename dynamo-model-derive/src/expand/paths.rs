//! Typed attribute paths: the `fields()` struct of a model (one handle per stored field), and
//! the handle of a document type, so that `Cat::fields().home.zip` is a `Path<u32>`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Body, Container, Field};
use crate::internals::attr::ProjectionAttr;
use crate::internals::index::Index;

/// The fields that get a handle: stored attributes of their own (not skipped or flattened).
fn handled<'c, 'a>(fields: &'c [Field<'a>]) -> impl Iterator<Item = &'c Field<'a>> {
    fields.iter().filter(|f| f.is_stored())
}

/// A zero-sized codec for each `with`/`serde` field, so that values in expressions are written
/// the way the field is stored.
fn codecs(fields: &[Field], private: &TokenStream) -> TokenStream {
    let codecs = handled(fields).filter_map(|field| {
        let codec = codec_name(field)?;
        let ty = field.ty;
        let encode = match &field.attrs.with {
            Some((_, path)) => quote_spanned!(path.span()=> #path::to_attribute(value)),
            None => quote!(#private::with::serde::to_attribute(value)),
        };
        Some(quote! {
            #[doc(hidden)]
            pub struct #codec;
            impl #private::expr::Codec<#ty> for #codec {
                fn encode(value: &#ty) -> #private::core::result::Result<
                    #private::core::option::Option<#private::AttributeValue>,
                    #private::ConversionError,
                > {
                    #encode
                }
            }
        })
    });
    quote!(#(#codecs)*)
}

fn codec_name(field: &Field) -> Option<syn::Ident> {
    (field.attrs.with.is_some() || field.attrs.serde.is_some())
        .then(|| format_ident!("__DynamoCodec_{}", field.ident))
}

/// The declared type of a field's handle, and the expression that builds it from `parent`, an
/// expression of type `Path<_>` (or `None` for a top-level attribute of a model).
fn handle(
    field: &Field,
    parent: Option<&TokenStream>,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let ty = field.ty;
    let name = field.stored_name();
    let raw = quote! {
        #private::expr::RawPath::from_static(&[
            #private::expr::Segment::Name(#private::std::borrow::Cow::Borrowed(#name))
        ])
    };
    let path = match parent {
        Some(parent) => quote!(#parent.field(#name)),
        None => quote!(#private::expr::Path::new(#raw)),
    };
    // Only a model's top-level fields are keys.
    if field.is_key() {
        return (
            quote!(#private::expr::KeyPath<#ty>),
            quote!(#private::expr::KeyPath::new(#raw)),
        );
    }
    if field.is_index_key() {
        return (
            quote!(#private::expr::IndexKeyPath<#ty>),
            quote!(#private::expr::IndexKeyPath::new(#raw)),
        );
    }
    if let Some(codec) = codec_name(field) {
        return (
            quote!(#private::expr::Path<#private::expr::Custom<#ty, #codec>>),
            path,
        );
    }
    (
        quote_spanned!(ty.span()=> <#ty as #private::expr::Navigable>::Handle<#ty>),
        quote_spanned!(ty.span()=> <#ty as #private::expr::Navigable>::handle::<#ty>(#path)),
    )
}

/// `type Fields` and `fn fields()` of a model, plus the struct they name.
pub fn model_fields(
    cont: &Container,
    generics: &syn::Generics,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let ident = cont.ident;
    let fields = cont.fields();
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let struct_generics = &generics.params;
    let handles: Vec<_> = handled(fields)
        .map(|f| (f, handle(f, None, private)))
        .collect();
    let members = handles.iter().map(|(f, (ty, _))| {
        // On the type's span, so that an error about the handle's type is reported once, there.
        let mut member = f.ident.clone();
        member.set_span(f.ty.span());
        let doc = format!(" The path of attribute `{}`.", f.stored_name());
        quote!(#[doc = #doc] pub #member: #ty)
    });
    let inits = handles.iter().map(|(f, (_, init))| {
        let mut member = f.ident.clone();
        member.set_span(f.ty.span());
        quote!(#member: #init)
    });
    let codecs = codecs(fields, private);
    let doc = format!(" The typed attribute paths of `{ident}`, from `{ident}::fields()`.");
    let definition = quote! {
        #codecs
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        pub struct __DynamoFields<#struct_generics> #where_clause {
            #(#members,)*
            #[doc(hidden)]
            __model: #private::core::marker::PhantomData<fn() -> #ident #ty_generics>,
        }
    };
    let _ = impl_generics;
    let items = quote! {
        type Fields = __DynamoFields #ty_generics;

        fn fields() -> Self::Fields {
            __DynamoFields {
                #(#inits,)*
                __model: #private::core::marker::PhantomData,
            }
        }
    };
    (definition, items)
}

/// The members of a document's handle, one per field with a handle, and their values from
/// the document's path `parent`.
fn document_members(
    fields: &[Field],
    parent: &TokenStream,
    private: &TokenStream,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let handles: Vec<_> = handled(fields)
        .map(|f| (f, handle(f, Some(parent), private)))
        .collect();
    let members = handles.iter().map(|(f, (ty, _))| {
        // On the type's span, so that an error about the handle's type is reported once, there.
        let mut member = f.ident.clone();
        member.set_span(f.ty.span());
        let doc = format!(
            " The path of attribute `{}` inside this document.",
            f.stored_name()
        );
        quote!(#[doc = #doc] pub #member: #ty)
    });
    let inits = handles.iter().map(|(f, (_, init))| {
        let mut member = f.ident.clone();
        member.set_span(f.ty.span());
        quote!(#member: #init)
    });
    (members.collect(), inits.collect())
}

/// `impl Navigable` for a document type: a struct's handle has one handle per field; an enum's
/// handle is a plain path.
pub fn document_handle(
    cont: &Container,
    generics: &syn::Generics,
    private: &TokenStream,
) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let fields = match &cont.body {
        Body::Struct(fields) => fields,
        Body::Enum(_) => {
            return quote! {
                #[automatically_derived]
                impl #impl_generics #private::expr::Navigable for #ident #ty_generics #where_clause {
                    type Handle<__W> = #private::expr::Path<__W>;
                    fn handle<__W>(path: #private::expr::Path<__W>) -> #private::expr::Path<__W> {
                        path
                    }
                }
            };
        }
    };
    let parent = quote!(__path);
    let (members, inits) = document_members(fields, &parent, private);
    let codecs = codecs(fields, private);
    let mut with_w = generics.clone();
    with_w.params.insert(0, syn::parse_quote!(__W));
    let (w_impl_generics, w_ty_generics, _) = with_w.split_for_impl();
    let struct_params = &with_w.params;
    let doc = format!(" The typed attribute paths inside a `{ident}` document.");
    quote! {
        #codecs
        #[doc = #doc]
        pub struct __DynamoHandle<#struct_params> #where_clause {
            #(#members,)*
            #[doc(hidden)]
            __path: #private::expr::Path<__W>,
            #[doc(hidden)]
            __document: #private::core::marker::PhantomData<fn() -> #ident #ty_generics>,
        }

        #[automatically_derived]
        impl #impl_generics #private::expr::Navigable for #ident #ty_generics #where_clause {
            type Handle<__W> = __DynamoHandle #w_ty_generics;
            fn handle<__W>(#parent: #private::expr::Path<__W>) -> Self::Handle<__W> {
                __DynamoHandle {
                    #(#inits,)*
                    __path: #parent,
                    __document: #private::core::marker::PhantomData,
                }
            }
        }

        #[automatically_derived]
        impl #w_impl_generics #private::expr::AttributePath for __DynamoHandle #w_ty_generics #where_clause {
            type Value = __W;
            fn path(&self) -> &#private::expr::Path<__W> {
                &self.__path
            }
        }

        #[automatically_derived]
        impl #w_impl_generics #private::expr::UpdatePath for __DynamoHandle #w_ty_generics #where_clause {}

        #[automatically_derived]
        impl #impl_generics #private::expr::HasSize for #ident #ty_generics #where_clause {}
    }
}

/// `type Indexes` and `fn indexes()` of a model, plus the struct they name.
pub fn model_indexes(
    cont: &Container,
    indexes: &[Index],
    (shared_members, shared_inits): (&[TokenStream], &[TokenStream]),
    generics: &syn::Generics,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let ident = cont.ident;
    let (_, ty_generics, where_clause) = generics.split_for_impl();
    let struct_generics = &generics.params;
    let mut members = shared_members.to_vec();
    let mut inits = shared_inits.to_vec();
    let mut by_name = Vec::new();
    for index in indexes {
        if index.is_multi_attribute() {
            let (member, init) = multi_key_index(ident, &ty_generics, index, private);
            members.push(member);
            inits.push(init);
            continue;
        }
        let member = &index.member;
        let (handle, init) = one_key_index(ident, &ty_generics, index, private);
        let doc = format!(" The index `{}`.", index.name.value());
        members.push(quote! {
            #[doc = #doc]
            pub #member: #handle
        });
        by_name.push(index_by_name(
            member,
            (&handle, &init),
            generics,
            ident,
            private,
        ));
        inits.push(quote!(#member: #init));
    }
    let doc = format!(" The secondary indexes of `{ident}`, from `{ident}::indexes()`.");
    let definition = quote! {
        #[doc = #doc]
        pub struct __DynamoIndexes<#struct_generics> #where_clause {
            #(#members,)*
            __model: #private::core::marker::PhantomData<fn() -> #ident #ty_generics>,
        }

        #(#by_name)*
    };
    let items = quote! {
        type Indexes = __DynamoIndexes #ty_generics;

        fn indexes() -> Self::Indexes {
            __DynamoIndexes {
                #(#inits,)*
                __model: #private::core::marker::PhantomData,
            }
        }
    };
    (definition, items)
}

/// The handle type and value of an index keyed by one partition attribute (and perhaps one
/// sort attribute).
fn one_key_index(
    ident: &syn::Ident,
    ty_generics: &syn::TypeGenerics,
    index: &Index,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let (hash, _) = index.partition;
    let range = index.sort.map(|(field, _)| field);
    let hash_ty = crate::internals::index::key_type(hash);
    let range_ty = match range {
        Some(range) => {
            let ty = crate::internals::index::key_type(range);
            quote!(#ty)
        }
        None => quote!(#private::NoSortKey),
    };
    let attributes = match index.attr.projection {
        ProjectionAttr::All => quote!(#private::AllAttributes),
        _ => quote!(#private::SomeAttributes),
    };
    let name_text = index.name.value();
    let partition_name = hash.stored_name();
    let sort_name = match range {
        Some(range) => {
            let stored = range.stored_name();
            quote!(#private::core::option::Option::Some(#stored))
        }
        None => quote!(#private::core::option::Option::None),
    };
    (
        quote!(#private::Index<#ident #ty_generics, #hash_ty, #range_ty, #attributes>),
        quote!(#private::Index::new(#name_text, #partition_name, #sort_name)),
    )
}

/// `impl IndexByName` for the index `member`, whose handle has type `handle` and value `init`:
/// how a `has_many` of another model names it.
fn index_by_name(
    member: &syn::Ident,
    (handle, init): (&TokenStream, &TokenStream),
    generics: &syn::Generics,
    ident: &syn::Ident,
    private: &TokenStream,
) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let hash = super::index_name_hash(&member.to_string());
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::IndexByName<#hash> for #ident #ty_generics #where_clause {
            type Handle = #handle;

            fn index() -> Self::Handle {
                #init
            }
        }
    }
}

/// The handle of an index with a multi-attribute key: partition types as a tuple, sort types as
/// a list `(S1, (S2, ()))` that `.sort_key(..)` walks left to right.
fn multi_key_index(
    ident: &syn::Ident,
    ty_generics: &syn::TypeGenerics,
    index: &Index,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let hash_fields: Vec<&Field> = std::iter::once(index.partition.0)
        .chain(index.more_partition.iter().map(|(field, _)| *field))
        .collect();
    let sort_fields: Vec<&Field> = index
        .sort
        .iter()
        .map(|(field, _)| *field)
        .chain(index.more_sort.iter().map(|(field, _)| *field))
        .collect();
    let hash_types = hash_fields
        .iter()
        .map(|f| crate::internals::index::key_type(f));
    let sort_list = sort_fields.iter().rev().fold(quote!(()), |tail, field| {
        let ty = crate::internals::index::key_type(field);
        quote!((#ty, #tail))
    });
    let attributes = match index.attr.projection {
        ProjectionAttr::All => quote!(#private::AllAttributes),
        _ => quote!(#private::SomeAttributes),
    };
    let member = &index.member;
    let name = index.name.value();
    let partition_names = hash_fields.iter().map(|f| f.stored_name());
    let sort_names = sort_fields.iter().map(|f| f.stored_name());
    let doc = format!(" The index `{name}`, keyed by several attributes.");
    (
        quote! {
            #[doc = #doc]
            pub #member: #private::MultiKeyIndex<#ident #ty_generics, (#(#hash_types,)*), #sort_list, #attributes>
        },
        quote!(#member: #private::MultiKeyIndex::new(#name, &[#(#partition_names),*], &[#(#sort_names),*])),
    )
}
