//! Code generation from a checked model. Nothing here parses attributes.

mod model;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::DeriveInput;

use crate::internals::ast::Container;
use crate::internals::check;
use crate::internals::ctxt::Ctxt;

/// The whole derive: parse, check, then generate either the implementation or the errors with
/// a stub implementation.
pub fn derive_model(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let container = Container::from_ast(&cx, input);
    if let Some(container) = &container {
        check::check(&cx, container);
    }
    let krate = container
        .as_ref()
        .and_then(|c| c.attrs.krate.as_ref())
        .map_or_else(|| quote!(::dynamo_model), ToTokens::to_token_stream);
    match (cx.check(), container) {
        (Ok(()), Some(container)) => crate::dummy::wrap_in_const(model::expand(&container, &krate)),
        (Err(errors), _) => crate::fallback::expand(input, &krate, errors),
        // `from_ast` returns None only after reporting an error.
        (Ok(()), None) => TokenStream::new(),
    }
}
