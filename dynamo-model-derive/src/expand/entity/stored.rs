//! Reading a model in a shared table: each stored key must be the text its template writes from
//! the fields just read.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::EntityGen;
use super::text::render;
use crate::internals::ast::Field;
use crate::internals::template::{Segment, Template};

impl EntityGen<'_, '_, '_> {
    /// Statements after `from_item` read the fields into `value`, comparing each stored key
    /// with its template piece by piece without writing it out; the expected text is written
    /// only for the error. The keys are found by walking what is left of the item (its fields
    /// are taken out by now), which is cheaper than hashing each name.
    pub(super) fn check_keys(&self) -> TokenStream {
        let partition = self.stored_check(&self.templates.partition_key, &self.partition_attr);
        let sort = self
            .templates
            .sort_key
            .as_ref()
            .map(|sort| self.stored_check(sort, &self.sort_attr));
        quote! {
            for (name, stored) in &item {
                let name = name.as_str();
                #partition
                #sort
            }
        }
    }

    /// The check of the stored attribute `attribute` against `template`.
    fn stored_check(&self, template: &Template, attribute: &TokenStream) -> TokenStream {
        let private = self.private;
        let steps = template.segments.iter().map(|segment| match segment {
            Segment::Literal(text) => quote!(key.literal(#text);),
            Segment::Part(field) => {
                let member = field.ident;
                let part = crate::expand::respan(quote!(&value.#member), template.lit.span());
                quote_spanned!(template.lit.span()=> key.part(#part);)
            }
        });
        let by_value = |f: &Field| {
            let member = f.ident;
            quote!(&value.#member)
        };
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
    }
}
