//! The key items of a model stored in a shared table: keys written from its templates, the
//! entity name written and checked, the typed sort key, and `impl Entity`.

mod index;
mod stored;
mod text;
mod typed;

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};

use crate::expand::shared_table::{TableDecl, global_index_schema};
use crate::internals::ast::{Container, Field};
use crate::internals::template::{Segment, Templates};
use index::{IndexItems, index_items_of};
use text::{local, naming_lit, part_arg, render};
use typed::{SortKeyBuilder, partition_value};

/// What `impl Model` and the items beside it need from the templates.
pub struct EntityKeys {
    pub key_type: TokenStream,
    pub schema_keys: TokenStream,
    pub key_item: TokenStream,
    pub item_key: TokenStream,
    /// Statements appended to `to_item`, with `item` in scope.
    pub write_keys: TokenStream,
    /// How many attributes `write_keys` adds at most, reserved with the fields'.
    pub written: usize,
    /// Statements first in `from_item`, with `item` in scope.
    pub check_entity: TokenStream,
    /// Statements after `from_item` read the fields into `value`: the stored keys must be what
    /// the templates write from them.
    pub check_keys: TokenStream,
    /// Items beside `impl Model`.
    pub items: TokenStream,
    /// Members of `indexes()` and their values: the shared global indexes the model writes
    /// keys of.
    pub index_members: Vec<TokenStream>,
    pub index_inits: Vec<TokenStream>,
}

/// A model in a shared table, with the names its generated code uses.
struct EntityGen<'g, 'c, 'a> {
    cont: &'g Container<'a>,
    templates: &'g Templates<'c, 'a>,
    private: &'g TokenStream,
    /// The shared table's type, and `<Table as SharedTable>`.
    table: TokenStream,
    shared: TokenStream,
    entity: String,
    /// The key attribute names, expressions.
    partition_attr: TokenStream,
    sort_attr: TokenStream,
    /// The first stage of the typed sort key.
    start_ident: syn::Ident,
}

