//! The rules of a `#[derive(Collection)]` enum that one variant alone cannot break. Whether the
//! members share a table and a partition is checked by the compiler, in the generated code.

use crate::internals::collection::Collection;
use crate::internals::ctxt::Ctxt;

/// Reports a collection with no member, more than one variant for unknown items, or generics.
pub fn check_collection(cx: &Ctxt, collection: &Collection) {
    if collection.members().next().is_none() {
        cx.error_spanned_by(
            collection.ident,
            "a collection needs at least one model variant: `Order(Order)`",
        );
    }
    for extra in collection
        .variants
        .iter()
        .filter_map(|v| v.unknown.as_ref())
        .skip(1)
    {
        cx.error_spanned_by(
            extra,
            "a collection keeps unknown items in one variant only: remove this `unknown`",
        );
    }
    if !collection.generics.params.is_empty() {
        cx.error_spanned_by(
            collection.generics,
            "a collection cannot have generic parameters: it names concrete models",
        );
    }
}
