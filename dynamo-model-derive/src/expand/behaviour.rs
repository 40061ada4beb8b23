//! The behaviours a model or document derives: validation rules, the hooks impl, timestamps and
//! the version field.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Field};
use crate::internals::attr::{Rule, RuleKind};

use crate::internals::types::option_inner;

/// Whether the field's own type may hold documents with rules: a field converted by its type
/// (not `with`/`serde`), not a key, and not built only of standard types, which have no rules
/// (checking those would cost compile time and nothing else).
fn may_nest(field: &Field) -> bool {
    field.is_stored()
        && field.attrs.with.is_none()
        && field.attrs.serde.is_none()
        && !field.is_key()
        && !only_standard_types(field.ty)
}

/// Whether every name in `ty` is a standard type (or a path segment leading to one), none of
/// which carries validation rules.
fn only_standard_types(ty: &syn::Type) -> bool {
    const STANDARD: &[&str] = &[
        "std",
        "core",
        "alloc",
        "collections",
        "string",
        "vec",
        "time",
        "sync",
        "rc",
        "boxed",
        "option",
        "String",
        "str",
        "bool",
        "char",
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "Option",
        "Vec",
        "VecDeque",
        "HashSet",
        "BTreeSet",
        "HashMap",
        "BTreeMap",
        "Box",
        "Arc",
        "Rc",
        "SystemTime",
        "Duration",
        "chrono",
        "DateTime",
        "Utc",
        "FixedOffset",
        "NaiveDate",
        "NaiveDateTime",
        "OffsetDateTime",
        "PrimitiveDateTime",
        "Date",
        "uuid",
        "Uuid",
        "rust_decimal",
        "Decimal",
        "bytes",
        "Bytes",
        "dynamo_model",
        "Binary",
        "AttributeValue",
    ];
    fn walk(tree: proc_macro2::TokenTree) -> bool {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => STANDARD.iter().any(|name| ident == name),
            proc_macro2::TokenTree::Group(group) => group.stream().into_iter().all(walk),
            _ => true,
        }
    }
    ty.to_token_stream().into_iter().all(walk)
}

