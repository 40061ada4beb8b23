//! Wraps generated code in an anonymous constant, so that nothing it declares leaks into the
//! user's namespace.

use proc_macro2::TokenStream;
use quote::quote;

pub fn wrap_in_const(code: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(
            non_upper_case_globals,
            non_camel_case_types,
            unused_attributes,
            unused_qualifications,
            unused_mut,
            unused_variables,
            clippy::all
        )]
        const _: () = {
            #code
        };
    }
}
