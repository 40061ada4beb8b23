//! What the derive reads from how a field's type is written: `Option<T>`, `Vec<T>`, `Ref<T>`.
//! Syntax only: a type alias hides what it names.

/// `T` when `ty` is written `Name<T>` (any path ending in `Name`, one type argument).
pub fn single_arg<'t>(ty: &'t syn::Type, name: &str) -> Option<&'t syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// `T` when `ty` is written `Option<T>`.
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    single_arg(ty, "Option")
}
