//! The options of a field (and of an enum variant): validation rules and defaults included.

use super::*;

/// The options given on one field. Flags keep the word's token for error spans.
#[derive(Default)]
pub struct FieldAttrs {
    /// `partition_key`.
    pub partition_key: Option<syn::Path>,
    /// `sort_key`.
    pub sort_key: Option<syn::Path>,
    /// `rename = "..."`.
    pub rename: Option<LitStr>,
    /// `alias = "..."`, any number: earlier names the attribute is read under when it is
    /// missing under its own.
    pub aliases: Vec<LitStr>,
    /// `skip`: not stored; read as `Default::default()`.
    pub skip: Option<syn::Path>,
    /// `with = path`: a module whose `to_attribute` and `from_attribute` convert the field.
    pub with: Option<(syn::Path, syn::Path)>,
    /// `serde`: convert the field through its serde implementations.
    pub serde: Option<syn::Path>,
    /// `flatten`: a map holding every attribute no other field names.
    pub flatten: Option<syn::Path>,
    /// `default`, `default = expr` or `default_with = path`: the value of an absent attribute.
    pub default: Option<(syn::Path, DefaultValue)>,
    /// `force_default`: always write the default, whatever the field holds.
    pub force_default: Option<syn::Path>,
    /// `ttl`: the attribute DynamoDB's time to live expires items by.
    pub ttl: Option<syn::Path>,
    /// `version`: the optimistic-locking counter.
    pub version: Option<syn::Path>,
    /// `counter`: a number whose updates leave the version and `updated_at` alone.
    pub counter: Option<syn::Path>,
    /// `unique`: no two items of the model hold the same value.
    pub unique: Option<syn::Path>,
    /// `created_at`: set when the item is created.
    pub created_at: Option<syn::Path>,
    /// `updated_at`: set on every write.
    pub updated_at: Option<syn::Path>,
    /// The rules of every `validate(...)`, in order.
    pub rules: Vec<Rule>,
}

/// One validation rule of a field.
pub struct Rule {
    /// The rule's word, for error spans and the rule's name.
    pub word: syn::Path,
    pub kind: RuleKind,
}

/// What a rule checks.
pub enum RuleKind {
    Min(Expr),
    Max(Expr),
    MinLength(Expr),
    MaxLength(Expr),
    NonBlank,
    OneOf(Expr),
    Regex(LitStr),
    Custom(syn::Path),
}

impl Rule {
    /// The name a failure reports: the rule's word, or a custom function's name.
    pub fn name(&self) -> String {
        match &self.kind {
            RuleKind::Custom(path) => path
                .segments
                .last()
                .map_or_else(String::new, |s| s.ident.to_string()),
            _ => self
                .word
                .get_ident()
                .map_or_else(String::new, ToString::to_string),
        }
    }

    /// Parses the rules inside one `validate(...)`.
    fn parse_all(cx: &Ctxt, meta: &ParseNestedMeta, out: &mut Vec<Rule>) -> syn::Result<()> {
        if !meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
            cx.error_spanned_by(
                &meta.path,
                "`validate` lists rules: write `validate(min = 1, max_length = 20, non_blank)`",
            );
            return Ok(());
        }
        meta.parse_nested_meta(|rule| {
            let word = rule.path.clone();
            let expr = |rule: &ParseNestedMeta, name: Symbol| -> syn::Result<Option<Expr>> {
                if rule.input.peek(Token![=]) {
                    Ok(Some(rule.value()?.parse()?))
                } else {
                    skip_value(rule)?;
                    cx.error_spanned_by(
                        &rule.path,
                        format!("the `{name}` rule needs a value: write `{name} = ...`"),
                    );
                    Ok(None)
                }
            };
            let kind = if rule.path == MIN {
                expr(&rule, MIN)?.map(RuleKind::Min)
            } else if rule.path == MAX {
                expr(&rule, MAX)?.map(RuleKind::Max)
            } else if rule.path == MIN_LENGTH {
                expr(&rule, MIN_LENGTH)?.map(RuleKind::MinLength)
            } else if rule.path == MAX_LENGTH {
                expr(&rule, MAX_LENGTH)?.map(RuleKind::MaxLength)
            } else if rule.path == ONE_OF {
                expr(&rule, ONE_OF)?.map(RuleKind::OneOf)
            } else if rule.path == NON_BLANK {
                flag(cx, &rule, NON_BLANK)?.then_some(RuleKind::NonBlank)
            } else if rule.path == REGEX {
                string_value(cx, &rule, REGEX)?.map(RuleKind::Regex)
            } else if rule.path == CUSTOM {
                path_value(cx, &rule, CUSTOM)?.map(RuleKind::Custom)
            } else {
                skip_value(&rule)?;
                let name = word
                    .get_ident()
                    .map_or_else(String::new, ToString::to_string);
                let hint = did_you_mean(&name, RULES)
                    .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
                let known: Vec<String> = RULES.iter().map(|s| format!("`{s}`")).collect();
                cx.error_spanned_by(
                    &rule.path,
                    format!(
                        "unknown validation rule `{name}`{hint} (rules: {})",
                        known.join(", ")
                    ),
                );
                None
            };
            if let Some(kind) = kind {
                out.push(Rule { word, kind });
            }
            Ok(())
        })
    }
}

