//! Parsing of single `#[dynamo(...)]` attributes. Each parser reports duplicates, unknown
//! options (with a did-you-mean hint) and values of the wrong kind itself; rules that involve
//! several attributes live in `check`.

use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Lit, LitStr, Token};

use super::ast::Derive;
use super::case::{self, RenameRule};
use super::ctxt::Ctxt;
use super::symbol::*;

/// The options given on the struct.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `table = "..."`.
    pub table: Option<LitStr>,
    /// `crate = "..."`: the path the runtime crate is reachable under.
    pub krate: Option<syn::Path>,
    /// `rename_all = "..."`: the case convention of stored names.
    pub rename_all: Option<RenameRule>,
    /// `bound = "T: Trait, ..."`: the where-predicates that replace the inferred ones.
    pub bound: Option<Vec<syn::WherePredicate>>,
    /// `tag = "..."`: the attribute naming the variant of a data-carrying enum.
    pub tag: Option<LitStr>,
    /// `content = "..."`: the attribute holding a variant's data, when not beside the tag.
    pub content: Option<LitStr>,
    /// `global_index(...)` and `local_index(...)`, in declaration order.
    pub indexes: Vec<IndexAttr>,
    /// `model = Path`: the model a projection reads from.
    pub model: Option<(syn::Path, syn::Path)>,
    /// `hooks`: the user implements `Hooks`; the derive does not.
    pub hooks: Option<syn::Path>,
    /// `timestamps`: the fields `created_at` and `updated_at` are the timestamps.
    pub timestamps: Option<syn::Path>,
}

/// Whether an index is global or local.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    Global,
    Local,
}

/// One `global_index(...)` or `local_index(...)` declaration.
pub struct IndexAttr {
    pub kind: IndexKind,
    /// The `global_index` / `local_index` word, for errors about the whole declaration.
    pub word: syn::Path,
    pub name: Option<LitStr>,
    /// The Rust field names of the index's keys.
    pub hash: Option<LitStr>,
    pub range: Option<LitStr>,
    pub projection: ProjectionAttr,
}

/// Which attributes an index copies from the table.
pub enum ProjectionAttr {
    /// Every attribute (the default).
    All,
    /// The index and table keys only.
    KeysOnly,
    /// The keys and these fields (Rust field names).
    Include(Vec<LitStr>),
}

