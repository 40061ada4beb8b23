//! Typed keys from templates: the sort key built part by part in template order, and the
//! partition value a query names its partition with.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::text::{camel, local, render};
use crate::internals::ast::Field;
use crate::internals::template::{Segment, Template, distinct};

/// How a typed sort key is generated: the names of its stage types, what it is the key of, and
/// how a part's argument type is written.
pub struct SortKeyBuilder<'b, 'c, 'a> {
    /// The first stage's name; later stages add `To<Part>`.
    pub stage_prefix: &'b str,
    /// The marker type of the key, `SortKeyText<#key>`.
    pub key: &'b TokenStream,
    /// What the docs say the key is of: "`Order`".
    pub what: &'b str,
    pub template: &'b Template<'c, 'a>,
    /// The sort key attribute's name, an expression.
    pub attribute: &'b TokenStream,
    pub arg: &'b dyn Fn(&Field) -> TokenStream,
    pub private: &'b TokenStream,
}

/// The literal prefix of a template and, per part, the part and the literal after it.
fn steps<'t, 'a>(template: &'t Template<'t, 'a>) -> (String, Vec<(&'t Field<'a>, String)>) {
    let mut prefix = String::new();
    let mut steps: Vec<(&Field, String)> = Vec::new();
    for segment in &template.segments {
        match segment {
            Segment::Literal(text) => match steps.last_mut() {
                Some((_, after)) => after.push_str(text),
                None => prefix.push_str(text),
            },
            Segment::Part(field) => steps.push((field, String::new())),
        }
    }
    (prefix, steps)
}

impl SortKeyBuilder<'_, '_, '_> {
    /// The typed sort key of the template, written into `SortKeyText<#key>`: stage `i` holds the
    /// key text up to its `i`th part and the literal text after it, and has one method, named
    /// for the next part. So parts are given in template order and none can be skipped. Gives
    /// the stage types and the expression of the first stage.
    pub fn build(&self) -> (TokenStream, TokenStream) {
        let private = self.private;
        let (prefix, steps) = steps(self.template);
        let stage = |i: usize| match i {
            0 => format_ident!("{}", self.stage_prefix),
            _ => format_ident!(
                "{}To{}",
                self.stage_prefix,
                camel(&steps[i - 1].0.ident.to_string())
            ),
        };
        let types = (0..=steps.len()).map(|i| {
            let next = steps
                .get(i)
                .map(|(field, after)| self.next_part(&stage(i), &stage(i + 1), field, after));
            self.stage_type(&stage(i), steps.get(i).map(|(field, _)| *field), next)
        });
        let types: Vec<_> = types.collect();
        let start = stage(0);
        (
            quote!(#(#types)*),
            quote!(#start(#private::core::result::Result::Ok(#private::std::borrow::ToOwned::to_owned(#prefix)))),
        )
    }

    /// Stage `name` of the key, whose next part is `next_field` (none for a whole key), with
    /// the method giving it.
    fn stage_type(
        &self,
        name: &syn::Ident,
        next_field: Option<&Field>,
        next: Option<TokenStream>,
    ) -> TokenStream {
        let (private, key, what) = (self.private, self.key, self.what);
        let doc = match next_field {
            None => format!(" A whole sort key of {what}."),
            Some(field) => format!(
                " A sort key prefix of {what}; `.{}(..)` narrows it further.",
                field.ident
            ),
        };
        quote! {
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
        }
    }

    /// The method of stage `name` giving part `field` and the literal `after` it: stage `next`.
    fn next_part(
        &self,
        name: &syn::Ident,
        next: &syn::Ident,
        field: &Field,
        after: &str,
    ) -> TokenStream {
        let (private, attribute) = (self.private, self.attribute);
        let separators = self.template.separators();
        let method = field.ident;
        let part = field.ident.to_string();
        let arg = (self.arg)(field);
        let method_doc = format!(" The sort key's `{part}` part.");
        let write = quote_spanned!(self.template.lit.span()=> key.part(#part, &value)?;);
        quote! {
            impl #name {
                #[doc = #method_doc]
                pub fn #method(self, value: #arg) -> #next {
                    #next(self.0.and_then(|text| {
                        let mut key = #private::KeyText::resume(text, #attribute, #separators);
                        #write
                        key.literal(#after);
                        #private::core::result::Result::Ok(key.finish())
                    }))
                }
            }
        }
    }
}

/// `impl PartitionValue<#key>` for the arguments of template `partition`'s parts: what a query
/// of the table or index names its partition with.
pub fn partition_value(
    key: &TokenStream,
    partition: &Template,
    attribute: &TokenStream,
    arg: &dyn Fn(&Field) -> TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let fields = distinct(partition.parts());
    let args: Vec<_> = fields.iter().map(|f| arg(f)).collect();
    let locals: Vec<_> = fields.iter().map(|f| local(f)).collect();
    let (ty, pattern) = match (args.as_slice(), locals.as_slice()) {
        ([arg], [local]) => (arg.clone(), quote!(#local)),
        _ => (quote!((#(#args),*)), quote!((#(#locals),*))),
    };
    let text = render(partition, attribute, private, &|f: &Field| {
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
