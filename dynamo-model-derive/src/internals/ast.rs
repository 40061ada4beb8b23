//! The parsed input of a derive: the struct's fields or the enum's variants with their options,
//! each node keeping the tokens it came from so that errors point at the user's code.

use syn::{Data, DeriveInput, Fields, LitStr};

pub use super::attr::Derive;
use super::attr::{ContainerAttrs, FieldAttrs, VariantAttrs};
use super::case::RenameRule;
use super::ctxt::Ctxt;

/// A type being derived.
pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    /// The type's visibility, which the methods the derive adds to it share.
    pub vis: &'a syn::Visibility,
    pub generics: &'a syn::Generics,
    pub attrs: ContainerAttrs,
    pub body: Body<'a>,
}

/// What the type is made of.
pub enum Body<'a> {
    /// A struct with named fields.
    Struct(Vec<Field<'a>>),
    /// An enum: stored as a string when every variant is a unit and no `tag` is given, else as
    /// a map whose tag attribute names the variant.
    Enum(Vec<Variant<'a>>),
}

/// One field of a struct or of a struct variant.
pub struct Field<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub attrs: FieldAttrs,
    /// The attribute name in the item, after `rename` and `rename_all`.
    stored: String,
    /// Named by a `{part}` of the model's `pk` or `sk` key template.
    template_key: bool,
    /// Named by a `{part}` of one of the model's index templates.
    index_key: bool,
}

/// One variant of an enum.
pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: VariantAttrs,
    pub style: Style<'a>,
    /// The string stored for it, after `rename` and `rename_all`.
    stored: String,
}

/// What a variant carries.
pub enum Style<'a> {
    /// Nothing: `Cat`.
    Unit,
    /// Named fields, stored beside the tag: `Cat { lives: u8 }`.
    Struct(Vec<Field<'a>>),
    /// One value whose map is stored beside the tag: `Cat(CatData)`.
    Newtype(&'a syn::Type),
}

/// A struct's fields, those named in key templates marked as key parts.
fn struct_fields<'a>(
    cx: &Ctxt,
    named: &'a syn::FieldsNamed,
    attrs: &ContainerAttrs,
    derive: Derive,
) -> Vec<Field<'a>> {
    let mut fields = parse_fields(cx, named, attrs.rename_all, derive);
    let templates = [attrs.partition_key.as_ref(), attrs.sort_key.as_ref()];
    for template in templates.into_iter().flatten() {
        mark_template_keys(&mut fields, &template.value(), false);
    }
    for index in &attrs.shared_indexes {
        for template in std::iter::once(&index.partition_key).chain(index.sort_key.as_ref()) {
            mark_template_keys(&mut fields, &template.value(), true);
        }
    }
    fields
}

/// The variants of an enum stored as an attribute.
fn enum_variants<'a>(
    cx: &Ctxt,
    input: &'a DeriveInput,
    data: &'a syn::DataEnum,
    rule: Option<RenameRule>,
) -> Vec<Variant<'a>> {
    let mut variants = Vec::with_capacity(data.variants.len());
    for variant in &data.variants {
        let style = match &variant.fields {
            Fields::Unit => Style::Unit,
            // Fields inside a variant are not renamed by the enum's `rename_all`, which names
            // the variants.
            Fields::Named(named) => Style::Struct(parse_fields(cx, named, None, Derive::Attribute)),
            Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                Style::Newtype(&unnamed.unnamed[0].ty)
            }
            Fields::Unnamed(_) => {
                cx.error_spanned_by(
                    &variant.fields,
                    "a variant with several unnamed fields has no attribute names for them: give the fields names, or wrap them in one struct",
                );
                Style::Unit
            }
        };
        let attrs = VariantAttrs::from_ast(cx, &variant.attrs);
        let stored = stored_name(&variant.ident, attrs.rename.as_ref(), rule);
        variants.push(Variant {
            ident: &variant.ident,
            attrs,
            style,
            stored,
        });
    }
    if variants.is_empty() {
        cx.error_spanned_by(
            &input.ident,
            "an enum stored as an attribute needs at least one variant",
        );
    }
    variants
}

