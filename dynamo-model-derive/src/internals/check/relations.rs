//! The rules of a model's relations: each `has_many` names a field of the model as its key, and
//! every relation (a `Ref` field or a `has_many`) has a name of its own.

use std::collections::HashMap;

use crate::internals::ast::{Container, Field};
use crate::internals::ctxt::Ctxt;
use crate::internals::types::single_arg;

/// Whether `ty` is written `Ref<..>`, `Option<Ref<..>>` or `Vec<Ref<..>>`: a field holding
/// references, which makes it a relation of its model.
pub fn is_reference(ty: &syn::Type) -> bool {
    let inner = single_arg(ty, "Option").or_else(|| single_arg(ty, "Vec"));
    single_arg(inner.unwrap_or(ty), "Ref").is_some()
}

/// The fields of a model that are relations.
pub fn reference_fields<'c, 'a>(cont: &'c Container<'a>) -> Vec<&'c Field<'a>> {
    cont.fields()
        .iter()
        .filter(|field| field.is_stored() && is_reference(field.ty))
        .collect()
}

pub fn check_relations(cx: &Ctxt, cont: &Container) {
    let has_relations = !reference_fields(cont).is_empty() || !cont.attrs.has_many.is_empty();
    if has_relations && !cont.generics.params.is_empty() {
        cx.error_spanned_by(
            cont.generics,
            "relations (`Ref` fields and `has_many`) are for models without generic parameters: name the referencing model's concrete type",
        );
    }
    let mut names: HashMap<String, &str> = HashMap::new();
    for field in reference_fields(cont) {
        names.insert(field.ident.to_string(), "a `Ref` field");
    }
    for relation in &cont.attrs.has_many {
        let name = relation.name.to_string();
        if let Some(other) = names.insert(name.clone(), "a `has_many`") {
            cx.error_spanned_by(
                &relation.name,
                format!("`{name}` is already the name of {other} of this model: each relation needs a name of its own in `relations()`"),
            );
        }
        if let Some(key) = &relation.key
            && !cont.fields().iter().any(|field| field.ident == key)
        {
            cx.error_spanned_by(
                key,
                format!(
                    "`{key}` is not a field of `{}`: `key` names the field whose value is the children's partition key",
                    cont.ident
                ),
            );
        }
    }
}
