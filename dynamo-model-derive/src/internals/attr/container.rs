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
    /// `partition_key = "..."`: the partition key template of a model in a shared table.
    pub partition_key: Option<LitStr>,
    /// `sort_key = "..."`: the sort key template of a model in a shared table.
    pub sort_key: Option<LitStr>,
    /// `global_index(name = "...", partition_key = "...", sort_key = "...")`: key templates on a shared table's GSIs.
    pub shared_indexes: Vec<super::SharedIndexAttr>,
    /// A model of a table of its own whose keys are templates (`partition_key = "..."` on the
    /// struct): it is stored as the one entity of a shared table the derive declares for it,
    /// named by `shared_table`.
    pub own_key_table: bool,
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
    /// `schema_version`, `schema_version_attribute` and `old_shapes(...)`.
    pub versions: super::VersionAttrs,
    /// `has_many(...)`: the children found by a query, in declaration order.
    pub has_many: Vec<super::HasManyAttr>,
}

/// The struct options that only #[derive(Model)] takes, each with why.
const MODEL_ONLY: &[(Symbol, &str)] = &[
    (
        TABLE,
        "a type stored inside a model has no table of its own",
    ),
    (ENTITY, "it describes a model stored in a shared table"),
    (PARTITION_KEY, "it describes a model's key"),
    (SORT_KEY, "it describes a model's key"),
    (GLOBAL_INDEX, "indexes belong to a table"),
    (LOCAL_INDEX, "indexes belong to a table"),
    (HOOKS, "it describes how whole items are written"),
    (ASYNC_HOOKS, "it describes how whole items are written"),
    (TIMESTAMPS, "it describes how whole items are written"),
    (SCHEMA_VERSION, "it describes how whole items are stored"),
    (
        SCHEMA_VERSION_ATTRIBUTE,
        "it describes how whole items are stored",
    ),
    (OLD_SHAPES, "it describes how whole items are stored"),
    (HAS_MANY, "relations are between models"),
];