/// The options given on one field. Flags keep the word's token for error spans.
#[derive(Default)]
pub struct FieldAttrs {
    /// `hash_key`.
    pub hash_key: Option<syn::Path>,
    /// `range_key`.
    pub range_key: Option<syn::Path>,
    /// `rename = "..."`.
    pub rename: Option<LitStr>,
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

/// Reports a model-only option used on `#[derive(Attribute)]`.
fn model_only(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol, why: &str) -> syn::Result<()> {
    skip_value(meta)?;
    cx.error_spanned_by(
        &meta.path,
        format!("`{word}` is an option of #[derive(Model)]: {why}"),
    );
    Ok(())
}

impl ContainerAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut out = ContainerAttrs::default();
        for_each_option(cx, attrs, |meta| {
            if meta.path == TABLE && derive != Derive::Model {
                model_only(
                    cx,
                    &meta,
                    TABLE,
                    "a type stored inside a model has no table of its own",
                )?;
            } else if meta.path == TABLE {
                if let Some(table) = string_value(cx, &meta, TABLE)? {
                    set_once(cx, &mut out.table, table, &meta, TABLE);
                }
            } else if meta.path == CRATE {
                if let Some(path) = string_value(cx, &meta, CRATE)? {
                    match path.parse::<syn::Path>() {
                        Ok(parsed) => set_once(cx, &mut out.krate, parsed, &meta, CRATE),
                        Err(_) => cx.error_spanned_by(
                            &path,
                            format!("`crate` must be a path, e.g. `crate = \"my_crate::dynamo_model\"`, not {:?}", path.value()),
                        ),
                    }
                }
            } else if meta.path == BOUND {
                if let Some(bound) = string_value(cx, &meta, BOUND)? {
                    let parser = syn::punctuated::Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated;
                    match syn::parse::Parser::parse_str(parser, &bound.value()) {
                        Ok(predicates) => set_once(
                            cx,
                            &mut out.bound,
                            predicates.into_iter().collect(),
                            &meta,
                            BOUND,
                        ),
                        Err(error) => cx.error_spanned_by(
                            &bound,
                            format!("`bound` must be where-predicates, e.g. `bound = \"T: Clone\"`: {error}"),
                        ),
                    }
                }
            } else if meta.path == TAG || meta.path == CONTENT {
                let word = if meta.path == TAG { TAG } else { CONTENT };
                if let Some(name) = string_value(cx, &meta, word)? {
                    if name.value().is_empty() {
                        cx.error_spanned_by(
                            &name,
                            format!("`{word}` needs a non-empty attribute name"),
                        );
                    }
                    let slot = if word == TAG {
                        &mut out.tag
                    } else {
                        &mut out.content
                    };
                    set_once(cx, slot, name, &meta, word);
                }
            } else if (meta.path == GLOBAL_INDEX || meta.path == LOCAL_INDEX)
                && derive != Derive::Model
            {
                let word = if meta.path == GLOBAL_INDEX {
                    GLOBAL_INDEX
                } else {
                    LOCAL_INDEX
                };
                model_only(cx, &meta, word, "indexes belong to a table")?;
            } else if meta.path == GLOBAL_INDEX || meta.path == LOCAL_INDEX {
                let kind = if meta.path == GLOBAL_INDEX {
                    IndexKind::Global
                } else {
                    IndexKind::Local
                };
                if let Some(index) = IndexAttr::parse(cx, &meta, kind)? {
                    out.indexes.push(index);
                }
            } else if meta.path == MODEL && derive != Derive::Projection {
                skip_value(&meta)?;
                cx.error_spanned_by(
                    &meta.path,
                    "`model` is an option of #[derive(Projection)]: it names the model a projection reads from",
                );
            } else if meta.path == MODEL {
                if let Some(path) = path_value(cx, &meta, MODEL)? {
                    set_once(cx, &mut out.model, (meta.path.clone(), path), &meta, MODEL);
                }
            } else if (meta.path == HOOKS || meta.path == TIMESTAMPS) && derive != Derive::Model {
                let word = if meta.path == HOOKS {
                    HOOKS
                } else {
                    TIMESTAMPS
                };
                model_only(cx, &meta, word, "it describes how whole items are written")?;
            } else if meta.path == HOOKS {
                if flag(cx, &meta, HOOKS)? {
                    set_once(cx, &mut out.hooks, meta.path.clone(), &meta, HOOKS);
                }
            } else if meta.path == TIMESTAMPS {
                if flag(cx, &meta, TIMESTAMPS)? {
                    set_once(
                        cx,
                        &mut out.timestamps,
                        meta.path.clone(),
                        &meta,
                        TIMESTAMPS,
                    );
                }
            } else if meta.path == RENAME_ALL {
                if let Some(rule) = string_value(cx, &meta, RENAME_ALL)? {
                    match RenameRule::from_name(&rule.value()) {
                        Some(parsed) => {
                            set_once(cx, &mut out.rename_all, parsed, &meta, RENAME_ALL)
                        }
                        None => unknown_case(cx, &rule),
                    }
                }
            } else {
                unknown_option(cx, &meta, CONTAINER_OPTIONS, FIELD_OPTIONS, "the struct")?;
            }
            Ok(())
        });
        out
    }
}

