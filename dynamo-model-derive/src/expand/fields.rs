//! Code shared by every derive of named fields (a model, a document, a struct variant): writing
//! the fields into an item map and reading them back, one call per field, each spanned on the
//! field's type (or on the `with` path that converts it).

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Field};
use crate::internals::attr::DefaultValue;

/// The type's generics with the bounds its impls need: the container's `bound = "..."` if
/// given, else "every type parameter is storable".
pub fn with_field_bounds(cont: &Container, private: &TokenStream) -> syn::Generics {
    let mut generics = cont.generics.clone();
    let params: Vec<_> = generics.type_params().map(|p| p.ident.clone()).collect();
    let where_clause = generics.make_where_clause();
    match &cont.attrs.bound {
        Some(bound) => where_clause.predicates.extend(bound.iter().cloned()),
        None => {
            for param in params {
                where_clause.predicates.push(syn::parse_quote! {
                    #param: #private::ToAttribute + #private::FromAttribute + #private::expr::Navigable
                });
            }
        }
    }
    generics
}

/// How generated code reaches a field's value when writing: `&self.name` in a struct, the
/// binding `name` in a `match` on a struct variant.
#[derive(Clone, Copy)]
pub enum Access {
    SelfField,
    Binding,
}

impl Access {
    /// The expression, spanned on `span` so that a type error in the call it is passed to is
    /// reported there.
    fn of(self, field: &Field, span: Span) -> TokenStream {
        let member = super::respan(field.ident.to_token_stream(), span);
        match self {
            Access::SelfField => quote_spanned!(span=> &self.#member),
            Access::Binding => quote_spanned!(span=> #member),
        }
    }
}

/// The stored names of `fields`, plus `extra` (a tag), as a `&[&str]` expression: what a
/// flattened map must not hold.
fn named_attributes(fields: &[Field], extra: Option<&str>) -> TokenStream {
    let names = fields
        .iter()
        .filter(|f| f.is_stored())
        .map(Field::stored_name)
        .chain(extra.map(str::to_owned));
    quote!(&[#(#names),*])
}

/// Statements that declare `item` and write every field into it. `extra` is one more attribute
/// name the item holds (an enum's tag), reserved against a flattened map; `more` is how many
/// attributes the caller writes after the fields, so the map is sized once for all of them.
pub fn write_item(
    fields: &[Field],
    private: &TokenStream,
    access: Access,
    (extra, more): (Option<&str>, usize),
) -> TokenStream {
    let count =
        fields.iter().filter(|f| f.is_stored()).count() + usize::from(extra.is_some()) + more;
    let writes = fields.iter().filter(|f| f.is_stored()).map(|field| {
        let name = field.stored_name();
        let ty = field.ty;
        let span = match &field.attrs.with {
            Some((_, path)) => path.span(),
            None => ty.span(),
        };
        let value = access.of(field, span);
        if let Some((_, path)) = &field.attrs.with {
            quote_spanned! {path.span()=>
                #private::write_converted(&mut item, #name, #path::to_attribute(#value))?;
            }
        } else if field.attrs.serde.is_some() {
            quote_spanned! {ty.span()=>
                #private::write_converted(&mut item, #name, #private::with::serde::to_attribute(#value))?;
            }
        } else if let Some((_, default)) = &field.attrs.default {
            let default = default_value(default, ty, private);
            if field.attrs.force_default.is_some() {
                quote_spanned! {ty.span()=>
                    #private::write_field::<#ty>(&mut item, #name, &#default)?;
                }
            } else {
                quote_spanned! {ty.span()=>
                    #private::write_field_or_default::<#ty>(&mut item, #name, #value, || #default)?;
                }
            }
        } else {
            quote_spanned! {ty.span()=>
                #private::write_field::<#ty>(&mut item, #name, #value)?;
            }
        }
    });
    let flatten = fields
        .iter()
        .find(|f| f.attrs.flatten.is_some())
        .map(|field| {
            let ty = field.ty;
            let value = access.of(field, ty.span());
            let named = named_attributes(fields, extra);
            quote_spanned! {ty.span()=>
                <#ty as #private::Flatten>::write_into(#value, &mut item, #named)?;
            }
        });
    quote! {
        let mut item = #private::Item::with_capacity(#count);
        #(#writes)*
        #flatten
    }
}

/// An expression building `constructor { .. }` (e.g. `Self` or `Self::Variant`) from the
/// fields removed from a mutable `item`. A flattened field takes what is left, so it is read
/// last whatever its place in the struct.
pub fn read_item(fields: &[Field], private: &TokenStream, constructor: TokenStream) -> TokenStream {
    let local = |index: usize| format_ident!("__field{}", index);
    let reads = fields.iter().enumerate().filter(|(_, f)| f.attrs.flatten.is_none()).map(|(index, field)| {
        let local = local(index);
        let name = field.stored_name();
        let ty = field.ty;
        let take = take_attribute(field, private);
        let read = if !field.is_stored() {
            quote_spanned! {ty.span()=> <#ty as #private::core::default::Default>::default()}
        } else if let Some((_, path)) = &field.attrs.with {
            quote_spanned! {path.span()=>
                #private::read_converted(#path::from_attribute(#take), #name)?
            }
        } else if field.attrs.serde.is_some() {
            quote_spanned! {ty.span()=>
                #private::read_converted(#private::with::serde::from_attribute(#take), #name)?
            }
        } else if let Some((_, default)) = &field.attrs.default {
            let default = default_value(default, ty, private);
            quote_spanned! {ty.span()=>
                match #take {
                    #private::core::option::Option::Some(value) => {
                        #private::read_field::<#ty>(#private::core::option::Option::Some(value), #name)?
                    }
                    #private::core::option::Option::None => #default,
                }
            }
        } else {
            quote_spanned! {ty.span()=>
                #private::read_field::<#ty>(#take, #name)?
            }
        };
        quote!(let #local: #ty = #read;)
    });
    let flatten = fields
        .iter()
        .enumerate()
        .find(|(_, f)| f.attrs.flatten.is_some())
        .map(|(index, field)| {
            let local = local(index);
            let ty = field.ty;
            quote_spanned! {ty.span()=>
                let #local: #ty = <#ty as #private::Flatten>::read_rest(
                    #private::core::mem::take(&mut item)
                )?;
            }
        });
    let members = fields.iter().enumerate().map(|(index, field)| {
        let member = field.ident;
        let local = local(index);
        quote!(#member: #local)
    });
    quote! {{
        #(#reads)*
        #flatten
        #constructor { #(#members),* }
    }}
}

/// The expression that takes the field's attribute out of `item`: by its name, or for a field
/// with `alias`es, by the first of its names the item holds (every one is taken out, so that a
/// flattened map does not hold them).
fn take_attribute(field: &Field, private: &TokenStream) -> TokenStream {
    let name = field.stored_name();
    if field.attrs.aliases.is_empty() {
        return quote!(item.remove(#name));
    }
    let aliases = &field.attrs.aliases;
    quote!(#private::take_aliased(&mut item, #name, &[#(#aliases),*]))
}

/// An expression of the field's type holding its default value.
fn default_value(default: &DefaultValue, ty: &syn::Type, private: &TokenStream) -> TokenStream {
    match default {
        DefaultValue::Trait => {
            quote_spanned!(ty.span()=> <#ty as #private::core::default::Default>::default())
        }
        // A number or bool literal takes the field's type directly (through `From` it would
        // fall back to i32); anything else converts with `From`, so "text" fills a String.
        DefaultValue::Expr(
            expr @ syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(_) | syn::Lit::Float(_) | syn::Lit::Bool(_),
                ..
            }),
        ) => quote_spanned! {expr.span()=> { let value: #ty = #expr; value }},
        DefaultValue::Expr(expr) => quote_spanned! {expr.span()=>
            <#ty as #private::core::convert::From<_>>::from(#expr)
        },
        DefaultValue::With(path) => {
            quote_spanned!(path.span()=> <#ty as #private::core::convert::From<_>>::from(#path()))
        }
    }
}
