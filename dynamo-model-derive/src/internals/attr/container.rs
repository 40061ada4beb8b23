//! The options of the container: `#[dynamo(...)]` on the struct or enum.

use super::*;

/// The options given on the struct.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `table = "..."`.
    pub table: Option<LitStr>,
    /// `table = Path`: the `#[derive(SharedTable)]` the model is stored in.
    pub shared_table: Option<syn::Path>,
    /// `entity = "..."`: the entity name of a model in a shared table.
    pub entity: Option<LitStr>,
    /// `pk = "..."`: the partition key template of a model in a shared table.
    pub pk: Option<LitStr>,
    /// `sk = "..."`: the sort key template of a model in a shared table.
    pub sk: Option<LitStr>,
    /// `index(name = "...", pk = "...", sk = "...")`: key templates on a shared table's GSIs.
    pub shared_indexes: Vec<super::SharedIndexAttr>,
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
    /// `async_hooks`: the user implements `AsyncHooks`; the derive does not.
    pub async_hooks: Option<syn::Path>,
    /// `timestamps`: the fields `created_at` and `updated_at` are the timestamps.
    pub timestamps: Option<syn::Path>,
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
                // `table = "name"` names a table of one model; `table = Shop` a shared table.
                let shared = meta.input.peek(Token![=]) && !meta.input.peek2(LitStr);
                if shared {
                    if let Some(path) = path_value(cx, &meta, TABLE)? {
                        if out.table.is_some() {
                            cx.error_spanned_by(&meta.path, "duplicate `table` option");
                        }
                        set_once(cx, &mut out.shared_table, path, &meta, TABLE);
                    }
                } else if let Some(table) = string_value(cx, &meta, TABLE)? {
                    if out.shared_table.is_some() {
                        cx.error_spanned_by(&meta.path, "duplicate `table` option");
                    }
                    set_once(cx, &mut out.table, table, &meta, TABLE);
                }
            } else if meta.path == INDEX && derive == Derive::Model {
                if let Some(index) = super::SharedIndexAttr::parse(cx, &meta, INDEX)? {
                    out.shared_indexes.push(index);
                }
            } else if (meta.path == ENTITY
                || meta.path == PK
                || meta.path == SK
                || meta.path == INDEX)
                && derive != Derive::Model
            {
                let word = [ENTITY, PK, SK, INDEX]
                    .into_iter()
                    .find(|word| meta.path == *word)
                    .unwrap_or(ENTITY);
                model_only(
                    cx,
                    &meta,
                    word,
                    "it describes a model stored in a shared table",
                )?;
            } else if meta.path == ENTITY || meta.path == PK || meta.path == SK {
                let (word, slot) = if meta.path == ENTITY {
                    (ENTITY, &mut out.entity)
                } else if meta.path == PK {
                    (PK, &mut out.pk)
                } else {
                    (SK, &mut out.sk)
                };
                if let Some(value) = string_value(cx, &meta, word)? {
                    set_once(cx, slot, value, &meta, word);
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
            } else if (meta.path == HOOKS || meta.path == ASYNC_HOOKS || meta.path == TIMESTAMPS)
                && derive != Derive::Model
            {
                let word = [HOOKS, ASYNC_HOOKS, TIMESTAMPS]
                    .into_iter()
                    .find(|word| meta.path == *word)
                    .unwrap_or(TIMESTAMPS);
                model_only(cx, &meta, word, "it describes how whole items are written")?;
            } else if meta.path == HOOKS {
                if flag(cx, &meta, HOOKS)? {
                    set_once(cx, &mut out.hooks, meta.path.clone(), &meta, HOOKS);
                }
            } else if meta.path == ASYNC_HOOKS {
                if flag(cx, &meta, ASYNC_HOOKS)? {
                    set_once(
                        cx,
                        &mut out.async_hooks,
                        meta.path.clone(),
                        &meta,
                        ASYNC_HOOKS,
                    );
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