pub fn keys(cont: &Container, templates: &Templates, private: &TokenStream) -> EntityKeys {
    let table = cont
        .attrs
        .shared_table
        .as_ref()
        .map(ToTokens::to_token_stream)
        .unwrap_or_default();
    let shared = quote!(<#table as #private::SharedTable>);
    let entity_gen = EntityGen {
        cont,
        templates,
        private,
        partition_attr: quote!(#shared::PARTITION_KEY),
        sort_attr: quote!(__SORT_KEY),
        table,
        shared,
        entity: cont
            .attrs
            .entity
            .as_ref()
            .map(syn::LitStr::value)
            .unwrap_or_default(),
        start_ident: format_ident!("{}SortKey", cont.ident),
    };
    let mut indexes = Vec::new();
    for index in &templates.indexes {
        indexes.push(index_items_of(
            cont,
            templates,
            index,
            &entity_gen.shared,
            private,
        ));
    }
    let write_indexes = indexes.iter().map(|index| &index.write);
    let write_keys = entity_gen.write_keys();
    EntityKeys {
        key_type: entity_gen.key_type(),
        schema_keys: entity_gen.schema_keys(),
        key_item: entity_gen.key_item(),
        item_key: entity_gen.item_key(),
        write_keys: quote!(#write_keys #(#write_indexes)*),
        // The partition key, the sort key, the entity name and each index's keys.
        written: 2
            + usize::from(templates.sort_key.is_some())
            + templates
                .indexes
                .iter()
                .map(|index| 1 + usize::from(index.sort_key.is_some()))
                .sum::<usize>(),
        check_entity: entity_gen.check_entity(),
        check_keys: entity_gen.check_keys(),
        items: {
            let mut items = entity_gen.items(&indexes);
            items.extend(entity_gen.key_arg_impls(cont));
            items
        },
        index_members: indexes.iter().map(|i| i.member.clone()).collect(),
        index_inits: indexes.iter().map(|i| i.init.clone()).collect(),
    }
}

impl EntityGen<'_, '_, '_> {
    /// The argument type of key part `field`, with `lifetime`.
    fn key_arg(&self, field: &Field, lifetime: &TokenStream) -> TokenStream {
        let templates = self.templates;
        let lit = naming_lit(&templates.partition_key, templates.sort_key.as_ref(), field);
        part_arg(field, lit, lifetime, self.private)
    }

    /// The type of a whole key: one part's argument type, or a tuple of them.
    fn key_args(&self, lifetime: TokenStream) -> TokenStream {
        let fields = self.templates.key_fields();
        let args: Vec<_> = fields.iter().map(|f| self.key_arg(f, &lifetime)).collect();
        match args.as_slice() {
            [one] => one.clone(),
            _ => quote!((#(#args),*)),
        }
    }

    /// `impl KeyArg`: the key's parts as arguments, `&String` allowed for a `String` part.
    fn key_arg_impls(&self, cont: &Container) -> TokenStream {
        let parts: Vec<crate::expand::key_arg::KeyPartArg> = self
            .templates
            .key_fields()
            .iter()
            .map(|field| crate::expand::key_arg::KeyPartArg {
                arg: self.key_arg(field, &quote!('k)),
                string: crate::expand::key_arg::is_string(field),
            })
            .collect();
        crate::expand::key_arg::impls(cont.ident, cont.generics, &parts, self.private)
    }

    /// `Model`'s key types.
    fn key_type(&self) -> TokenStream {
        let private = self.private;
        let key_args = self.key_args(quote!('k));
        let sort_key = match &self.templates.sort_key {
            Some(_) => quote!(#private::SortKeyText<Self>),
            None => quote!(#private::NoSortKey),
        };
        quote! {
            type Key<'k> = #key_args;
            type PartitionKey = Self;
            type SortKey = #sort_key;
        }
    }

    /// The key fields of the model's `Schema`.
    fn schema_keys(&self) -> TokenStream {
        let (private, shared, entity) = (self.private, &self.shared, &self.entity);
        let (partition_attr, sort_attr) = (&self.partition_attr, &self.sort_attr);
        let partition_text = self.templates.partition_key.lit.value();
        let (sort_schema, sort_template, sort_prefix) = match &self.templates.sort_key {
            Some(sort) => {
                let text = sort.lit.value();
                (
                    quote!(#private::core::option::Option::Some(#private::KeyAttribute { name: #sort_attr, scalar: #private::KeyScalar::S })),
                    quote!(#private::core::option::Option::Some(#text)),
                    sort.prefix(),
                )
            }
            None => (
                quote!(#private::core::option::Option::None),
                quote!(#private::core::option::Option::None),
                String::new(),
            ),
        };
        quote! {
            table: #shared::NAME,
            partition_key: #private::KeyAttribute { name: #partition_attr, scalar: #private::KeyScalar::S },
            sort_key: #sort_schema,
            indexes: #shared::INDEXES,
            entity: #private::core::option::Option::Some(#private::EntitySchema {
                name: #entity,
                attribute: #shared::ENTITY_ATTRIBUTE,
                partition_template: #partition_text,
                sort_template: #sort_template,
                sort_prefix: #sort_prefix,
            }),
        }
    }

    /// The key item's partition attribute and optional sort attribute, each part's value given
    /// by `value`.
    fn key_pair(&self, value: &dyn Fn(&Field) -> TokenStream) -> TokenStream {
        let (private, partition_attr, sort_attr) =
            (self.private, &self.partition_attr, &self.sort_attr);
        let partition = render(
            &self.templates.partition_key,
            partition_attr,
            private,
            value,
        );
        let sort = match &self.templates.sort_key {
            Some(sort) => {
                let text = render(sort, sort_attr, private, value);
                quote!(#private::core::option::Option::Some((#sort_attr, #private::AttributeValue::S(#text))))
            }
            None => quote!(#private::core::option::Option::None),
        };
        quote!(#private::key_item_of((#partition_attr, #private::AttributeValue::S(#partition)), #sort))
    }

    /// `Model::key_item`: the key item of a key.
    fn key_item(&self) -> TokenStream {
        let private = self.private;
        let fields = self.templates.key_fields();
        let locals: Vec<_> = fields.iter().map(|f| local(f)).collect();
        let pattern = match locals.as_slice() {
            [one] => quote!(#one),
            _ => quote!((#(#locals),*)),
        };
        let key_args = self.key_args(quote!('_));
        let by_local = |f: &Field| {
            let local = local(f);
            quote!(&#local)
        };
        let pair = self.key_pair(&by_local);
        quote! {
            fn key_item(key: #key_args) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                let #pattern = key;
                #pair
            }
        }
    }

    /// `Model::item_key`: the key item of a model value.
    fn item_key(&self) -> TokenStream {
        let private = self.private;
        let pair = self.key_pair(&by_self);
        quote! {
            fn item_key(&self) -> #private::core::result::Result<#private::Item, #private::ConversionError> {
                #pair
            }
        }
    }

    /// Statements writing the keys and the entity name into `item`.
    fn write_keys(&self) -> TokenStream {
        let (private, shared, entity) = (self.private, &self.shared, &self.entity);
        let (partition_attr, sort_attr) = (&self.partition_attr, &self.sort_attr);
        let partition = render(
            &self.templates.partition_key,
            partition_attr,
            private,
            &by_self,
        );
        let write_sort = self.templates.sort_key.as_ref().map(|sort| {
            let text = render(sort, sort_attr, private, &by_self);
            quote!(item.insert(#private::std::borrow::ToOwned::to_owned(#sort_attr), #private::AttributeValue::S(#text));)
        });
        quote! {
            item.insert(#private::std::borrow::ToOwned::to_owned(#partition_attr), #private::AttributeValue::S(#partition));
            #write_sort
            item.insert(
                #private::std::borrow::ToOwned::to_owned(#shared::ENTITY_ATTRIBUTE),
                #private::AttributeValue::S(#private::std::borrow::ToOwned::to_owned(#entity)),
            );
        }
    }

    /// The read item's entity name must be the model's.
    fn check_entity(&self) -> TokenStream {
        let (private, shared, entity) = (self.private, &self.shared, &self.entity);
        quote! {
            #private::check_entity(&item, #shared::ENTITY_ATTRIBUTE, #entity)?;
        }
    }

    /// The table's sort key must match whether the model has a `sort_key` template.
    fn sort_key_const(&self) -> TokenStream {
        let (private, shared) = (self.private, &self.shared);
        match &self.templates.sort_key {
            Some(sort) => quote_spanned! {sort.lit.span()=>
                const __SORT_KEY: &str = match #shared::SORT_KEY {
                    #private::core::option::Option::Some(name) => name,
                    #private::core::option::Option::None => #private::core::panic!("this model has a `sort_key` template, but its shared table has no sort key: remove `sort_key`, or give the table `sort_key = \"...\"`"),
                };
            },
            None => {
                let lit = self.templates.partition_key.lit;
                quote_spanned! {lit.span()=>
                    const _: () = if #shared::SORT_KEY.is_some() {
                        #private::core::panic!("the shared table has a sort key, so every model in it needs a `sort_key` template: add `sort_key = \"...\"`");
                    };
                }
            }
        }
    }

    /// The typed sort key's stage types, and the expression of its first stage.
    fn sort_key_types(&self) -> (TokenStream, TokenStream) {
        let (ident, private, start_ident) = (self.cont.ident, self.private, &self.start_ident);
        let Some(sort) = &self.templates.sort_key else {
            let doc = format!(" `{ident}` has no sort key.");
            return (
                quote!(#[doc = #doc] pub struct #start_ident;),
                quote!(#start_ident),
            );
        };
        let what = format!("`{ident}`");
        let arg = |f: &Field| part_arg(f, sort.lit, &quote!('_), private);
        SortKeyBuilder {
            stage_prefix: &start_ident.to_string(),
            key: &quote!(#ident),
            what: &what,
            template: sort,
            attribute: &self.sort_attr,
            arg: &arg,
            private,
        }
        .build()
    }

    /// The partition template with each part written as its type: two models share a
    /// partition only if theirs are equal.
    fn partition_shape(&self) -> String {
        self.templates
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
            .collect()
    }

    /// The items beside `impl Model`: checks against the shared table, the typed keys, the
    /// indexes' items and `impl Entity`.
    fn items(&self, indexes: &[IndexItems]) -> TokenStream {
        let (ident, private, shared, table, entity) = (
            self.cont.ident,
            self.private,
            &self.shared,
            &self.table,
            &self.entity,
        );
        let start_ident = &self.start_ident;
        let listed = self.cont.attrs.entity.as_ref().map(|lit| {
            quote_spanned! {lit.span()=>
                const _: () = #private::check_listed(#shared::ENTITIES, #lit);
            }
        });
        let sort_key_const = self.sort_key_const();
        let key_arg = |f: &Field| self.key_arg(f, &quote!('k));
        let partition_value = partition_value(
            &quote!(#ident),
            &self.templates.partition_key,
            &self.partition_attr,
            &key_arg,
            private,
        );
        let (sort_types, sort_start) = self.sort_key_types();
        let key_template = self.templates.sort_key.as_ref().map(|_| {
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
        let index_items = indexes.iter().map(|index| &index.items);
        let shape = self.partition_shape();
        quote! {
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
        }
    }
}

/// A field of the model value, by reference.
fn by_self(field: &Field) -> TokenStream {
    let member = field.ident;
    quote!(&self.#member)
}

/// The table a model whose keys are templates declares for itself (`table = "..."` with
/// `partition_key = "..."` on the struct): a shared table holding that one model, keyed by
/// `pk` and `sk`, its global indexes keyed by `<index>_pk` and `<index>_sk`.
pub fn own_key_table(cont: &Container, private: &TokenStream) -> TokenStream {
    if !cont.attrs.own_key_table {
        return TokenStream::new();
    }
    let entity = cont
        .attrs
        .entity
        .as_ref()
        .map(syn::LitStr::value)
        .unwrap_or_default();
    let indexes = cont.attrs.shared_indexes.iter().map(|index| {
        let name = index.name.value();
        let sort = index.sort_key.as_ref().map(|_| format!("{name}_sk"));
        let partition = format!("{name}_pk");
        global_index_schema(&name, &partition, sort.as_deref(), private)
    });
    let declared = TableDecl {
        name: cont.table_name(),
        partition_key: "pk".to_owned(),
        sort_key: cont.attrs.sort_key.as_ref().map(|_| "sk".to_owned()),
        entity_attribute: "_et".to_owned(),
        indexes: indexes.collect(),
        entities: vec![quote!(#entity)],
    }
    .impl_for(&quote!(__DynamoKeyTable), private);
    quote! {
        /// The table of a model whose keys are templates.
        pub struct __DynamoKeyTable;

        #declared
    }
}