impl FieldAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut out = FieldAttrs::default();
        for_each_option(cx, attrs, |meta| {
            if derive != Derive::Model && (meta.path == HASH_KEY || meta.path == RANGE_KEY) {
                let word = if meta.path == HASH_KEY {
                    HASH_KEY
                } else {
                    RANGE_KEY
                };
                model_only(
                    cx,
                    &meta,
                    word,
                    "a document stored inside a model has no keys",
                )?;
            } else if meta.path == HASH_KEY {
                if flag(cx, &meta, HASH_KEY)? {
                    set_once(cx, &mut out.hash_key, meta.path.clone(), &meta, HASH_KEY);
                }
            } else if meta.path == RANGE_KEY {
                if flag(cx, &meta, RANGE_KEY)? {
                    set_once(cx, &mut out.range_key, meta.path.clone(), &meta, RANGE_KEY);
                }
            } else if meta.path == RENAME {
                if let Some(name) = string_value(cx, &meta, RENAME)? {
                    if name.value().is_empty() {
                        cx.error_spanned_by(&name, "`rename` needs a non-empty attribute name");
                    }
                    set_once(cx, &mut out.rename, name, &meta, RENAME);
                }
            } else if meta.path == SKIP {
                if flag(cx, &meta, SKIP)? {
                    set_once(cx, &mut out.skip, meta.path.clone(), &meta, SKIP);
                }
            } else if meta.path == WITH {
                if let Some(path) = path_value(cx, &meta, WITH)? {
                    set_once(cx, &mut out.with, (meta.path.clone(), path), &meta, WITH);
                }
            } else if meta.path == SERDE {
                if flag(cx, &meta, SERDE)? {
                    set_once(cx, &mut out.serde, meta.path.clone(), &meta, SERDE);
                }
            } else if meta.path == FLATTEN {
                if flag(cx, &meta, FLATTEN)? {
                    set_once(cx, &mut out.flatten, meta.path.clone(), &meta, FLATTEN);
                }
            } else if meta.path == DEFAULT {
                let value = if meta.input.peek(Token![=]) {
                    DefaultValue::Expr(meta.value()?.parse()?)
                } else if flag(cx, &meta, DEFAULT)? {
                    DefaultValue::Trait
                } else {
                    return Ok(());
                };
                if out.default.is_some() {
                    cx.error_spanned_by(
                        &meta.path,
                        "a field has one default: give `default`, `default = ...` or `default_with = ...`",
                    );
                } else {
                    out.default = Some((meta.path.clone(), value));
                }
            } else if meta.path == DEFAULT_WITH {
                if let Some(path) = path_value(cx, &meta, DEFAULT_WITH)? {
                    if out.default.is_some() {
                        cx.error_spanned_by(
                            &meta.path,
                            "a field has one default: give `default`, `default = ...` or `default_with = ...`",
                        );
                    } else {
                        out.default = Some((meta.path.clone(), DefaultValue::With(path)));
                    }
                }
            } else if meta.path == TTL && derive != Derive::Model {
                model_only(
                    cx,
                    &meta,
                    TTL,
                    "time to live expires whole items of a table",
                )?;
            } else if meta.path == TTL {
                if flag(cx, &meta, TTL)? {
                    set_once(cx, &mut out.ttl, meta.path.clone(), &meta, TTL);
                }
            } else if (meta.path == VERSION || meta.path == CREATED_AT || meta.path == UPDATED_AT)
                && derive != Derive::Model
            {
                let word = [VERSION, CREATED_AT, UPDATED_AT]
                    .into_iter()
                    .find(|word| meta.path == *word)
                    .unwrap_or(VERSION);
                model_only(cx, &meta, word, "it describes how whole items are written")?;
            } else if meta.path == VERSION {
                if flag(cx, &meta, VERSION)? {
                    set_once(cx, &mut out.version, meta.path.clone(), &meta, VERSION);
                }
            } else if meta.path == CREATED_AT {
                if flag(cx, &meta, CREATED_AT)? {
                    set_once(
                        cx,
                        &mut out.created_at,
                        meta.path.clone(),
                        &meta,
                        CREATED_AT,
                    );
                }
            } else if meta.path == UPDATED_AT {
                if flag(cx, &meta, UPDATED_AT)? {
                    set_once(
                        cx,
                        &mut out.updated_at,
                        meta.path.clone(),
                        &meta,
                        UPDATED_AT,
                    );
                }
            } else if meta.path == VALIDATE {
                Rule::parse_all(cx, &meta, &mut out.rules)?;
            } else if meta.path == FORCE_DEFAULT {
                if flag(cx, &meta, FORCE_DEFAULT)? {
                    set_once(
                        cx,
                        &mut out.force_default,
                        meta.path.clone(),
                        &meta,
                        FORCE_DEFAULT,
                    );
                }
            } else {
                unknown_option(cx, &meta, FIELD_OPTIONS, CONTAINER_OPTIONS, "a field")?;
            }
            Ok(())
        });
        out
    }
}

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

