//! `impl Model`: item conversion, keys and schema, written out field by field as a careful
//! person would by hand.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;

use super::fields;
use crate::internals::ast::{Container, Field};
use crate::internals::attr::{IndexKind, ProjectionAttr};
use crate::internals::check::Checked;
use crate::internals::index::Index;

pub fn expand(cont: &Container, checked: &Checked, krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    let ident = cont.ident;
    let indexes = &checked.indexes;
    let generics = fields::with_field_bounds(cont, &private);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let keys = match &checked.templates {
        Some(templates) => super::entity::keys(cont, templates, &private),
        None => match own_table_keys(cont, &private) {
            Some(keys) => keys,
            // `check` guarantees a partition key before we get here.
            None => return TokenStream::new(),
        },
    };
    let super::entity::EntityKeys {
        key_type,
        schema_keys,
        key_item,
        item_key,
        write_keys,
        written,
        check_entity,
        check_keys,
        items,
        index_members,
        index_inits,
    } = keys;
    let shared = checked.templates.is_some();
    let schema = schema(cont, indexes, shared, schema_keys, &private);
    let to_item = to_item(cont, (write_keys, written), &private);
    let from_item = from_item(cont, (check_entity, check_keys), &private);
    let (fields_struct, fields_items) = super::paths::model_fields(cont, &generics, &private);
    let (indexes_struct, indexes_items) = super::paths::model_indexes(
        cont,
        indexes,
        (&index_members, &index_inits),
        &generics,
        &private,
    );
    let (behaviours, write_behaviours) = super::behaviour::model_items(cont, &private);
    let hooks = super::behaviour::hooks_impl(cont, &generics, &private);
    let get_by = get_by_unique(cont, &generics, &private);
    let key_table = super::entity::own_key_table(cont, &private);
    let relations = super::relations::expand(cont, &private);
    let key_args = super::key_arg::own_key_args(cont, checked, &generics, &private);
    let partition_key_only =
        super::relations::partition_key_only(cont, checked, &generics, &private);

    quote! {
        #fields_struct
        #indexes_struct
        #hooks
        #key_table
        #items
        #get_by
        #relations
        #partition_key_only
        #key_args

        #[automatically_derived]
        impl #impl_generics #private::Model for #ident #ty_generics #where_clause {
            #key_type
            #fields_items
            #indexes_items
            #schema
            #to_item
            #from_item
            #key_item
            #item_key
            #behaviours
        }

        #[automatically_derived]
        impl #impl_generics #private::WriteBehaviours for #ident #ty_generics #where_clause {
            #write_behaviours
        }
    }
}

/// The keys of a model in a table of its own: its key fields; `None` without a partition key.
fn own_table_keys(cont: &Container, private: &TokenStream) -> Option<super::entity::EntityKeys> {
    let partition = cont.partition_key()?;
    let sort = cont.sort_key();
    Some(super::entity::EntityKeys {
        key_type: key_type(partition, sort, private),
        schema_keys: schema_keys(cont, partition, sort, private),
        key_item: key_item(partition, sort, private),
        item_key: item_key(partition, sort, private),
        write_keys: TokenStream::new(),
        written: 0,
        check_entity: TokenStream::new(),
        check_keys: TokenStream::new(),
        items: TokenStream::new(),
        index_members: Vec::new(),
        index_inits: Vec::new(),
    })
}

