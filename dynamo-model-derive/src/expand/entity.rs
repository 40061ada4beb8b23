//! The key items of a model stored in a shared table: keys written from its templates, the
//! entity name written and checked, the typed sort key, and `impl Entity`.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};

use crate::internals::ast::{Container, Field};
use crate::internals::template::{Segment, Template, Templates};

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
    /// Items beside `impl Model`.
    pub items: TokenStream,
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

/// The template literal that first names `field`.
fn naming_lit<'t>(templates: &'t Templates, field: &Field) -> &'t syn::LitStr {
    if templates.pk.has_part(field) {
        templates.pk.lit
    } else {
        templates.sk.as_ref().map_or(templates.pk.lit, |sk| sk.lit)
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
            .map(|f| part_arg(f, naming_lit(templates, f), &lifetime, private))
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
    let range_key = match &templates.sk {
        Some(_) => quote!(#private::SortKeyText<Self>),
        None => quote!(#private::NoRangeKey),
    };
    let key_type = quote! {
        type Key<'k> = #key_args;
        type HashKey = Self;
        type RangeKey = #range_key;
    };

    let pk_text = templates.pk.lit.value();
    let (range_schema, sk_template, sort_prefix) = match &templates.sk {
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
        hash_key: #private::KeyAttribute { name: #pk_attr, scalar: #private::KeyScalar::S },
        range_key: #range_schema,
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
    let pk_of =
        |value: &dyn Fn(&Field) -> TokenStream| render(&templates.pk, &pk_attr, private, value);
    let sk_pair = |value: &dyn Fn(&Field) -> TokenStream| match &templates.sk {
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
    let write_sk = match &templates.sk {
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

    // The table's sort key must match whether the model has an `sk` template.
    let sort_key_const = match &templates.sk {
        Some(sk) => quote_spanned! {sk.lit.span()=>
            const __SORT_KEY: &str = match #shared::SORT_KEY {
                #private::core::option::Option::Some(name) => name,
                #private::core::option::Option::None => #private::core::panic!("this model has an `sk` template, but its shared table has no sort key: remove `sk`, or give the table `sk = \"...\"`"),
            };
        },
        None => {
            let lit = templates.pk.lit;
            quote_spanned! {lit.span()=>
                const _: () = if #shared::SORT_KEY.is_some() {
                    #private::core::panic!("the shared table has a sort key, so every model in it needs an `sk` template: add `sk = \"...\"`");
                };
            }
        }
    };

    let pk_fields: Vec<&Field> = {
        let mut out: Vec<&Field> = Vec::new();
        for field in templates.pk.parts() {
            if !out.iter().any(|seen| std::ptr::eq(*seen, field)) {
                out.push(field);
            }
        }
        out
    };
    let partition_type = if pk_fields.is_empty() {
        quote!(())
    } else {
        args(quote!('k), &pk_fields)
    };
    let partition_pattern = if pk_fields.is_empty() {
        quote!(())
    } else {
        pattern(&pk_fields)
    };
    let partition_value = {
        let text = pk_of(&|f: &Field| {
            let local = local(f);
            quote!(#local)
        });
        quote! {
            #[automatically_derived]
            impl<'k> #private::PartitionValue<#ident> for #partition_type {
                fn partition_attribute(&self, _name: &str) -> #private::core::result::Result<#private::AttributeValue, #private::ConversionError> {
                    let #partition_pattern = self;
                    #private::core::result::Result::Ok(#private::AttributeValue::S(#text))
                }
            }
        }
    };

    let (sort_types, sort_start) = sort_key_builder(ident, templates, &sk_attr, private);
    let start_ident = format_ident!("{}SortKey", ident);
    let items = quote! {
        #sort_key_const
        #partition_value
        #sort_types

        #[automatically_derived]
        impl #private::Entity for #ident {
            type Table = #table;
            type SortKeyStart = #start_ident;
            const ENTITY: &'static str = #entity;
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
        items,
    }
}

/// The typed sort key: stage `i` holds the key text up to its `i`th part and the literal text
/// after it, and has one method, named for the next part. So parts are given in template order
/// and none can be skipped.
fn sort_key_builder(
    ident: &syn::Ident,
    templates: &Templates,
    sk_attr: &TokenStream,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let camel = |field: &Field| -> String {
        let name = field.ident.to_string();
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
    };
    let parts: Vec<&Field> = templates.sk.iter().flat_map(|sk| sk.parts()).collect();
    let stage = |i: usize| match i {
        0 => format_ident!("{}SortKey", ident),
        _ => format_ident!("{}SortKeyTo{}", ident, camel(parts[i - 1])),
    };
    let Some(sk) = &templates.sk else {
        let start = stage(0);
        let doc = format!("`{ident}` has no sort key.");
        return (quote!(#[doc = #doc] pub struct #start;), quote!(#start));
    };
    let separators = sk.separators();
    // Split the template into the literal prefix and, per part, the part and the literal after it.
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
            format!("A whole sort key of `{ident}`.")
        } else {
            format!(
                "A sort key prefix of `{ident}`; `.{}(..)` narrows it further.",
                steps[i].0.ident
            )
        };
        let next = steps.get(i).map(|(field, after)| {
            let method = field.ident;
            let part = field.ident.to_string();
            let arg = part_arg(field, sk.lit, &quote!('_), private);
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
            impl #private::expr::ValueOf<#private::SortKeyText<#ident>> for #name {
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