impl IndexAttr {
    /// Parses the parenthesised options of one index declaration.
    fn parse(cx: &Ctxt, meta: &ParseNestedMeta, kind: IndexKind) -> syn::Result<Option<Self>> {
        let word = if kind == IndexKind::Global {
            GLOBAL_INDEX
        } else {
            LOCAL_INDEX
        };
        if !meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
            cx.error_spanned_by(
                &meta.path,
                format!("`{word}` takes options: write `{word}(name = \"...\", ...)`"),
            );
            return Ok(None);
        }
        let mut index = IndexAttr {
            kind,
            word: meta.path.clone(),
            name: None,
            hash: None,
            range: None,
            projection: ProjectionAttr::All,
        };
        let mut projection_word: Option<syn::Path> = None;
        meta.parse_nested_meta(|inner| {
            if inner.path == NAME {
                if let Some(name) = string_value(cx, &inner, NAME)? {
                    set_once(cx, &mut index.name, name, &inner, NAME);
                }
            } else if inner.path == HASH {
                if let Some(field) = string_value(cx, &inner, HASH)? {
                    set_once(cx, &mut index.hash, field, &inner, HASH);
                }
            } else if inner.path == RANGE {
                if let Some(field) = string_value(cx, &inner, RANGE)? {
                    set_once(cx, &mut index.range, field, &inner, RANGE);
                }
            } else if inner.path == PROJECTION || inner.path == INCLUDE {
                let projection = if inner.path == PROJECTION {
                    projection_value(cx, &inner)?
                } else {
                    include_value(cx, &inner)?
                };
                if projection_word.is_some() {
                    cx.error_spanned_by(
                        &inner.path,
                        "an index has one projection: give either `projection = \"...\"` or `include = [...]`, once",
                    );
                } else if let Some(projection) = projection {
                    projection_word = Some(inner.path.clone());
                    index.projection = projection;
                }
            } else {
                unknown_option(cx, &inner, INDEX_OPTIONS, &[], "an index")?;
            }
            Ok(())
        })?;
        if index.name.is_none() {
            cx.error_spanned_by(
                &meta.path,
                format!("`{word}` needs a name: write `{word}(name = \"...\", ...)`"),
            );
        }
        if kind == IndexKind::Global && index.hash.is_none() {
            cx.error_spanned_by(
                &meta.path,
                "a global index needs a hash key: write `hash = \"field\"`",
            );
        }
        if kind == IndexKind::Local && index.range.is_none() {
            cx.error_spanned_by(
                &meta.path,
                "a local index needs its own range key: write `range = \"field\"`",
            );
        }
        Ok(Some(index))
    }
}

/// `projection = "all"` or `projection = "keys_only"`.
fn projection_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<ProjectionAttr>> {
    let Some(value) = string_value(cx, meta, PROJECTION)? else {
        return Ok(None);
    };
    match value.value().as_str() {
        "all" => Ok(Some(ProjectionAttr::All)),
        "keys_only" => Ok(Some(ProjectionAttr::KeysOnly)),
        other => {
            let hint = match did_you_mean(other, PROJECTIONS) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => String::new(),
            };
            cx.error_spanned_by(
                &value,
                format!("unknown projection `{other}`{hint}: use \"all\" or \"keys_only\", or `include = [\"field\", ...]` for chosen fields"),
            );
            Ok(None)
        }
    }
}

/// `include = ["field", ...]`: an INCLUDE projection of these fields.
fn include_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<ProjectionAttr>> {
    if !meta.input.peek(Token![=]) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            "`include` needs fields: write `include = [\"field\", ...]`",
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    let Expr::Array(array) = expr else {
        cx.error_spanned_by(
            &expr,
            "`include` takes a list of field names: write `include = [\"field\", ...]`",
        );
        return Ok(None);
    };
    let mut fields = Vec::with_capacity(array.elems.len());
    for elem in array.elems {
        match elem {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => fields.push(lit),
            other => cx.error_spanned_by(&other, "a field name in `include` is a string literal"),
        }
    }
    Ok(Some(ProjectionAttr::Include(fields)))
}