impl ContainerAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut out = ContainerAttrs::default();
        for_each_option(cx, attrs, |meta| {
            let model_only_word = MODEL_ONLY.iter().find(|(word, _)| meta.path == *word);
            match model_only_word {
                Some((word, why)) if derive != Derive::Model => model_only(cx, &meta, *word, why),
                _ => out.parse_option(cx, &meta, derive),
            }
        });
        out.take_shared_indexes(cx);
        out
    }

    /// One option of a struct that may take it.
    fn parse_option(
        &mut self,
        cx: &Ctxt,
        meta: &ParseNestedMeta,
        derive: Derive,
    ) -> syn::Result<()> {
        if self.versions.parse(cx, meta)? {
            return Ok(());
        }
        if meta.path == TABLE {
            self.parse_table(cx, meta)?;
        } else if meta.path == ENTITY || meta.path == PARTITION_KEY || meta.path == SORT_KEY {
            self.parse_entity_option(cx, meta)?;
        } else if meta.path == CRATE {
            if let Some(path) = crate_value(cx, meta)? {
                set_once(cx, &mut self.krate, path, meta, CRATE);
            }
        } else if meta.path == BOUND {
            self.parse_bound(cx, meta)?;
        } else if meta.path == TAG || meta.path == CONTENT {
            let word = if meta.path == TAG { TAG } else { CONTENT };
            if let Some(name) = string_value(cx, meta, word)? {
                if name.value().is_empty() {
                    cx.error_spanned_by(
                        &name,
                        format!("`{word}` needs a non-empty attribute name"),
                    );
                }
                let slot = if word == TAG {
                    &mut self.tag
                } else {
                    &mut self.content
                };
                set_once(cx, slot, name, meta, word);
            }
        } else if meta.path == GLOBAL_INDEX || meta.path == LOCAL_INDEX {
            let kind = if meta.path == GLOBAL_INDEX {
                IndexKind::Global
            } else {
                IndexKind::Local
            };
            if let Some(index) = IndexAttr::parse(cx, meta, kind)? {
                self.indexes.push(index);
            }
        } else if meta.path == HAS_MANY {
            if let Some(relation) = super::HasManyAttr::parse(cx, meta)? {
                self.has_many.push(relation);
            }
        } else if meta.path == MODEL && derive != Derive::Projection {
            skip_value(meta)?;
            cx.error_spanned_by(
                &meta.path,
                "`model` is an option of #[derive(Projection)]: it names the model a projection reads from",
            );
        } else if meta.path == MODEL {
            if let Some(path) = path_value(cx, meta, MODEL)? {
                set_once(cx, &mut self.model, (meta.path.clone(), path), meta, MODEL);
            }
        } else if let Some(word) = [HOOKS, ASYNC_HOOKS, TIMESTAMPS]
            .into_iter()
            .find(|w| meta.path == *w)
        {
            self.parse_behaviour_flag(cx, meta, word)?;
        } else if meta.path == RENAME_ALL {
            if let Some(rule) = string_value(cx, meta, RENAME_ALL)? {
                match RenameRule::from_name(&rule.value()) {
                    Some(parsed) => set_once(cx, &mut self.rename_all, parsed, meta, RENAME_ALL),
                    None => unknown_case(cx, &rule),
                }
            }
        } else {
            unknown_option(cx, meta, CONTAINER_OPTIONS, FIELD_OPTIONS, "the struct")?;
        }
        Ok(())
    }

    /// `hooks`, `async_hooks` or `timestamps`.
    fn parse_behaviour_flag(
        &mut self,
        cx: &Ctxt,
        meta: &ParseNestedMeta,
        word: Symbol,
    ) -> syn::Result<()> {
        if flag(cx, meta, word)? {
            let slot = match word.0 {
                "hooks" => &mut self.hooks,
                "async_hooks" => &mut self.async_hooks,
                _ => &mut self.timestamps,
            };
            set_once(cx, slot, meta.path.clone(), meta, word);
        }
        Ok(())
    }

    /// `table = "name"` names a table of one model; `table = Shop` a shared table.
    fn parse_table(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        let shared = meta.input.peek(Token![=]) && !meta.input.peek2(LitStr);
        if shared {
            if let Some(path) = path_value(cx, meta, TABLE)? {
                if self.table.is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `table` option");
                }
                set_once(cx, &mut self.shared_table, path, meta, TABLE);
            }
        } else if let Some(table) = string_value(cx, meta, TABLE)? {
            if self.shared_table.is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `table` option");
            }
            set_once(cx, &mut self.table, table, meta, TABLE);
        }
        Ok(())
    }

    /// `entity = "..."`, and the key templates `partition_key = "..."`/`sort_key = "..."` of a
    /// model in a shared table.
    fn parse_entity_option(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        let (word, slot) = if meta.path == ENTITY {
            (ENTITY, &mut self.entity)
        } else if meta.path == PARTITION_KEY {
            (PARTITION_KEY, &mut self.partition_key)
        } else {
            (SORT_KEY, &mut self.sort_key)
        };
        if word != ENTITY && !meta.input.peek(Token![=]) {
            skip_value(meta)?;
            cx.error_spanned_by(
                &meta.path,
                format!("`{word}` on the struct is a key template, written from the fields (`{word} = \"USER#{{id}}\"`); to make a field the {} key, put #[dynamo({word})] on the field", if word == PARTITION_KEY { "partition" } else { "sort" }),
            );
            return Ok(());
        }
        if let Some(value) = string_value(cx, meta, word)? {
            set_once(cx, slot, value, meta, word);
        }
        Ok(())
    }

    /// `bound = "T: Trait, ..."`.
    fn parse_bound(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        if let Some(bound) = string_value(cx, meta, BOUND)? {
            let parser =
                syn::punctuated::Punctuated::<syn::WherePredicate, Token![,]>::parse_terminated;
            match syn::parse::Parser::parse_str(parser, &bound.value()) {
                Ok(predicates) => set_once(
                    cx,
                    &mut self.bound,
                    predicates.into_iter().collect(),
                    meta,
                    BOUND,
                ),
                Err(error) => cx.error_spanned_by(
                    &bound,
                    format!(
                        "`bound` must be where-predicates, e.g. `bound = \"T: Clone\"`: {error}"
                    ),
                ),
            }
        }
        Ok(())
    }

    /// For a model in a shared table (`table = Shop`), its `global_index(...)`s give key
    /// templates on the shared table's global indexes, not fields of an index of its own.
    fn take_shared_indexes(&mut self, cx: &Ctxt) {
        if self.shared_table.is_none() && self.partition_key.is_some() {
            // Keys from templates in a table of its own: the derive declares the table.
            self.own_key_table = true;
            self.shared_table = Some(syn::parse_quote!(__DynamoKeyTable));
        }
        if self.shared_table.is_none() {
            return;
        }
        for index in std::mem::take(&mut self.indexes) {
            if let Some(shared) = index.into_shared(cx, "a model in a shared table") {
                self.shared_indexes.push(shared);
            }
        }
    }
}

/// `crate = "path"`: where the runtime crate is.
fn crate_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<syn::Path>> {
    let Some(path) = string_value(cx, meta, CRATE)? else {
        return Ok(None);
    };
    match path.parse::<syn::Path>() {
        Ok(parsed) => Ok(Some(parsed)),
        Err(_) => {
            cx.error_spanned_by(
                &path,
                format!(
                    "`crate` must be a path, e.g. `crate = \"my_crate::dynamo_model\"`, not {:?}",
                    path.value()
                ),
            );
            Ok(None)
        }
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
