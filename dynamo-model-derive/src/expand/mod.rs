//! Code generation from a checked input. Nothing here parses attributes.

mod attribute;
mod behaviour;
pub mod collection;
mod entity;
mod fields;
pub mod key_arg;
mod model;
mod paths;
mod projection;
mod relations;
pub mod shared_table;
mod versions;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::DeriveInput;

use crate::internals::ast::{Container, Derive};
use crate::internals::check;
use crate::internals::ctxt::Ctxt;

/// A whole derive: parse, check, then generate either the implementation or the errors with
/// a stub implementation.
pub fn derive(input: &DeriveInput, derive: Derive) -> TokenStream {
    let cx = Ctxt::default();
    let container = Container::from_ast(&cx, input, derive);
    let checked = match &container {
        Some(container) => check::check(&cx, container, derive),
        None => check::Checked::default(),
    };
    let krate = container
        .as_ref()
        .and_then(|c| c.attrs.krate.as_ref())
        .map_or_else(|| quote!(::dynamo_model), ToTokens::to_token_stream);
    match (cx.check(), &container) {
        (Ok(()), Some(container)) => crate::dummy::wrap_in_const(match derive {
            Derive::Model => model::expand(container, &checked, &krate),
            Derive::Attribute => attribute::expand(container, &krate),
            Derive::Projection => projection::expand(container, &krate),
        }),
        (Err(errors), _) => crate::fallback::expand(input, &krate, errors, derive),
        // `from_ast` returns None only after reporting an error.
        (Ok(()), None) => TokenStream::new(),
    }
}

/// `tokens` with every span set to `span`, so that an error about them (say, a field type that
/// cannot be an index key) points at `span` (the index's field name) rather than at where the
/// tokens were written.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// The hash `IndexByName` names an index by: FNV-1a of its member name in `indexes()`, as
/// `dynamo_model::__private::index_name_hash` computes it.
pub fn index_name_hash(name: &str) -> proc_macro2::Literal {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    proc_macro2::Literal::u64_suffixed(hash)
}
