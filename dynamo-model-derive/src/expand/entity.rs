//! The key items of a model stored in a shared table: keys written from its templates, the
//! entity name written and checked, the typed sort key, and `impl Entity`.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};

use crate::internals::ast::{Container, Field};
use crate::internals::template::{
    IndexTemplates, Segment, Template, Templates, distinct, option_inner,
};

/// What `impl Model` and the items beside it need from the templates.
pub struct EntityKeys {
    pub key_type: TokenStream,
    pub schema_keys: TokenStream,
    pub key_item: TokenStream,
    pub item_key: TokenStream,
    /// Statements appended to `to_item`, with `item` in scope.
    pub write_keys: TokenStream,
    /// Statements first in `from_item`, with `item` in scope.
    pub check_entity: TokenStream,
    /// Statements after `from_item` read the fields into `value`: the stored keys must be what
    /// the templates write from them.
    pub check_keys: TokenStream,
    /// Items beside `impl Model`.
    pub items: TokenStream,
    /// Members of `indexes()` and their values: the shared GSIs the model writes keys of.
    pub index_members: Vec<TokenStream>,
    pub index_inits: Vec<TokenStream>,
}

/// The type a caller passes for a part: `&str` for a `String`. Spanned on the template, so a
/// type without a key encoding is reported where it was named.
fn part_arg(
    field: &Field,
    lit: &syn::LitStr,
    lifetime: &TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let ty = super::respan(field.ty.to_token_stream(), lit.span());
    quote_spanned!(lit.span()=> <#ty as #private::KeyPart>::Arg<#lifetime>)
}

/// `part_arg` of an index template, where an `Option<T>` part (a sparse index) is named by a `T`.
fn index_part_arg(
    field: &Field,
    lit: &syn::LitStr,
    lifetime: &TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let inner = option_inner(field.ty).unwrap_or(field.ty);
    let ty = super::respan(inner.to_token_stream(), lit.span());
    quote_spanned!(lit.span()=> <#ty as #private::KeyPart>::Arg<#lifetime>)
}

/// The template literal that first names `field`: the partition template's, else the sort
/// template's.
fn naming_lit<'t>(pk: &'t Template, sk: Option<&'t Template>, field: &Field) -> &'t syn::LitStr {
    match sk {
        Some(sk) if !pk.has_part(field) => sk.lit,
        _ => pk.lit,
    }
}

fn local(field: &Field) -> syn::Ident {
    format_ident!("__key_{}", field.ident)
}

/// Statements appending `segments` to the `KeyText` named `key`, each part's value given by
/// `value`.
fn append(
    segments: &[Segment],
    lit: &syn::LitStr,
    value: &dyn Fn(&Field) -> TokenStream,
) -> TokenStream {
    let steps = segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(key.literal(#text);),
        Segment::Part(field) => {
            let name = field.ident.to_string();
            let value = super::respan(value(field), lit.span());
            quote_spanned!(lit.span()=> key.part(#name, #value)?;)
        }
    });
    quote!(#(#steps)*)
}

/// An expression rendering a whole template into a `String`, `?`-ing its errors.
fn render(
    template: &Template,
    attribute: &TokenStream,
    private: &TokenStream,
    value: &dyn Fn(&Field) -> TokenStream,
) -> TokenStream {
    let separators = template.separators();
    let capacity = template.lit.value().len() + 16;
    let steps = append(&template.segments, template.lit, value);
    quote! {{
        let mut key = #private::KeyText::new(#attribute, #separators, #capacity);
        #steps
        key.finish()
    }}
}

pub fn keys(cont: &Container, templates: &Templates, private: &TokenStream) -> EntityKeys {
    let ident = cont.ident;
    let table = cont
        .attrs
        .shared_table
        .as_ref()
        .map(ToTokens::to_token_stream)
        .unwrap_or_default();
    let shared = quote!(<#table as #private::SharedTable>);
    let entity = cont
        .attrs
        .entity
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let key_fields = templates.key_fields();
    let pk_attr = quote!(#shared::PARTITION_KEY);
    let sk_attr = quote!(__SORT_KEY);

    let args = |lifetime: TokenStream, fields: &[&Field]| {
        let args: Vec<_> = fields
            .iter()
            .map(|f| {
                part_arg(
                    f,
                    naming_lit(&templates.partition_key, templates.sort_key.as_ref(), f),
                    &lifetime,
                    private,
                )
            })
            .collect();
        match args.as_slice() {
            [one] => one.clone(),
            _ => quote!((#(#args),*)),
        }
    };
    let pattern = |fields: &[&Field]| {
        let locals: Vec<_> = fields.iter().map(|f| local(f)).collect();
        match locals.as_slice() {
            [one] => quote!(#one),
            _ => quote!((#(#locals),*)),
        }
    };
    let key_args = args(quote!('k), &key_fields);
    let sort_key = match &templates.sort_key {
        Some(_) => quote!(#private::SortKeyText<Self>),
        None => quote!(#private::NoSortKey),
    };
    let key_type = quote! {
        type Key<'k> = #key_args;
        type PartitionKey = Self;
        type SortKey = #sort_key;
    };

    let pk_text = templates.partition_key.lit.value();
    let (range_schema, sk_template, sort_prefix) = match &templates.sort_key {
        Some(sk) => (
            quote!(#private::core::option::Option::Some(#private::KeyAttribute { name: #sk_attr, scalar: #private::KeyScalar::S })),
            {
                let text = sk.lit.value();
                quote!(#private::core::option::Option::Some(#text))
            },
            sk.prefix(),
        ),
        None => (
            quote!(#private::core::option::Option::None),
            quote!(#private::core::option::Option::None),
            String::new(),
        ),
    };
    let schema_keys = quote! {
        table: #shared::NAME,
        partition_key: #private::KeyAttribute { name: #pk_attr, scalar: #private::KeyScalar::S },
        sort_key: #range_schema,
        indexes: #shared::INDEXES,
        entity: #private::core::option::Option::Some(#private::EntitySchema {
            name: #entity,
            attribute: #shared::ENTITY_ATTRIBUTE,
            partition_template: #pk_text,
            sort_template: #sk_template,
            sort_prefix: #sort_prefix,
        }),
    };

    let by_local = |f: &Field| {
        let local = local(f);
        quote!(&#local)
    };
    let by_self = |f: &Field| {
        let member = f.ident;
        quote!(&self.#member)
    };
    let pk_of = |value: &dyn Fn(&Field) -> TokenStream| {
        render(&templates.partition_key, &pk_attr, private, value)
    };
    let sk_pair = |value: &dyn Fn(&Field) -> TokenStream| match &templates.sort_key {
        Some(sk) => {
            let text = render(sk, &sk_attr, private, value);
            quote!(#private::core::option::Option::Some((#sk_attr, #private::AttributeValue::S(#text))))
        }
        None => quote!(#private::core::option::Option::None),
    };
    let key_pattern = pattern(&key_fields);
    let key_args_anon = args(quote!('_), &key_fields);
    let pk_local = pk_of(&by_local);
    let sk_local = sk_pair(&by_local);
    let key_item = quote! {
        fn key_item(key: #key_args_anon) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
            let #key_pattern = key;
            #private::key_item_of((#pk_attr, #private::AttributeValue::S(#pk_local)), #sk_local)
        }
    };
    let pk_self = pk_of(&by_self);
    let sk_self = sk_pair(&by_self);
    let item_key = quote! {
        fn item_key(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
            #private::key_item_of((#pk_attr, #private::AttributeValue::S(#pk_self)), #sk_self)
        }
    };
    let write_sk = match &templates.sort_key {
        Some(sk) => {
            let text = render(sk, &sk_attr, private, &by_self);
            quote!(item.insert(#private::std::borrow::ToOwned::to_owned(#sk_attr), #private::AttributeValue::S(#text));)
        }
        None => quote!(),
    };
    let write_keys = quote! {
        item.insert(#private::std::borrow::ToOwned::to_owned(#pk_attr), #private::AttributeValue::S(#pk_self));
        #write_sk
        item.insert(
            #private::std::borrow::ToOwned::to_owned(#shared::ENTITY_ATTRIBUTE),
            #private::AttributeValue::S(#private::std::borrow::ToOwned::to_owned(#entity)),
        );
    };
    let check_entity = quote! {
        #private::check_entity(&item, #shared::ENTITY_ATTRIBUTE, #entity)?;
    };
    let by_value = |f: &Field| {
        let member = f.ident;
        quote!(&value.#member)
    };
    // Each stored key against the text its template writes from the fields just read, piece by
    // piece without writing it out; the expected text is written only for the error. The keys
    // are found by walking what is left of the item (its fields are taken out by now), which is
    // cheaper than hashing each name.
    let stored_check = |template: &Template, attribute: &TokenStream| {
        let steps = template.segments.iter().map(|segment| match segment {
            Segment::Literal(text) => quote!(key.literal(#text);),
            Segment::Part(field) => {
                let member = field.ident;
                let part = super::respan(quote!(&value.#member), template.lit.span());
                quote_spanned!(template.lit.span()=> key.part(#part);)
            }
        });
        let text = render(template, attribute, private, &by_value);
        quote! {
            if name == #attribute {
                let matches = match stored {
                    #private::AttributeValue::S(stored) => {
                        let mut key = #private::StoredKey::new(stored);
                        #(#steps)*
                        key.matches()
                    }
                    _ => false,
                };
                if !matches {
                    let expected: #private::std::string::String = #text;
                    #private::check_stored_key(#attribute, stored, &expected)?;
                }
                continue;
            }
        }
    };
    let pk_check = stored_check(&templates.partition_key, &pk_attr);
    let sk_check = templates
        .sort_key
        .as_ref()
        .map(|sk| stored_check(sk, &sk_attr));
    let check_keys = quote! {
        for (name, stored) in &item {
            let name = name.as_str();
            #pk_check
            #sk_check
        }
    };

    // The table's sort key must match whether the model has an `sk` template.
    let sort_key_const = match &templates.sort_key {
        Some(sk) => quote_spanned! {sk.lit.span()=>
            const __SORT_KEY: &str = match #shared::SORT_KEY {
                #private::core::option::Option::Some(name) => name,
                #private::core::option::Option::None => #private::core::panic!("this model has a `sort_key` template, but its shared table has no sort key: remove `sort_key`, or give the table `sort_key = \"...\"`"),
            };
        },
        None => {
            let lit = templates.partition_key.lit;
            quote_spanned! {lit.span()=>
                const _: () = if #shared::SORT_KEY.is_some() {
                    #private::core::panic!("the shared table has a sort key, so every model in it needs a `sort_key` template: add `sort_key = \"...\"`");
                };
            }
        }
    };

    let key_arg = |f: &Field| {
        part_arg(
            f,
            naming_lit(&templates.partition_key, templates.sort_key.as_ref(), f),
            &quote!('k),
            private,
        )
    };
    let partition_value = partition_value(
        &quote!(#ident),
        &templates.partition_key,
        &pk_attr,
        &key_arg,
        private,
    );
    let start_ident = format_ident!("{}SortKey", ident);
    let (sort_types, sort_start) = match &templates.sort_key {
        Some(sk) => {
            let what = format!("`{ident}`");
            let arg = |f: &Field| part_arg(f, sk.lit, &quote!('_), private);
            sort_key_builder(
                &start_ident.to_string(),
                &quote!(#ident),
                &what,
                sk,
                &sk_attr,
                &arg,
                private,
            )
        }
        None => {
            let doc = format!("`{ident}` has no sort key.");
            (
                quote!(#[doc = #doc] pub struct #start_ident;),
                quote!(#start_ident),
            )
        }
    };
    let key_template = templates.sort_key.as_ref().map(|_| {
        quote! {
            #[automatically_derived]
            impl #private::KeyTemplate for #ident {
                type Start = #start_ident;
                fn start() -> #start_ident {
                    #sort_start
                }
            }
        }
    });
    let mut index_items = Vec::new();
    let mut write_indexes = TokenStream::new();
    let mut index_members = Vec::new();
    let mut index_inits = Vec::new();
    for index in &templates.indexes {
        let IndexItems {
            items,
            write,
            member,
            init,
        } = index_items_of(cont, templates, index, &shared, private);
        index_items.push(items);
        write_indexes.extend(write);
        index_members.push(member);
        index_inits.push(init);
    }
    let write_keys = quote!(#write_keys #write_indexes);
    let shape: String = templates
        .partition_key
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => text.clone(),
            Segment::Part(field) => {
                let ty = field.ty.to_token_stream().to_string().replace(' ', "");
                format!("{{{ty}}}")
            }
        })
        .collect();
    let entity_lit = cont.attrs.entity.as_ref();
    let listed = entity_lit.map(|lit| {
        quote_spanned! {lit.span()=>
            const _: () = #private::check_listed(#shared::ENTITIES, #lit);
        }
    });
    let items = quote! {
        #listed
        #sort_key_const
        #partition_value
        #sort_types
        #key_template
        #(#index_items)*

        #[automatically_derived]
        impl #private::Entity for #ident {
            type Table = #table;
            type SortKeyStart = #start_ident;
            const ENTITY: &'static str = #entity;
            const PARTITION_SHAPE: &'static str = #shape;
            fn sort_key() -> #start_ident {
                #sort_start
            }
        }
    };
    EntityKeys {
        key_type,
        schema_keys,
        key_item,
        item_key,
        write_keys,
        check_entity,
        check_keys,
        items,
        index_members,
        index_inits,
    }
}

/// `name` in UpperCamelCase: `order_id` → `OrderId`.
fn camel(name: &str) -> String {
    name.trim_start_matches("r#")
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// The typed sort key of template `sk`, written into `SortKeyText<#key>`: stage `i` holds the
/// key text up to its `i`th part and the literal text after it, and has one method, named for
/// the next part. So parts are given in template order and none can be skipped. Gives the stage
/// types and the expression of the first stage.
fn sort_key_builder(
    stage_prefix: &str,
    key: &TokenStream,
    what: &str,
    sk: &Template,
    sk_attr: &TokenStream,
    arg: &dyn Fn(&Field) -> TokenStream,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let parts: Vec<&Field> = sk.parts().collect();
    let stage = |i: usize| match i {
        0 => format_ident!("{}", stage_prefix),
        _ => format_ident!(
            "{}To{}",
            stage_prefix,
            camel(&parts[i - 1].ident.to_string())
        ),
    };
    let separators = sk.separators();
    // The literal prefix and, per part, the part and the literal after it.
    let mut prefix = String::new();
    let mut steps: Vec<(&Field, String)> = Vec::new();
    for segment in &sk.segments {
        match segment {
            Segment::Literal(text) => match steps.last_mut() {
                Some((_, after)) => after.push_str(text),
                None => prefix.push_str(text),
            },
            Segment::Part(field) => steps.push((field, String::new())),
        }
    }
    let mut types = Vec::new();
    for i in 0..=steps.len() {
        let name = stage(i);
        let doc = if i == steps.len() {
            format!("A whole sort key of {what}.")
        } else {
            format!(
                "A sort key prefix of {what}; `.{}(..)` narrows it further.",
                steps[i].0.ident
            )
        };
        let next = steps.get(i).map(|(field, after)| {
            let method = field.ident;
            let part = field.ident.to_string();
            let arg = arg(field);
            let next = stage(i + 1);
            let method_doc = format!("The sort key's `{part}` part.");
            let write = quote_spanned!(sk.lit.span()=> key.part(#part, &value)?;);
            quote! {
                impl #name {
                    #[doc = #method_doc]
                    pub fn #method(self, value: #arg) -> #next {
                        #next(self.0.and_then(|text| {
                            let mut key = #private::KeyText::resume(text, #sk_attr, #separators);
                            #write
                            key.literal(#after);
                            #private::core::result::Result::Ok(key.finish())
                        }))
                    }
                }
            }
        });
        types.push(quote! {
            #[doc = #doc]
            pub struct #name(#private::core::result::Result<#private::std::string::String, #private::ConversionError>);
            #next
            #[automatically_derived]
            impl #private::expr::ValueOf<#private::SortKeyText<#key>> for #name {
                fn to_stored(&self) -> #private::core::result::Result<#private::core::option::Option<#private::AttributeValue>, #private::ConversionError> {
                    match &self.0 {
                        #private::core::result::Result::Ok(text) => #private::core::result::Result::Ok(#private::core::option::Option::Some(#private::AttributeValue::S(#private::std::clone::Clone::clone(text)))),
                        #private::core::result::Result::Err(error) => #private::core::result::Result::Err(#private::std::clone::Clone::clone(error)),
                    }
                }
            }
        });
    }
    let start = stage(0);
    (
        quote!(#(#types)*),
        quote!(#start(#private::core::result::Result::Ok(#private::std::borrow::ToOwned::to_owned(#prefix)))),
    )
}

/// `impl PartitionValue<#key>` for the arguments of template `pk`'s parts: what a query of the
/// table or index names its partition with.
fn partition_value(
    key: &TokenStream,
    pk: &Template,
    attribute: &TokenStream,
    arg: &dyn Fn(&Field) -> TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let fields = distinct(pk.parts());
    let args: Vec<_> = fields.iter().map(|f| arg(f)).collect();
    let locals: Vec<_> = fields.iter().map(|f| local(f)).collect();
    let (ty, pattern) = match (args.as_slice(), locals.as_slice()) {
        ([arg], [local]) => (arg.clone(), quote!(#local)),
        _ => (quote!((#(#args),*)), quote!((#(#locals),*))),
    };
    let text = render(pk, attribute, private, &|f: &Field| {
        let local = local(f);
        quote!(#local)
    });
    quote! {
        #[automatically_derived]
        impl<'k> #private::PartitionValue<#key> for #ty {
            fn partition_attribute(&self, _name: &str) -> #private::core::result::Result<#private::AttributeValue, #private::ConversionError> {
                let #pattern = self;
                #private::core::result::Result::Ok(#private::AttributeValue::S(#text))
            }
        }
    }
}

/// What one index template adds: its constants, key marker, typed keys and setter, the
/// statements writing its keys into an item, and its member of `indexes()`.
pub struct IndexItems {
    pub items: TokenStream,
    pub write: TokenStream,
    pub member: TokenStream,
    pub init: TokenStream,
}

fn index_items_of(
    cont: &Container,
    templates: &Templates,
    index: &IndexTemplates,
    shared: &TokenStream,
    private: &TokenStream,
) -> IndexItems {
    let ident = cont.ident;
    let name_lit = &index.attr.name;
    let name = name_lit.value();
    let member = crate::internals::index::member(&name);
    let upper = member.to_string().to_uppercase();
    let schema_const = format_ident!("__INDEX_{}", upper);
    let sk_const = format_ident!("__INDEX_{}_SK", upper);
    let marker = format_ident!("{}{}Key", ident, camel(&member.to_string()));
    let pk_attr = quote!(#schema_const.partition_key.name);
    let sk_attr = quote!(#sk_const);

    let mut items = quote_spanned! {name_lit.span()=>
        const #schema_const: #private::IndexSchema = #private::shared_index(#shared::INDEXES, #name_lit);
    };
    match &index.sort_key {
        Some(sk) => items.extend(quote_spanned! {sk.lit.span()=>
            const #sk_const: &str = #private::shared_index_sort_key(#schema_const);
        }),
        None => items.extend(quote_spanned! {name_lit.span()=>
            const _: () = if #schema_const.sort_key.is_some() {
                #private::core::panic!("this global index of the shared table has a sort key: give the index a `sort_key` template too");
            };
        }),
    }
    let marker_doc = format!("The keys of `{ident}` in index `{name}`, as a type.");
    items.extend(quote! {
        #[doc = #marker_doc]
        pub struct #marker;
    });
    let pk_lit = index.partition_key.lit;
    let arg = |f: &Field| index_part_arg(f, pk_lit, &quote!('k), private);
    items.extend(partition_value(
        &quote!(#marker),
        &index.partition_key,
        &pk_attr,
        &arg,
        private,
    ));
    let range_ty = match &index.sort_key {
        Some(sk) => {
            let stage_prefix = format!("{marker}Sort");
            let what = format!("`{ident}` in index `{name}`");
            let sort_arg = |f: &Field| index_part_arg(f, sk.lit, &quote!('_), private);
            let (types, start) = sort_key_builder(
                &stage_prefix,
                &quote!(#marker),
                &what,
                sk,
                &sk_attr,
                &sort_arg,
                private,
            );
            let start_ident = format_ident!("{}", stage_prefix);
            items.extend(quote! {
                #types
                #[automatically_derived]
                impl #private::KeyTemplate for #marker {
                    type Start = #start_ident;
                    fn start() -> #start_ident {
                        #start
                    }
                }
            });
            quote!(#private::SortKeyText<#marker>)
        }
        None => quote!(#private::NoSortKey),
    };

    // The item's index keys, left out while a sparse part is `None`.
    let fields = index.key_fields();
    let optional: Vec<&Field> = fields
        .iter()
        .copied()
        .filter(|f| option_inner(f.ty).is_some())
        .collect();
    let bound = |f: &Field| format_ident!("__sparse_{}", f.ident);
    let by_self = |f: &Field| {
        if option_inner(f.ty).is_some() {
            let bound = bound(f);
            quote!(#bound)
        } else {
            let member = f.ident;
            quote!(&self.#member)
        }
    };
    let pk_text = render(&index.partition_key, &pk_attr, private, &by_self);
    let mut inserts = quote! {
        item.insert(#private::std::borrow::ToOwned::to_owned(#pk_attr), #private::AttributeValue::S(#pk_text));
    };
    if let Some(sk) = &index.sort_key {
        let sk_text = render(sk, &sk_attr, private, &by_self);
        inserts.extend(quote! {
            item.insert(#private::std::borrow::ToOwned::to_owned(#sk_attr), #private::AttributeValue::S(#sk_text));
        });
    }
    let write = if optional.is_empty() {
        inserts
    } else {
        let patterns = optional.iter().map(|f| {
            let bound = bound(f);
            quote!(#private::core::option::Option::Some(#bound))
        });
        let values = optional.iter().map(|f| {
            let member = f.ident;
            quote!(&self.#member)
        });
        quote! {
            if let (#(#patterns,)*) = (#(#values,)*) {
                #inserts
            }
        }
    };

    // `set_<index>(..)`: the index key's parts, set together, with the index key rewritten.
    let setter = format_ident!("set_{}", member);
    let params = fields.iter().map(|f| {
        let local = local(f);
        let arg = index_part_arg(
            f,
            naming_lit(&index.partition_key, index.sort_key.as_ref(), f),
            &quote!('_),
            private,
        );
        if option_inner(f.ty).is_some() {
            quote!(#local: #private::core::option::Option<#arg>)
        } else {
            quote!(#local: #arg)
        }
    });
    let sets = fields.iter().filter(|f| !templates.is_key_part(f)).map(|f| {
        let local = local(f);
        let stored = f.stored_name();
        let ty = f.ty;
        let path = quote! {
            #private::expr::Path::<#ty>::new(#private::expr::RawPath::attribute(#stored))
        };
        if option_inner(f.ty).is_some() {
            quote! {
                let update = match #local {
                    #private::core::option::Option::Some(value) => #private::expr::UpdateActions::set(update, #path, value),
                    #private::core::option::Option::None => #private::expr::UpdateActions::unset(update, #path),
                };
            }
        } else {
            quote!(let update = #private::expr::UpdateActions::set(update, #path, #local);)
        }
    });
    let by_local = |f: &Field| {
        if option_inner(f.ty).is_some() {
            let bound = bound(f);
            quote!(&#bound)
        } else {
            let local = local(f);
            quote!(&#local)
        }
    };
    let render_result = |template: &Template, attribute: &TokenStream| {
        let text = render(template, attribute, private, &by_local);
        quote!((|| -> #private::core::result::Result<#private::std::string::String, #private::ConversionError> {
            #private::core::result::Result::Ok(#text)
        })())
    };
    let pk_result = render_result(&index.partition_key, &pk_attr);
    let mut derived = quote!(let update = update.set_derived(#pk_attr, #pk_result););
    let mut removed = quote!(let update = update.unset_derived(#pk_attr););
    if let Some(sk) = &index.sort_key {
        let sk_result = render_result(sk, &sk_attr);
        derived.extend(quote!(let update = update.set_derived(#sk_attr, #sk_result);));
        removed.extend(quote!(let update = update.unset_derived(#sk_attr);));
    }
    let rewrite = if optional.is_empty() {
        quote!(#derived update)
    } else {
        let patterns = optional.iter().map(|f| {
            let bound = bound(f);
            quote!(#private::core::option::Option::Some(#bound))
        });
        let values = optional.iter().map(|f| {
            let local = local(f);
            quote!(#local)
        });
        quote! {
            if let (#(#patterns,)*) = (#(#values,)*) {
                #derived
                update
            } else {
                #removed
                update
            }
        }
    };
    let part_list = fields
        .iter()
        .map(|f| format!("`{}`", f.ident))
        .collect::<Vec<_>>()
        .join(", ");
    let setter_doc = format!(
        "Update actions changing the key of index `{name}`: {part_list} together, with the index's key attributes rewritten in the same request, so they never go stale. Pass them to `.merge(..)` of an update."
    );
    let sparse_doc = if optional.is_empty() {
        String::new()
    } else {
        "A `None` part removes the index's key attributes: the item leaves the (sparse) index."
            .to_owned()
    };
    items.extend(quote! {
        impl #ident {
            #[doc = #setter_doc]
            #[doc = ""]
            #[doc = #sparse_doc]
            #[allow(clippy::too_many_arguments)]
            pub fn #setter(#(#params),*) -> #private::expr::Update {
                let update = #private::expr::Update::new();
                #(#sets)*
                #rewrite
            }
        }
    });

    let prefix = index
        .sort_key
        .as_ref()
        .map(Template::prefix)
        .unwrap_or_default();
    let sort_name = match &index.sort_key {
        Some(_) => quote!(#private::core::option::Option::Some(#sk_attr)),
        None => quote!(#private::core::option::Option::None),
    };
    let doc = format!("The index `{name}` of the shared table, as `{ident}` writes its keys.");
    IndexItems {
        items,
        write,
        member: quote! {
            #[doc = #doc]
            pub #member: #private::Index<#ident, #marker, #range_ty, #private::AllAttributes>
        },
        init: quote!(#member: #private::Index::new(#name, #pk_attr, #sort_name).with_sort_prefix(#prefix)),
    }
}
