//! Schema versions: a complete chain of old shapes, a stamp no field uses; and the earlier names
//! (`alias`) of fields.

use super::*;

/// `schema_version`, `schema_version_attribute` and `old_shapes(...)` agree: every version
/// below the current one has a shape, none at or above it.
pub fn check_versions(cx: &Ctxt, cont: &Container) {
    let versions = &cont.attrs.versions;
    let Some((word, current)) = &versions.current else {
        if let Some(attribute) = &versions.attribute {
            cx.error_spanned_by(
                attribute,
                "`schema_version_attribute` names the stamp of `schema_version`: add `schema_version = N`",
            );
        }
        if let Some((word, _)) = &versions.old_shapes {
            cx.error_spanned_by(
                word,
                "`old_shapes` are the earlier versions of a model with a `schema_version`: add `schema_version = N` (the current version)",
            );
        }
        return;
    };
    let shapes = versions.old_shapes.as_ref().map_or(&[][..], |(_, s)| s);
    let mut seen = std::collections::BTreeSet::new();
    for shape in shapes {
        if shape.version >= *current {
            let earlier = match current - 1 {
                0 => "a model at version 1 has no old shapes".to_owned(),
                1 => "the one old shape is version 1".to_owned(),
                last => format!("old shapes are versions 1 to {last}"),
            };
            cx.error_spanned_by(
                &shape.lit,
                format!(
                    "version {} is not an earlier version: `schema_version = {current}` is the model itself, so {earlier}",
                    shape.version,
                ),
            );
        } else if !seen.insert(shape.version) {
            cx.error_spanned_by(
                &shape.lit,
                format!("version {} has two shapes", shape.version),
            );
        }
    }
    let missing: Vec<u32> = (1..*current).filter(|v| !seen.contains(v)).collect();
    if let Some(first) = missing.first() {
        let span: &dyn quote::ToTokens = match &versions.old_shapes {
            Some((shapes_word, _)) => shapes_word,
            None => word,
        };
        let model = cont.ident;
        let list: Vec<String> = missing
            .iter()
            .map(|v| format!("`{v} = {model}V{v}`"))
            .collect();
        cx.error_spanned_by(
            span,
            format!(
                "items stamped with schema version {first} have no way to version {current}: add {} to `old_shapes(...)`, each a #[derive(Attribute)] struct of that version's shape with `impl Upgrade` to the next (items without a stamp are version 1)",
                list.join(", ")
            ),
        );
    }
    check_stamp_name(cx, cont);
}

/// The stamp attribute is not a field's stored name.
fn check_stamp_name(cx: &Ctxt, cont: &Container) {
    let stamp = cont.attrs.versions.stamp();
    for field in cont.fields() {
        if field.is_stored() && field.stored_name() == stamp {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "`{stamp}` holds the item's schema version: rename this field, or choose another stamp with `schema_version_attribute = \"...\"`"
                ),
            );
        }
    }
}

/// An `alias` is an earlier name of a stored, non-key field, used by no other field.
pub fn check_aliases(cx: &Ctxt, fields: &[Field]) {
    let names: Vec<String> = fields
        .iter()
        .filter(|f| f.is_stored())
        .map(Field::stored_name)
        .collect();
    for field in fields {
        for alias in &field.attrs.aliases {
            let why = if !field.is_stored() {
                Some("a skipped field is not stored, so it has no earlier name".to_owned())
            } else if field.is_key() {
                Some("a key attribute's name is the table's; it has no earlier name".to_owned())
            } else if names.contains(&alias.value()) {
                Some(format!(
                    "`{}` is the name of a field; an alias is a name no field uses any more",
                    alias.value()
                ))
            } else {
                None
            };
            if let Some(why) = why {
                cx.error_spanned_by(alias, why);
            }
        }
    }
}
