//! Key templates (`partition_key = "CUSTOMER#{customer_id}"`) parsed into literal text and parts, the parts
//! resolved to the model's fields once: `check` builds them while it reports every mistake, and
//! `expand` only reads them.

use super::ast::Field;
use super::ctxt::Ctxt;

/// One key template of a model, its parts resolved to fields.
pub struct Template<'c, 'a> {
    /// The template as written.
    pub lit: &'c syn::LitStr,
    /// Literal text and parts, in order.
    pub segments: Vec<Segment<'c, 'a>>,
}

/// A piece of a template.
pub enum Segment<'c, 'a> {
    /// Text written as it is.
    Literal(String),
    /// A field's value, written in its order-preserving key form.
    Part(&'c Field<'a>),
}

impl<'c, 'a> Template<'c, 'a> {
    /// Parses `lit` and resolves its parts among `fields`, reporting every mistake on `lit`.
    pub fn parse(
        cx: &Ctxt,
        lit: &'c syn::LitStr,
        which: &str,
        fields: &'c [Field<'a>],
    ) -> Option<Self> {
        let text = lit.value();
        let mut segments = Vec::new();
        let mut rest = text.as_str();
        let mut ok = true;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                None => {
                    segments.push(Segment::Literal(rest.to_owned()));
                    rest = "";
                }
                Some(at) if rest[at..].starts_with('}') => {
                    cx.error_spanned_by(
                        lit,
                        format!("key template `{which}` has a `}}` without its `{{`: write a part as `{{field}}`"),
                    );
                    return None;
                }
                Some(at) => {
                    if at > 0 {
                        segments.push(Segment::Literal(rest[..at].to_owned()));
                    }
                    let after = &rest[at + 1..];
                    let Some(end) = after.find('}') else {
                        cx.error_spanned_by(
                            lit,
                            format!("key template `{which}` has a `{{` without its `}}`: write a part as `{{field}}`"),
                        );
                        return None;
                    };
                    let name = after[..end].trim();
                    match fields.iter().find(|f| f.ident == name) {
                        Some(field) => {
                            if let Some(Segment::Part(_)) = segments.last() {
                                cx.error_spanned_by(
                                    lit,
                                    format!("key template `{which}` puts `{{{name}}}` right after another part: put literal text such as `#` between parts, so they can be told apart"),
                                );
                                ok = false;
                            }
                            segments.push(Segment::Part(field));
                        }
                        None => {
                            let names: Vec<String> =
                                fields.iter().map(|f| f.ident.to_string()).collect();
                            let hint = super::attr::closest(name, names.iter().map(String::as_str))
                                .map(|close| format!("; did you mean `{{{close}}}`?"))
                                .unwrap_or_default();
                            let message = if name.is_empty() {
                                format!(
                                    "key template `{which}` has an empty `{{}}`: name a field inside it"
                                )
                            } else {
                                format!(
                                    "`{{{name}}}` in key template `{which}` is not a field of this model{hint}"
                                )
                            };
                            cx.error_spanned_by(lit, message);
                            ok = false;
                        }
                    }
                    rest = &after[end + 1..];
                }
            }
        }
        ok.then_some(Template { lit, segments })
    }

    /// The fields of the template's parts, in order.
    pub fn parts(&self) -> impl Iterator<Item = &'c Field<'a>> + '_ {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Part(field) => Some(*field),
            Segment::Literal(_) => None,
        })
    }

    /// The literal text before the first part (all of it, for a template without parts).
    pub fn prefix(&self) -> String {
        match self.segments.first() {
            Some(Segment::Literal(text)) => text.clone(),
            _ => String::new(),
        }
    }

    /// The characters of the literal text that are not letters or digits: what a free-text part
    /// may not contain.
    pub fn separators(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            if let Segment::Literal(text) = segment {
                for c in text.chars() {
                    if !c.is_alphanumeric() && !out.contains(c) {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    /// Whether `field` is a part of this template.
    pub fn has_part(&self, field: &Field) -> bool {
        self.parts().any(|part| std::ptr::eq(part, field))
    }
}

/// The key templates of a model in a shared table.
pub struct Templates<'c, 'a> {
    pub partition_key: Template<'c, 'a>,
    pub sort_key: Option<Template<'c, 'a>>,
    /// `index(...)`: key templates on the shared table's GSIs.
    pub indexes: Vec<IndexTemplates<'c, 'a>>,
}

/// The key templates of one shared GSI, as a model writes it.
pub struct IndexTemplates<'c, 'a> {
    pub attr: &'c crate::internals::attr::SharedIndexAttr,
    pub partition_key: Template<'c, 'a>,
    pub sort_key: Option<Template<'c, 'a>>,
}

impl<'c, 'a> IndexTemplates<'c, 'a> {
    /// The fields of the index key, each once, partition template first.
    pub fn key_fields(&self) -> Vec<&'c Field<'a>> {
        distinct(
            self.partition_key
                .parts()
                .chain(self.sort_key.iter().flat_map(|sk| sk.parts())),
        )
    }
}

/// Each field once, in first-seen order.
pub fn distinct<'c, 'a>(fields: impl Iterator<Item = &'c Field<'a>>) -> Vec<&'c Field<'a>> {
    let mut out: Vec<&'c Field<'a>> = Vec::new();
    for field in fields {
        if !out.iter().any(|seen| std::ptr::eq(*seen, field)) {
            out.push(field);
        }
    }
    out
}

impl<'c, 'a> Templates<'c, 'a> {
    /// Whether `field` is part of the primary key.
    pub fn is_key_part(&self, field: &Field) -> bool {
        self.partition_key.has_part(field)
            || self.sort_key.as_ref().is_some_and(|sk| sk.has_part(field))
    }

    /// The fields of the key, each once, in the order of the partition template then the sort
    /// template: the order of a key tuple.
    pub fn key_fields(&self) -> Vec<&'c Field<'a>> {
        let mut out: Vec<&'c Field<'a>> = Vec::new();
        for field in self
            .partition_key
            .parts()
            .chain(self.sort_key.iter().flat_map(|sk| sk.parts()))
        {
            if !out.iter().any(|seen| std::ptr::eq(*seen, field)) {
                out.push(field);
            }
        }
        out
    }
}
