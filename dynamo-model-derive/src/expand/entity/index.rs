//! What a model in a shared table adds for each global index it writes keys of: the index's
//! constants and typed keys, the statements writing its keys into an item, `set_<index>(..)`,
//! and its member of `indexes()`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::text::{camel, index_part_arg, local, naming_lit, render};
use super::typed::{SortKeyBuilder, partition_value};
use crate::internals::ast::{Container, Field};
use crate::internals::template::{IndexTemplates, Template, Templates};
use crate::internals::types::option_inner;

/// What one index template adds.
pub struct IndexItems {
    /// Constants, key marker, typed keys and setter.
    pub items: TokenStream,
    /// Statements writing the index keys into `item`.
    pub write: TokenStream,
    /// The member of `indexes()` and its value.
    pub member: TokenStream,
    pub init: TokenStream,
}

/// One index template of a model, with the names its generated items use.
struct IndexGen<'g, 'c, 'a> {
    ident: &'g syn::Ident,
    templates: &'g Templates<'c, 'a>,
    index: &'g IndexTemplates<'c, 'a>,
    private: &'g TokenStream,
    name: String,
    member: syn::Ident,
    /// The type naming this model's keys in the index.
    marker: syn::Ident,
    schema_const: syn::Ident,
    sort_const: syn::Ident,
    /// The index's key attribute names, expressions.
    partition_attr: TokenStream,
    sort_attr: TokenStream,
    /// The fields of the index key, and those of them that are optional (a sparse index).
    fields: Vec<&'c Field<'a>>,
    optional: Vec<&'c Field<'a>>,
}

