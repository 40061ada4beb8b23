//! The option of a `#[derive(Collection)]` variant: `#[dynamo(unknown)]` on the variant that
//! keeps items of no member.

use super::*;

/// The options given on one variant of a collection.
#[derive(Default)]
pub struct CollectionVariantAttrs {
    /// `unknown`: the variant holds an `Item` of an entity no member is.
    pub unknown: Option<syn::Path>,
    /// Whether another option was given (and reported): what the variant holds is in doubt.
    pub doubtful: bool,
}

impl CollectionVariantAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = CollectionVariantAttrs::default();
        for_each_option(cx, attrs, |meta| {
            if meta.path == UNKNOWN {
                if flag(cx, &meta, UNKNOWN)? {
                    set_once(cx, &mut out.unknown, meta.path.clone(), &meta, UNKNOWN);
                }
            } else {
                out.doubtful = true;
                unknown_option(
                    cx,
                    &meta,
                    COLLECTION_VARIANT_OPTIONS,
                    &[],
                    "a collection's variant",
                )?;
            }
            Ok(())
        });
        out
    }
}