/// Where a field's default value comes from.
pub enum DefaultValue {
    /// `default`: `Default::default()`.
    Trait,
    /// `default = expr`: the expression, converted with `Into`.
    Expr(Expr),
    /// `default_with = path`: a function called with no arguments.
    With(syn::Path),
}

/// The options given on one enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// `rename = "..."`.
    pub rename: Option<LitStr>,
}

impl FieldAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut out = FieldAttrs::default();
        for_each_option(cx, attrs, |meta| {
            if let Some((word, why)) = FLAGS.iter().copied().find(|(w, _)| meta.path == *w) {
                match why {
                    Some(why) if derive != Derive::Model => model_only(cx, &meta, word, why)?,
                    _ => {
                        if flag(cx, &meta, word)? {
                            let slot = out.flag_slot(word);
                            set_once(cx, slot, meta.path.clone(), &meta, word);
                        }
                    }
                }
            } else if meta.path == RENAME {
                if let Some(name) = string_value(cx, &meta, RENAME)? {
                    if name.value().is_empty() {
                        cx.error_spanned_by(&name, "`rename` needs a non-empty attribute name");
                    }
                    set_once(cx, &mut out.rename, name, &meta, RENAME);
                }
            } else if meta.path == ALIAS {
                if let Some(name) = string_value(cx, &meta, ALIAS)? {
                    if name.value().is_empty() {
                        cx.error_spanned_by(&name, "`alias` needs a non-empty attribute name");
                    }
                    out.aliases.push(name);
                }
            } else if meta.path == WITH {
                if let Some(path) = path_value(cx, &meta, WITH)? {
                    set_once(cx, &mut out.with, (meta.path.clone(), path), &meta, WITH);
                }
            } else if meta.path == DEFAULT || meta.path == DEFAULT_WITH {
                out.parse_default(cx, &meta)?;
            } else if meta.path == VALIDATE {
                Rule::parse_all(cx, &meta, &mut out.rules)?;
            } else {
                unknown_option(cx, &meta, FIELD_OPTIONS, CONTAINER_OPTIONS, "a field")?;
            }
            Ok(())
        });
        out
    }

    /// The slot of flag `word`, one of [`FLAGS`].
    fn flag_slot(&mut self, word: Symbol) -> &mut Option<syn::Path> {
        match word.0 {
            "partition_key" => &mut self.partition_key,
            "sort_key" => &mut self.sort_key,
            "skip" => &mut self.skip,
            "serde" => &mut self.serde,
            "flatten" => &mut self.flatten,
            "force_default" => &mut self.force_default,
            "ttl" => &mut self.ttl,
            "version" => &mut self.version,
            "counter" => &mut self.counter,
            "unique" => &mut self.unique,
            "created_at" => &mut self.created_at,
            _ => &mut self.updated_at,
        }
    }

    /// `default`, `default = expr` or `default_with = path`: one of them, once.
    fn parse_default(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        let value = if meta.path == DEFAULT_WITH {
            match path_value(cx, meta, DEFAULT_WITH)? {
                Some(path) => DefaultValue::With(path),
                None => return Ok(()),
            }
        } else if meta.input.peek(Token![=]) {
            DefaultValue::Expr(meta.value()?.parse()?)
        } else if flag(cx, meta, DEFAULT)? {
            DefaultValue::Trait
        } else {
            return Ok(());
        };
        if self.default.is_some() {
            cx.error_spanned_by(
                &meta.path,
                "a field has one default: give `default`, `default = ...` or `default_with = ...`",
            );
        } else {
            self.default = Some((meta.path.clone(), value));
        }
        Ok(())
    }
}

/// The field options that are flags, each with why it is an option of #[derive(Model)] only,
/// if it is.
const FLAGS: &[(Symbol, Option<&str>)] = &[
    (
        PARTITION_KEY,
        Some("a document stored inside a model has no keys"),
    ),
    (
        SORT_KEY,
        Some("a document stored inside a model has no keys"),
    ),
    (SKIP, None),
    (SERDE, None),
    (FLATTEN, None),
    (FORCE_DEFAULT, None),
    (TTL, Some("time to live expires whole items of a table")),
    (VERSION, Some("it describes how whole items are written")),
    (COUNTER, Some("it describes how updates change an item")),
    (UNIQUE, Some("it is a rule over the items of a table")),
    (CREATED_AT, Some("it describes how whole items are written")),
    (UPDATED_AT, Some("it describes how whole items are written")),
];

impl VariantAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = VariantAttrs::default();
        for_each_option(cx, attrs, |meta| {
            if meta.path == RENAME {
                if let Some(name) = string_value(cx, &meta, RENAME)? {
                    set_once(cx, &mut out.rename, name, &meta, RENAME);
                }
            } else {
                unknown_option(cx, &meta, VARIANT_OPTIONS, &[], "a variant")?;
            }
            Ok(())
        });
        out
    }
}