pub fn index_items_of(
    cont: &Container,
    templates: &Templates,
    index: &IndexTemplates,
    shared: &TokenStream,
    private: &TokenStream,
) -> IndexItems {
    let name = index.attr.name.value();
    let member = crate::internals::index::member(&name);
    let upper = member.to_string().to_uppercase();
    let schema_const = format_ident!("__INDEX_{}", upper);
    let sort_const = format_ident!("__INDEX_{}_SK", upper);
    let fields = index.key_fields();
    let optional = fields
        .iter()
        .copied()
        .filter(|f| option_inner(f.ty).is_some())
        .collect();
    let index_gen = IndexGen {
        ident: cont.ident,
        templates,
        index,
        private,
        marker: format_ident!("{}{}Key", cont.ident, camel(&member.to_string())),
        partition_attr: quote!(#schema_const.partition_key.name),
        sort_attr: quote!(#sort_const),
        name,
        member,
        schema_const,
        sort_const,
        fields,
        optional,
    };
    let mut items = index_gen.constants(shared);
    let sort_ty = index_gen.key_types(&mut items);
    items.extend(index_gen.setter());
    let (member, init, by_name) = index_gen.member(&sort_ty);
    items.extend(by_name);
    IndexItems {
        items,
        write: index_gen.write(),
        member,
        init,
    }
}

/// The local bound to a sparse part's value inside `if let Some(..)`.
fn bound(field: &Field) -> syn::Ident {
    format_ident!("__sparse_{}", field.ident)
}

impl IndexGen<'_, '_, '_> {
    /// The index's schema from the shared table, checked against the model's templates.
    fn constants(&self, shared: &TokenStream) -> TokenStream {
        let (private, schema_const, sort_const) =
            (self.private, &self.schema_const, &self.sort_const);
        let name_lit = &self.index.attr.name;
        let mut items = quote_spanned! {name_lit.span()=>
            const #schema_const: #private::IndexSchema = #private::shared_index(#shared::INDEXES, #name_lit);
        };
        match &self.index.sort_key {
            Some(sort) => items.extend(quote_spanned! {sort.lit.span()=>
                const #sort_const: &str = #private::shared_index_sort_key(#schema_const);
            }),
            None => items.extend(quote_spanned! {name_lit.span()=>
                const _: () = if #schema_const.sort_key.is_some() {
                    #private::core::panic!("this global index of the shared table has a sort key: give the index a `sort_key` template too");
                };
            }),
        }
        items
    }

    /// The key marker, its partition value and typed sort key, added to `items`; gives the
    /// index's sort key type.
    fn key_types(&self, items: &mut TokenStream) -> TokenStream {
        let (ident, private, marker, name) = (self.ident, self.private, &self.marker, &self.name);
        let marker_doc = format!(" The keys of `{ident}` in index `{name}`, as a type.");
        items.extend(quote! {
            #[doc = #marker_doc]
            pub struct #marker;
        });
        let partition_lit = self.index.partition_key.lit;
        let arg = |f: &Field| index_part_arg(f, partition_lit, &quote!('k), private);
        let key = quote!(#marker);
        items.extend(partition_value(
            &key,
            &self.index.partition_key,
            &self.partition_attr,
            &arg,
            private,
        ));
        let Some(sort) = &self.index.sort_key else {
            return quote!(#private::NoSortKey);
        };
        let stage_prefix = format!("{marker}Sort");
        let what = format!("`{ident}` in index `{name}`");
        let sort_arg = |f: &Field| index_part_arg(f, sort.lit, &quote!('_), private);
        let (types, start) = SortKeyBuilder {
            stage_prefix: &stage_prefix,
            key: &key,
            what: &what,
            template: sort,
            attribute: &self.sort_attr,
            arg: &sort_arg,
            private,
        }
        .build();
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

    /// `if let (Some(a), ..) = (values..) { then } else { otherwise }` over the sparse parts,
    /// or `then` alone when there are none.
    fn when_present(
        &self,
        value: &dyn Fn(&Field) -> TokenStream,
        then: TokenStream,
        otherwise: Option<TokenStream>,
    ) -> TokenStream {
        if self.optional.is_empty() {
            return then;
        }
        let private = self.private;
        let patterns = self.optional.iter().map(|f| {
            let bound = bound(f);
            quote!(#private::core::option::Option::Some(#bound))
        });
        let values = self.optional.iter().map(|f| value(f));
        let otherwise = otherwise.map(|otherwise| quote!(else { #otherwise }));
        quote! {
            if let (#(#patterns,)*) = (#(#values,)*) {
                #then
            } #otherwise
        }
    }

    /// The item's index keys, left out while a sparse part is `None`.
    fn write(&self) -> TokenStream {
        let private = self.private;
        let (partition_attr, sort_attr) = (&self.partition_attr, &self.sort_attr);
        let by_self = |f: &Field| {
            if option_inner(f.ty).is_some() {
                let bound = bound(f);
                quote!(#bound)
            } else {
                let member = f.ident;
                quote!(&self.#member)
            }
        };
        let partition = render(&self.index.partition_key, partition_attr, private, &by_self);
        let mut inserts = quote! {
            item.insert(#private::std::borrow::ToOwned::to_owned(#partition_attr), #private::AttributeValue::S(#partition));
        };
        if let Some(sort) = &self.index.sort_key {
            let sort = render(sort, sort_attr, private, &by_self);
            inserts.extend(quote! {
                item.insert(#private::std::borrow::ToOwned::to_owned(#sort_attr), #private::AttributeValue::S(#sort));
            });
        }
        let member_of_self = |f: &Field| {
            let member = f.ident;
            quote!(&self.#member)
        };
        self.when_present(&member_of_self, inserts, None)
    }

    /// `set_<index>(..)`: the index key's parts, set together, with the index key rewritten.
    fn setter(&self) -> TokenStream {
        let (ident, private, name) = (self.ident, self.private, &self.name);
        let setter = format_ident!("set_{}", self.member);
        let params = self.fields.iter().map(|f| self.param(f));
        let sets = self
            .fields
            .iter()
            .filter(|f| !self.templates.is_key_part(f))
            .map(|f| self.set(f));
        let rewrite = self.rewrite();
        let part_list = self
            .fields
            .iter()
            .map(|f| format!("`{}`", f.ident))
            .collect::<Vec<_>>()
            .join(", ");
        let setter_doc = format!(
            " Update actions changing the key of index `{name}`: {part_list} together, with the index's key attributes rewritten in the same request, so they never go stale. Pass them to `.merge(..)` of an update."
        );
        let sparse_doc = if self.optional.is_empty() {
            String::new()
        } else {
            " A `None` part removes the index's key attributes: the item leaves the (sparse) index."
                .to_owned()
        };
        quote! {
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
        }
    }

    /// The setter's parameter for part `field`: `Option<T>` for a sparse part.
    fn param(&self, field: &Field) -> TokenStream {
        let private = self.private;
        let local = local(field);
        let lit = naming_lit(
            &self.index.partition_key,
            self.index.sort_key.as_ref(),
            field,
        );
        let arg = index_part_arg(field, lit, &quote!('_), private);
        if option_inner(field.ty).is_some() {
            quote!(#local: #private::core::option::Option<#arg>)
        } else {
            quote!(#local: #arg)
        }
    }

    /// The setter's action on part `field`: set it, or remove it when a sparse part is `None`.
    fn set(&self, field: &Field) -> TokenStream {
        let private = self.private;
        let local = local(field);
        let stored = field.stored_name();
        let ty = field.ty;
        let path = quote! {
            #private::expr::Path::<#ty>::new(#private::expr::RawPath::attribute(#stored))
        };
        if option_inner(field.ty).is_some() {
            quote! {
                let update = match #local {
                    #private::core::option::Option::Some(value) => #private::expr::UpdateActions::set(update, #path, value),
                    #private::core::option::Option::None => #private::expr::UpdateActions::unset(update, #path),
                };
            }
        } else {
            quote!(let update = #private::expr::UpdateActions::set(update, #path, #local);)
        }
    }

    /// The setter's rewrite of the index key attributes, or their removal while a sparse part
    /// is `None`.
    fn rewrite(&self) -> TokenStream {
        let private = self.private;
        let (partition_attr, sort_attr) = (&self.partition_attr, &self.sort_attr);
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
        let partition = render_result(&self.index.partition_key, partition_attr);
        let mut derived = quote!(let update = update.set_derived(#partition_attr, #partition););
        let mut removed = quote!(let update = update.unset_derived(#partition_attr););
        if let Some(sort) = &self.index.sort_key {
            let sort = render_result(sort, sort_attr);
            derived.extend(quote!(let update = update.set_derived(#sort_attr, #sort);));
            removed.extend(quote!(let update = update.unset_derived(#sort_attr);));
        }
        let local_of = |f: &Field| {
            let local = local(f);
            quote!(#local)
        };
        self.when_present(
            &local_of,
            quote!(#derived update),
            Some(quote!(#removed update)),
        )
    }

    /// The member of `indexes()` for this index, its value, and the index by its member's name
    /// for a `has_many` of another model.
    fn member(&self, sort_ty: &TokenStream) -> (TokenStream, TokenStream, TokenStream) {
        let (ident, private, name, member, marker) = (
            self.ident,
            self.private,
            &self.name,
            &self.member,
            &self.marker,
        );
        let (partition_attr, sort_attr) = (&self.partition_attr, &self.sort_attr);
        let prefix = self
            .index
            .sort_key
            .as_ref()
            .map(Template::prefix)
            .unwrap_or_default();
        let sort_name = match &self.index.sort_key {
            Some(_) => quote!(#private::core::option::Option::Some(#sort_attr)),
            None => quote!(#private::core::option::Option::None),
        };
        let doc = format!(" The index `{name}` of the shared table, as `{ident}` writes its keys.");
        let handle = quote!(#private::Index<#ident, #marker, #sort_ty, #private::AllAttributes>);
        let init = quote!(#private::Index::new(#name, #partition_attr, #sort_name).with_sort_prefix(#prefix));
        let hash = crate::expand::index_name_hash(&member.to_string());
        (
            quote! {
                #[doc = #doc]
                pub #member: #handle
            },
            quote!(#member: #init),
            quote! {
                #[automatically_derived]
                impl #private::IndexByName<#hash> for #ident {
                    type Handle = #handle;

                    fn index() -> Self::Handle {
                        #init
                    }
                }
            },
        )
    }
}
