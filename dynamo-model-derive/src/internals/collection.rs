//! The parsed form of a `#[derive(Collection)]` enum: one variant per model sharing a
//! partition, and at most one keeping unknown items.

use syn::{Data, DeriveInput, Fields};

use super::attr::CollectionVariantAttrs;
use super::ctxt::Ctxt;

/// A collection as written: its variants that hold one value each.
pub struct Collection<'a> {
    pub ident: &'a syn::Ident,
    pub generics: &'a syn::Generics,
    /// The variants of the right shape, in declaration order.
    pub variants: Vec<Variant<'a>>,
    /// Whether every variant had the right shape and options, so that a `match` on the variants
    /// above is exhaustive.
    pub complete: bool,
}

/// One variant: a member holding a model, or the one keeping unknown items.
pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    /// `#[dynamo(unknown)]`, its word kept for error spans.
    pub unknown: Option<syn::Path>,
    /// A variant with a mistaken option (reported): neither a member nor the unknown variant.
    pub doubtful: bool,
}

impl<'a> Collection<'a> {
    /// Parses the enum; `None` (reported) for any other shape of type.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let Data::Enum(data) = &input.data else {
            cx.error_spanned_by(
                &input.ident,
                "#[derive(Collection)] is for an enum with one variant per model: `enum CustomerView { Customer(Customer), Order(Order) }`",
            );
            return None;
        };
        let mut variants = Vec::with_capacity(data.variants.len());
        let mut complete = true;
        for variant in &data.variants {
            let attrs = CollectionVariantAttrs::from_ast(cx, &variant.attrs);
            complete &= !attrs.doubtful;
            match &variant.fields {
                Fields::Unnamed(fields) if fields.unnamed.len() == 1 => variants.push(Variant {
                    ident: &variant.ident,
                    ty: &fields.unnamed[0].ty,
                    unknown: attrs.unknown,
                    doubtful: attrs.doubtful,
                }),
                _ => {
                    complete = false;
                    cx.error_spanned_by(
                        variant,
                        "each variant of a collection holds one model: `Order(Order)`, or `#[dynamo(unknown)] Unknown(Item)`",
                    );
                }
            }
        }
        Some(Collection {
            ident: &input.ident,
            generics: &input.generics,
            variants,
            complete,
        })
    }

    /// The variants holding a model.
    pub fn members(&self) -> impl Iterator<Item = &Variant<'a>> {
        self.variants
            .iter()
            .filter(|v| v.unknown.is_none() && !v.doubtful)
    }

    /// The variant keeping unknown items, if any.
    pub fn unknown(&self) -> Option<&Variant<'a>> {
        self.variants
            .iter()
            .find(|v| v.unknown.is_some() && !v.doubtful)
    }
}