/// The key argument's type, spelled out rather than as `Self::Key` so that every use of it
/// carries the key field's span.
fn key_args(
    hash: &Field,
    range: Option<&Field>,
    lifetime: TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let hash_arg = super::key_arg::key_type_arg(hash, &lifetime, private);
    match range {
        None => hash_arg,
        Some(range) => {
            let range_arg = super::key_arg::key_type_arg(range, &lifetime, private);
            quote!((#hash_arg, #range_arg))
        }
    }
}

fn key_type(hash: &Field, range: Option<&Field>, private: &TokenStream) -> TokenStream {
    let args = key_args(hash, range, quote!('k), private);
    let hash_ty = hash.ty;
    let range_ty = match range {
        Some(range) => range.ty.to_token_stream(),
        None => quote!(#private::NoSortKey),
    };
    quote! {
        type Key<'k> = #args;
        type PartitionKey = #hash_ty;
        type SortKey = #range_ty;
    }
}

fn key_attribute(field: &Field, private: &TokenStream) -> TokenStream {
    let name = field.stored_name();
    let ty = field.ty;
    let scalar = quote_spanned!(ty.span()=> <#ty as #private::KeyType>::SCALAR);
    quote!(#private::KeyAttribute { name: #name, scalar: #scalar })
}

/// The schema's table and keys, for a model of a table of its own.
fn schema_keys(
    cont: &Container,
    hash: &Field,
    range: Option<&Field>,
    private: &TokenStream,
) -> TokenStream {
    let table = cont.table_name();
    let partition_key = key_attribute(hash, private);
    let sort_key = match range {
        Some(range) => {
            let range = key_attribute(range, private);
            quote!(#private::core::option::Option::Some(#range))
        }
        None => quote!(#private::core::option::Option::None),
    };
    quote! {
        table: #table,
        partition_key: #partition_key,
        sort_key: #sort_key,
        entity: #private::core::option::Option::None,
    }
}

/// The schema; `keys` holds its table and keys (and, for a model in a shared table, the
/// table's indexes).
fn schema(
    cont: &Container,
    indexes: &[Index],
    shared: bool,
    keys: TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let names = cont
        .fields()
        .iter()
        .filter(|f| f.is_stored())
        .map(Field::stored_name);
    let ttl = ttl(cont, private);
    let name_of = |field: Option<&Field>| match field {
        Some(field) => {
            let name = field.stored_name();
            quote!(#private::core::option::Option::Some(#name))
        }
        None => quote!(#private::core::option::Option::None),
    };
    let version = name_of(cont.version_field());
    let created_at = name_of(cont.created_at_field());
    let updated_at = name_of(cont.updated_at_field());
    let counters = counters(cont, private);
    let uniques = uniques(cont, private);
    let schema_version = super::versions::schema_version(cont, private);
    let fields = super::versions::field_schemas(cont, private);
    let indexes = indexes.iter().map(|index| index_schema(index, private));
    let indexes = (!shared).then(|| quote!(indexes: &[#(#indexes),*],));
    let model = cont.ident.to_string();
    quote! {
        const SCHEMA: #private::Schema = #private::Schema {
            name: #model,
            #keys
            attributes: &[#(#names),*],
            #indexes
            ttl: #ttl,
            version: #version,
            created_at: #created_at,
            updated_at: #updated_at,
            counters: &[#(#counters),*],
            uniques: &[#(#uniques),*],
            schema_version: #schema_version,
            fields: #fields,
        };
    }
}

/// One index key: like a table key, but the "cannot be a DynamoDB key" error points at the
/// index's field name, where the mistake is.
fn index_key(field: &Field, lit: &syn::LitStr, private: &TokenStream) -> TokenStream {
    let name = field.stored_name();
    let ty = super::respan(
        crate::internals::index::key_type(field).to_token_stream(),
        lit.span(),
    );
    let scalar = quote_spanned!(lit.span()=> <#ty as #private::KeyType>::SCALAR);
    quote!(#private::KeyAttribute { name: #name, scalar: #scalar })
}

fn index_schema(index: &Index, private: &TokenStream) -> TokenStream {
    let name = index.name.value();
    // A local index shares the table's partition key, which it may leave unnamed.
    let hash = match index.partition {
        (field, Some(lit)) => index_key(field, lit, private),
        (field, None) => key_attribute(field, private),
    };
    let range = match index.sort {
        Some((field, lit)) => {
            let range = index_key(field, lit, private);
            quote!(#private::core::option::Option::Some(#range))
        }
        None => quote!(#private::core::option::Option::None),
    };
    let kind = match index.attr.kind {
        IndexKind::Global => quote!(#private::IndexKind::Global),
        IndexKind::Local => quote!(#private::IndexKind::Local),
    };
    let projection = match &index.attr.projection {
        ProjectionAttr::All => quote!(#private::IndexAttributes::All),
        ProjectionAttr::KeysOnly => quote!(#private::IndexAttributes::KeysOnly),
        ProjectionAttr::Include(_) => {
            let names = index.include.iter().map(|field| field.stored_name());
            quote!(#private::IndexAttributes::Include(&[#(#names),*]))
        }
    };
    let more_hash = index
        .more_partition
        .iter()
        .map(|(field, lit)| index_key(field, lit, private));
    let more_range = index
        .more_sort
        .iter()
        .map(|(field, lit)| index_key(field, lit, private));
    quote! {
        #private::IndexSchema {
            name: #name,
            kind: #kind,
            partition_key: #hash,
            sort_key: #range,
            attributes: #projection,
            more_partition_keys: &[#(#more_hash),*],
            more_sort_keys: &[#(#more_range),*],
        }
    }
}

/// `to_item`: the fields, then the `written` attributes of `write_keys` (a shared table's keys
/// and entity name) and the schema version's stamp, all in a map sized for them at once.
fn to_item(
    cont: &Container,
    (write_keys, written): (TokenStream, usize),
    private: &TokenStream,
) -> TokenStream {
    let more = written + usize::from(cont.attrs.versions.current.is_some());
    let build = fields::write_item(
        cont.fields(),
        private,
        fields::Access::SelfField,
        (None, more),
    );
    let stamp = super::versions::write_stamp(cont, private);
    quote! {
        fn to_item(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
            #build
            #write_keys
            #stamp
            #private::core::result::Result::Ok(item)
        }
    }
}

fn from_item(
    cont: &Container,
    (check_entity, check_keys): (TokenStream, TokenStream),
    private: &TokenStream,
) -> TokenStream {
    let construct = fields::read_item(cont.fields(), private, quote!(Self));
    let upgrade = super::versions::read_old_shapes(cont, private);
    if check_keys.is_empty() {
        return quote! {
            fn from_item(mut item: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
                #check_entity
                #upgrade
                #private::core::result::Result::Ok(#construct)
            }
        };
    }
    quote! {
        fn from_item(mut item: #private::Item) -> #private::core::result::Result<Self, #private::ConversionError> {
            #check_entity
            #upgrade
            let value = #construct;
            #check_keys
            #private::core::result::Result::Ok(value)
        }
    }
}

/// `(name, value)` of one key attribute, where `value` is the expression holding it. Spanned on
/// the field's type so that a type that cannot be a key is reported there, and only there.
fn key_pair(field: &Field, value: TokenStream, private: &TokenStream) -> TokenStream {
    let name = field.stored_name();
    quote_spanned!(field.ty.span()=> (#name, #private::key_attribute(#name, #value)?))
}

fn key_item(hash: &Field, range: Option<&Field>, private: &TokenStream) -> TokenStream {
    let hash_value = key_pair(hash, quote!(&hash), private);
    let (pattern, range_value) = match range {
        None => (quote!(hash), quote!(#private::core::option::Option::None)),
        Some(range) => {
            let range_value = key_pair(range, quote!(&range), private);
            (
                quote!((hash, range)),
                quote!(#private::core::option::Option::Some(#range_value)),
            )
        }
    };
    let key_args = key_args(hash, range, quote!('_), private);
    quote! {
        fn key_item(key: #key_args) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
            let #pattern = key;
            #private::key_item_of(#hash_value, #range_value)
        }
    }
}

fn item_key(hash: &Field, range: Option<&Field>, private: &TokenStream) -> TokenStream {
    let attribute = |field: &Field| {
        let member = field.ident;
        key_pair(field, quote!(&self.#member), private)
    };
    let hash_value = attribute(hash);
    let range_value = match range {
        Some(range) => {
            let value = attribute(range);
            quote!(#private::core::option::Option::Some(#value))
        }
        None => quote!(#private::core::option::Option::None),
    };
    quote! {
        fn item_key(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
            #private::key_item_of(#hash_value, #range_value)
        }
    }
}

/// The schema's counter attributes, each with a compile-time check that the field holds an
/// integer.
fn counters(cont: &Container, private: &TokenStream) -> Vec<TokenStream> {
    let counters = cont.fields().iter().filter(|f| f.attrs.counter.is_some());
    counters
        .map(|field| {
            let name = field.stored_name();
            let ty = field.ty;
            let check = quote_spanned! {ty.span()=>
                const _: fn() = || {
                    fn counter<T: #private::Counter + ?Sized>() {}
                    counter::<#ty>();
                };
            };
            quote!({ #check #name })
        })
        .collect()
}

/// The schema's unique attributes, each with a compile-time check that the field holds a value
/// that could be a key.
fn uniques(cont: &Container, private: &TokenStream) -> Vec<TokenStream> {
    let uniques = cont.fields().iter().filter(|f| f.attrs.unique.is_some());
    uniques
        .map(|field| {
            let name = field.stored_name();
            let ty = field.ty;
            let check = quote_spanned! {ty.span()=>
                const _: fn() = || {
                    fn unique<T: #private::UniqueValue + ?Sized>() {}
                    unique::<#ty>();
                };
            };
            quote!({ #check #name })
        })
        .collect()
}

/// `get_by_<field>(db, value)` for each unique attribute: the item holding the value, found
/// through its marker item.
fn get_by_unique(cont: &Container, generics: &syn::Generics, private: &TokenStream) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let methods = cont.fields().iter().filter(|f| f.attrs.unique.is_some()).map(|field| {
        let method = quote::format_ident!("get_by_{}", field.ident.to_string().trim_start_matches("r#"));
        let name = field.stored_name();
        let ty = field.ty;
        let doc = format!(
            " The `{ident}` whose `{}` is `value`, if any: a consistent read of the value's marker item, then of the item it names.",
            field.ident
        );
        quote! {
            #[doc = #doc]
            pub fn #method<'a>(
                db: &'a #private::Db,
                value: impl #private::expr::ValueOf<#ty>,
            ) -> #private::OpFuture<'a, #private::core::option::Option<Self>>
            where
                Self: #private::core::marker::Send + 'a,
            {
                #private::get_by_unique::<Self>(db, #name, #private::expr::ValueOf::to_stored(&value))
            }
        }
    });
    let methods: Vec<_> = methods.collect();
    if methods.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #(#methods)*
        }
    }
}

/// The schema's TTL attribute, with a compile-time check that the field holds epoch seconds.
fn ttl(cont: &Container, private: &TokenStream) -> TokenStream {
    let Some(field) = cont.ttl_field() else {
        return quote!(#private::core::option::Option::None);
    };
    let name = field.stored_name();
    // Epoch seconds: an integer, or a time stored with `with::epoch_seconds`.
    let by_epoch_module = field.attrs.with.as_ref().is_some_and(|(_, path)| {
        path.segments
            .last()
            .is_some_and(|s| s.ident == "epoch_seconds")
    });
    let check = if by_epoch_module {
        quote!()
    } else {
        let ty = field.ty;
        quote_spanned! {ty.span()=>
            const _: fn() = || {
                fn epoch_seconds<T: #private::TtlSeconds + ?Sized>() {}
                epoch_seconds::<#ty>();
            };
        }
    };
    quote!({ #check #private::core::option::Option::Some(#name) })
}