/// The bound of a `min`/`max` rule as a value of the checked type; an integer literal on a
/// float field is cast, so that `min = 0` works there too.
fn bound(expr: &syn::Expr, inner: &syn::Type) -> TokenStream {
    let float =
        matches!(inner, syn::Type::Path(p) if p.path.is_ident("f32") || p.path.is_ident("f64"));
    let int_literal = matches!(
        expr,
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(_),
            ..
        })
    );
    if float && int_literal {
        quote_spanned!(expr.span()=> &(#expr as #inner))
    } else {
        quote_spanned!(expr.span()=> &{ let bound: #inner = #expr; bound })
    }
}

/// One rule applied to `value: &inner`, recorded in `failures` under `path`.`name`.
fn rule_check(rule: &Rule, name: &str, inner: &syn::Type, private: &TokenStream) -> TokenStream {
    let rules = quote!(#private::rules);
    let span = rule.word.span();
    let outcome = match &rule.kind {
        RuleKind::Min(expr) => {
            let bound = bound(expr, inner);
            quote_spanned!(span=> #rules::min(value, #bound))
        }
        RuleKind::Max(expr) => {
            let bound = bound(expr, inner);
            quote_spanned!(span=> #rules::max(value, #bound))
        }
        RuleKind::MinLength(expr) => quote_spanned!(span=> #rules::min_length(value, #expr)),
        RuleKind::MaxLength(expr) => quote_spanned!(span=> #rules::max_length(value, #expr)),
        RuleKind::NonBlank => quote_spanned!(span=> #rules::non_blank(value)),
        RuleKind::OneOf(expr) => quote_spanned!(span=> #rules::one_of(value, &#expr)),
        RuleKind::Regex(pattern) => quote_spanned! {span=> {
            static COMPILED: #private::std::sync::OnceLock<
                #private::core::result::Result<#private::regex::Regex, #private::regex::Error>,
            > = #private::std::sync::OnceLock::new();
            #rules::regex(value, #pattern, &COMPILED)
        }},
        RuleKind::Custom(path) => {
            quote_spanned!(path.span()=> #rules::custom(value, |value| #path(value)))
        }
    };
    let rule_name = rule.name();
    quote!(failures.check(path, #name, #rule_name, #outcome);)
}

/// Statements checking one field held in `value: &ty`, with `path` (the document's path) and
/// `failures` in scope.
fn field_checks(field: &Field, private: &TokenStream) -> TokenStream {
    let ty = field.ty;
    let name = field.stored_name();
    let inner = option_inner(ty);
    let checks = field
        .attrs
        .rules
        .iter()
        .map(|rule| rule_check(rule, &name, inner.unwrap_or(ty), private));
    let rules = match inner {
        _ if field.attrs.rules.is_empty() => quote!(),
        Some(_) => quote! {
            if let #private::core::option::Option::Some(value) = value {
                #(#checks)*
            }
        },
        None => quote!(#(#checks)*),
    };
    let nested = may_nest(field).then(|| {
        quote! {{
            use #private::probe::{Nested as _, NotStorable as _};
            (&&#private::probe::Probe(value)).check_nested(path, #name, failures);
        }}
    });
    quote!(#rules #nested)
}

/// Statements checking every field of `self`, with `path` and `failures` in scope.
fn self_checks(fields: &[Field], private: &TokenStream) -> TokenStream {
    let checks = fields
        .iter()
        .filter(|f| !f.attrs.rules.is_empty() || may_nest(f))
        .map(|field| {
            let member = field.ident;
            let ty = field.ty;
            let checks = field_checks(field, private);
            quote!({ let value: &#ty = &self.#member; #checks })
        });
    quote!(#(#checks)*)
}

/// `VALIDATES` and `validate_nested` of a derived document (a struct stored as M).
pub fn document_items(cont: &Container, private: &TokenStream) -> TokenStream {
    let fields = cont.fields();
    // Whether the document has rules, or a field that may hold some: decided here, from the
    // fields, so that no field's conversion traits are named outside its conversion.
    let validates = fields
        .iter()
        .any(|f| !f.attrs.rules.is_empty() || may_nest(f));
    let checks = self_checks(fields, private);
    quote! {
        const VALIDATES: bool = #validates;

        fn validate_nested(&self, path: &str, failures: &mut #private::Failures) {
            #checks
        }
    }
}

/// The `Model` items of the behaviours (`validate`, `version`), and the items of its
/// `WriteBehaviours` impl (`validate_value`, the version's and the timestamps').
pub fn model_items(cont: &Container, private: &TokenStream) -> (TokenStream, TokenStream) {
    let fields = cont.fields();
    let checks = self_checks(fields, private);
    let arms = fields
        .iter()
        .filter(|f| !f.is_key() && f.is_stored())
        .filter(|f| !f.attrs.rules.is_empty() || may_nest(f))
        .map(|field| {
            let ty = field.ty;
            let name = field.stored_name();
            let decode = match (&field.attrs.with, &field.attrs.serde) {
                (Some((_, path)), _) => quote!(#path::from_attribute(
                    #private::core::option::Option::Some(value.clone())
                )),
                (None, Some(_)) => quote!(#private::with::serde::from_attribute(
                    #private::core::option::Option::Some(value.clone())
                )),
                (None, None) => quote_spanned! {ty.span()=>
                    <#ty as #private::FromAttribute>::from_attribute(value.clone())
                },
            };
            if field.attrs.rules.is_empty() {
                // Only what may be nested in it to check.
                return quote! {
                    #name => {
                        use #private::probe::{Decodes as _, NotDecodable as _};
                        (&&#private::probe::Decode::<#ty>::new())
                            .check_value(value, path, #name, failures);
                    }
                };
            }
            let checks = field_checks(field, private);
            quote! {
                #name => {
                    let decoded: #private::core::result::Result<#ty, _> = #decode;
                    if let #private::core::result::Result::Ok(decoded) = decoded {
                        let value: &#ty = &decoded;
                        #checks
                    }
                }
            }
        })
        .collect::<Vec<_>>();
    let (version, set_version) = version(cont, private);
    let stamps = stamps(cont, private);
    let model = quote! {
        fn validate(&self) -> #private::core::result::Result<(), #private::ValidationErrors> {
            let mut all = #private::Failures::new();
            let failures = &mut all;
            let path = "";
            #checks
            #private::Hooks::validate_model(self, failures);
            all.into_result(<Self as #private::Model>::SCHEMA.table)
        }

        #version
    };
    // With no attribute to check, the trait's default (nothing to check) stands.
    let validate_value = (!arms.is_empty()).then(|| {
        quote! {
            fn validate_value(
                name: &str,
                value: &#private::AttributeValue,
                failures: &mut #private::Failures,
            ) {
                let path = "";
                match name {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    });
    let behaviours = quote! {
        #validate_value
        #set_version
        #stamps
    };
    (model, behaviours)
}

/// `version` (of `Model`), then `VERSION_MAX` and `set_version` (of `WriteBehaviours`),
/// through the `Version` trait, which reports a non-integer field.
fn version(cont: &Container, private: &TokenStream) -> (TokenStream, TokenStream) {
    let Some(field) = cont.version_field() else {
        return (quote!(), quote!());
    };
    let member = field.ident;
    let ty = field.ty;
    let version = quote_spanned!(ty.span()=> <#ty as #private::Version>);
    let get = quote! {
        fn version(&self) -> u64 {
            #version::get(self.#member)
        }
    };
    let set = quote! {
        const VERSION_MAX: u64 = #version::MAX;

        fn set_version(&mut self, version: u64) {
            self.#member = #version::of(version);
        }
    };
    (get, set)
}

/// `stamp` and `stamp_update` for the `created_at` and `updated_at` fields.
fn stamps(cont: &Container, private: &TokenStream) -> TokenStream {
    let created = cont.created_at_field();
    let updated = cont.updated_at_field();
    if created.is_none() && updated.is_none() {
        return quote!();
    }
    let timestamp = |field: &Field| {
        let ty = field.ty;
        quote_spanned!(ty.span()=> <#ty as #private::TimestampField>)
    };
    let stamp_updated = updated.map(|field| {
        let member = field.ident;
        let timestamp = timestamp(field);
        quote!(self.#member = #timestamp::at(now);)
    });
    let stamp_created = created.map(|field| {
        let member = field.ident;
        let timestamp = timestamp(field);
        quote! {
            if creating || #timestamp::is_unset(&self.#member) {
                self.#member = #timestamp::at(now);
            }
        }
    });
    let update_updated = updated.map(|field| {
        let member = field.ident;
        let name = field.stored_name();
        let timestamp = timestamp(field);
        quote! {
            if !update.touches(#name) {
                extra = #private::expr::UpdateActions::set(extra, &fields.#member, #timestamp::at(now));
            }
        }
    });
    // A `created_at` in a key is fixed by the key: an update leaves it to the key.
    let update_created = created.filter(|f| !f.is_key() && !f.is_index_key()).map(|field| {
        let member = field.ident;
        let name = field.stored_name();
        let timestamp = timestamp(field);
        quote! {
            if !update.touches(#name) {
                extra = #private::expr::UpdateActions::set_if_not_exists(extra, &fields.#member, #timestamp::at(now));
            }
        }
    });
    quote! {
        fn stamp(&mut self, now: #private::std::time::SystemTime, creating: bool) {
            #stamp_updated
            #stamp_created
        }

        fn stamp_update(
            update: &#private::expr::Update,
            now: #private::std::time::SystemTime,
        ) -> #private::expr::Update {
            let fields = <Self as #private::Model>::fields();
            let mut extra = #private::expr::Update::new();
            #update_updated
            #update_created
            extra
        }
    }
}

/// `impl Hooks` and `impl AsyncHooks` with every hook left as it is, unless the model says it
/// implements them (`hooks`, `async_hooks`).
pub fn hooks_impl(
    cont: &Container,
    generics: &syn::Generics,
    private: &TokenStream,
) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let hooks = cont.attrs.hooks.is_none().then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Hooks for #ident #ty_generics #where_clause {}
        }
    });
    let async_hooks = cont.attrs.async_hooks.is_none().then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::AsyncHooks for #ident #ty_generics #where_clause {}
        }
    });
    quote!(#hooks #async_hooks)
}