fn unknown_case(cx: &Ctxt, rule: &LitStr) {
    let value = rule.value();
    let names: Vec<&str> = case::RULES.iter().map(|(name, _)| *name).collect();
    let close = names.iter().find(|name| {
        name.eq_ignore_ascii_case(&value)
            || name
                .replace(['_', '-'], "")
                .eq_ignore_ascii_case(&value.replace(['_', '-', ' '], ""))
    });
    let message = match close {
        Some(name) => format!("unknown case `{value}` for `rename_all`; did you mean `{name}`?"),
        None => format!(
            "unknown case `{value}` for `rename_all`; expected one of {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    cx.error_spanned_by(rule, message);
}

/// Calls `parse` for every option inside every `#[dynamo(...)]` attribute.
fn for_each_option(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut parse: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| *attr.path() == DYNAMO) {
        if let syn::Meta::Path(_) = attr.meta {
            cx.error_spanned_by(attr, "expected options: `#[dynamo(...)]`");
            continue;
        }
        if let Err(error) = attr.parse_nested_meta(&mut parse) {
            cx.syn_error(error);
        }
    }
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, meta: &ParseNestedMeta, word: Symbol) {
    if slot.is_some() {
        cx.error_spanned_by(&meta.path, format!("duplicate `{word}` option"));
    } else {
        *slot = Some(value);
    }
}

/// A flag option such as `hash_key`: true when given without a value.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` takes no value: write `#[dynamo({word})]`"),
        );
        return Ok(false);
    }
    Ok(true)
}

/// A `word = "string"` option; a missing value or one that is not a string literal is
/// reported, and `None` returned.
fn string_value(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        if meta.input.peek(syn::token::Paren) {
            skip_value(meta)?;
        }
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a value: write `{word} = \"...\"`"),
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Some(lit)),
        other => {
            cx.error_spanned_by(
                &other,
                format!("`{word}` takes a string literal: write `{word} = \"...\"`"),
            );
            Ok(None)
        }
    }
}

/// A `word = some::path` option (a string literal holding the path is accepted too).
fn path_value(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<syn::Path>> {
    if !meta.input.peek(Token![=]) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a module path: write `{word} = path::to::module`"),
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Path(path) if path.qself.is_none() => Ok(Some(path.path)),
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => match lit.parse::<syn::Path>() {
            Ok(path) => Ok(Some(path)),
            Err(_) => {
                cx.error_spanned_by(
                    &lit,
                    format!("`{word}` needs a module path, not {:?}", lit.value()),
                );
                Ok(None)
            }
        },
        other => {
            cx.error_spanned_by(
                &other,
                format!("`{word}` takes a module path: write `{word} = path::to::module`"),
            );
            Ok(None)
        }
    }
}

/// Consumes whatever follows an option we are rejecting, so parsing can go on with the next one.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: proc_macro2::TokenStream = content.parse()?;
    }
    Ok(())
}

/// Reports an option that is not one of `known`, with a hint: the option it most likely
/// misspells, or where an option of the other position belongs.
fn unknown_option(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    known: &[Symbol],
    other_position: &[Symbol],
    here: &str,
) -> syn::Result<()> {
    skip_value(meta)?;
    let word = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| quote::ToTokens::to_token_stream(&meta.path).to_string());
    let listed = known
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = if other_position.iter().any(|s| s.0 == word) {
        let there = if here == "a field" {
            "the struct"
        } else {
            "a field"
        };
        format!("`{word}` goes on {there}, not on {here}")
    } else if let Some(close) = did_you_mean(&word, known) {
        format!("unknown dynamo option `{word}` on {here}; did you mean `{close}`?")
    } else {
        format!("unknown dynamo option `{word}` on {here}; expected one of {listed}")
    };
    cx.syn_error(syn::Error::new(meta.path.span(), message));
    Ok(())
}

/// The known word closest to `word`, if it is close enough to be a likely misspelling.
fn did_you_mean(word: &str, known: &[Symbol]) -> Option<Symbol> {
    let close = closest(word, known.iter().map(|s| s.0))?;
    known.iter().find(|s| s.0 == close).copied()
}

/// The candidate closest to `word`, if it is close enough to be a likely misspelling.
pub fn closest<'k>(word: &str, candidates: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Levenshtein distance, counting a swap of two neighbouring letters as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_catch_typos_but_not_unrelated_words() {
        assert_eq!(did_you_mean("hash_kye", FIELD_OPTIONS), Some(HASH_KEY));
        assert_eq!(did_you_mean("hashkey", FIELD_OPTIONS), Some(HASH_KEY));
        assert_eq!(did_you_mean("renam", FIELD_OPTIONS), Some(RENAME));
        assert_eq!(did_you_mean("tabel", CONTAINER_OPTIONS), Some(TABLE));
        assert_eq!(did_you_mean("frobnicate", FIELD_OPTIONS), None);
    }
}