impl<'a> Container<'a> {
    /// Parses the derive input; `None` when its shape is not supported by `derive` (reported).
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput, derive: Derive) -> Option<Self> {
        let mut attrs = ContainerAttrs::from_ast(cx, &input.attrs, derive);
        if attrs.own_key_table && attrs.entity.is_none() {
            // The entity name of a model with its own key table: the model's name.
            attrs.entity = Some(LitStr::new(&input.ident.to_string(), input.ident.span()));
        }
        let attrs_rule = attrs.rename_all;
        let body = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Body::Struct(struct_fields(cx, named, &attrs, derive)),
                Fields::Unnamed(_) | Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "dynamo-model derives need a struct with named fields: each field is one attribute",
                    );
                    return None;
                }
            },
            Data::Enum(data) if derive == Derive::Attribute => {
                Body::Enum(enum_variants(cx, input, data, attrs_rule))
            }
            Data::Enum(data) if derive == Derive::Model => {
                cx.error_spanned_by(
                    data.enum_token,
                    "#[derive(Model)] is for structs: a model is one item of a table; use #[derive(Attribute)] for an enum stored inside one",
                );
                return None;
            }
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "#[derive(Projection)] is for structs: a projection holds some fields of a model",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "dynamo-model derives are for structs and enums, not unions",
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            attrs,
            body,
        })
    }

    /// The struct's fields; empty for an enum.
    pub fn fields(&self) -> &[Field<'a>] {
        match &self.body {
            Body::Struct(fields) => fields,
            Body::Enum(_) => &[],
        }
    }

    /// An enum stored as a map with a tag attribute, rather than as a plain string.
    pub fn is_tagged_enum(&self) -> bool {
        match &self.body {
            Body::Struct(_) => false,
            Body::Enum(variants) => {
                self.attrs.tag.is_some() || variants.iter().any(|v| !matches!(v.style, Style::Unit))
            }
        }
    }

    /// The tag attribute of a tagged enum: `tag = "..."`, else `type`.
    pub fn tag_name(&self) -> String {
        self.attrs
            .tag
            .as_ref()
            .map_or_else(|| "type".to_owned(), LitStr::value)
    }

    /// The table name: `table = "..."`, else the struct's name.
    pub fn table_name(&self) -> String {
        match &self.attrs.table {
            Some(table) => table.value(),
            None => self.ident.to_string(),
        }
    }

    /// The field marked `partition_key` (the first, if several are; `check` reports the rest).
    pub fn partition_key(&self) -> Option<&Field<'a>> {
        self.fields()
            .iter()
            .find(|f| f.attrs.partition_key.is_some())
    }

    /// The field marked `ttl`, if any.
    pub fn ttl_field(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|f| f.attrs.ttl.is_some())
    }

    /// The field marked `version`, if any.
    pub fn version_field(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|f| f.attrs.version.is_some())
    }

    /// The field set when the item is created: marked `created_at`, or named so under
    /// `timestamps`.
    pub fn created_at_field(&self) -> Option<&Field<'a>> {
        self.timestamp_field(|attrs| attrs.created_at.is_some(), "created_at")
    }

    /// The field set on every write: marked `updated_at`, or named so under `timestamps`.
    pub fn updated_at_field(&self) -> Option<&Field<'a>> {
        self.timestamp_field(|attrs| attrs.updated_at.is_some(), "updated_at")
    }

    fn timestamp_field(&self, marked: fn(&FieldAttrs) -> bool, name: &str) -> Option<&Field<'a>> {
        let fields = self.fields();
        fields.iter().find(|f| marked(&f.attrs)).or_else(|| {
            self.attrs
                .timestamps
                .as_ref()
                .and_then(|_| fields.iter().find(|f| f.ident == name))
        })
    }

    /// The field marked `sort_key`, if any.
    pub fn sort_key(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|f| f.attrs.sort_key.is_some())
    }
}

/// Marks the fields a key template's `{parts}` name (`check` reports parts naming none).
fn mark_template_keys(fields: &mut [Field], template: &str, index: bool) {
    for piece in template.split('{').skip(1) {
        if let Some((name, _)) = piece.split_once('}') {
            for field in fields.iter_mut().filter(|f| f.ident == name.trim()) {
                if index {
                    field.index_key = true;
                } else {
                    field.template_key = true;
                }
            }
        }
    }
}

/// Parses named fields with their options, computing each stored name.
fn parse_fields<'a>(
    cx: &Ctxt,
    named: &'a syn::FieldsNamed,
    rule: Option<RenameRule>,
    derive: Derive,
) -> Vec<Field<'a>> {
    named
        .named
        .iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let attrs = FieldAttrs::from_ast(cx, &field.attrs, derive);
            let stored = stored_name(ident, attrs.rename.as_ref(), rule);
            Some(Field {
                ident,
                ty: &field.ty,
                attrs,
                stored,
                template_key: false,
                index_key: false,
            })
        })
        .collect()
}

/// The stored name: an explicit `rename` wins, else `rename_all` applied to the Rust name
/// (without a raw identifier's `r#`), else the Rust name.
fn stored_name(
    ident: &syn::Ident,
    rename: Option<&syn::LitStr>,
    rule: Option<RenameRule>,
) -> String {
    if let Some(rename) = rename {
        return rename.value();
    }
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    match rule {
        Some(rule) => rule.apply(name),
        None => name.to_owned(),
    }
}

impl Field<'_> {
    /// The attribute name in the item.
    pub fn stored_name(&self) -> String {
        self.stored.clone()
    }

    /// Whether the field is (part of) the item's key: `partition_key`, `sort_key`, or a part of a
    /// key template. An update never changes it.
    pub fn is_key(&self) -> bool {
        self.attrs.partition_key.is_some() || self.attrs.sort_key.is_some() || self.template_key
    }

    /// Whether the field is part of an index key written by a template (and not of the item's
    /// key): an update changes it only with the other parts of that index key.
    pub fn is_index_key(&self) -> bool {
        self.index_key && !self.is_key()
    }

    /// Whether the field is stored as an attribute of its own (`skip` and `flatten` say no).
    pub fn is_stored(&self) -> bool {
        self.attrs.skip.is_none() && self.attrs.flatten.is_none()
    }
}

impl Variant<'_> {
    /// The string stored for this variant.
    pub fn stored_name(&self) -> String {
        self.stored.clone()
    }
}
