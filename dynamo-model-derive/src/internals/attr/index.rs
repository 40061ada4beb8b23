//! `global_index(...)` and `local_index(...)` declarations.

use super::*;

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
    /// The Rust field names of the index's keys (for a model in a shared table, their key
    /// templates; for a shared table, their attribute names).
    pub partition: Option<LitStr>,
    pub sort: Option<LitStr>,
    /// The further attributes of a multi-attribute key: `partition_key = ["a", "b"]` gives `a`
    /// as `partition` and `b` here.
    pub more_partition: Vec<LitStr>,
    pub more_sort: Vec<LitStr>,
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

impl IndexAttr {
    /// Parses the parenthesised options of one index declaration.
    pub(super) fn parse(
        cx: &Ctxt,
        meta: &ParseNestedMeta,
        kind: IndexKind,
    ) -> syn::Result<Option<Self>> {
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
            partition: None,
            sort: None,
            more_partition: Vec::new(),
            more_sort: Vec::new(),
            projection: ProjectionAttr::All,
        };
        let mut projection_given = false;
        meta.parse_nested_meta(|inner| {
            let inner = renamed_option(cx, inner);
            if inner.path == NAME {
                if let Some(name) = string_value(cx, &inner, NAME)? {
                    set_once(cx, &mut index.name, name, &inner, NAME);
                }
            } else if inner.path == PARTITION_KEY || inner.path == SORT_KEY {
                index.parse_key(cx, &inner)?;
            } else if inner.path == PROJECTION || inner.path == INCLUDE {
                index.parse_projection(cx, &inner, &mut projection_given)?;
            } else {
                unknown_option(cx, &inner, INDEX_OPTIONS, &[], "an index")?;
            }
            Ok(())
        })?;
        index.report_missing(cx, &meta.path, word);
        Ok(Some(index))
    }

    /// `partition_key = "field"` or `sort_key = "field"`, or a list of fields for a
    /// multi-attribute key.
    fn parse_key(&mut self, cx: &Ctxt, inner: &ParseNestedMeta) -> syn::Result<()> {
        let word = if inner.path == PARTITION_KEY {
            PARTITION_KEY
        } else {
            SORT_KEY
        };
        let Some(mut fields) = key_fields(cx, inner, word)? else {
            return Ok(());
        };
        let first = fields.remove(0);
        let (slot, more) = if word == PARTITION_KEY {
            (&mut self.partition, &mut self.more_partition)
        } else {
            (&mut self.sort, &mut self.more_sort)
        };
        if slot.is_some() {
            cx.error_spanned_by(&inner.path, format!("duplicate `{word}` option"));
        } else {
            *slot = Some(first);
            *more = fields;
        }
        Ok(())
    }

    /// `projection = "..."` or `include = [...]`, one of them once.
    fn parse_projection(
        &mut self,
        cx: &Ctxt,
        inner: &ParseNestedMeta,
        given: &mut bool,
    ) -> syn::Result<()> {
        let projection = if inner.path == PROJECTION {
            projection_value(cx, inner)?
        } else {
            include_value(cx, inner)?
        };
        if *given {
            cx.error_spanned_by(
                &inner.path,
                "an index has one projection: give either `projection = \"...\"` or `include = [...]`, once",
            );
        } else if let Some(projection) = projection {
            *given = true;
            self.projection = projection;
        }
        Ok(())
    }

    /// A name, a global index's partition key and a local index's sort key are required.
    fn report_missing(&self, cx: &Ctxt, word_path: &syn::Path, word: Symbol) {
        if self.name.is_none() {
            cx.error_spanned_by(
                word_path,
                format!("`{word}` needs a name: write `{word}(name = \"...\", ...)`"),
            );
        }
        if self.kind == IndexKind::Global && self.partition.is_none() {
            cx.error_spanned_by(
                word_path,
                "a global index needs a partition key: write `partition_key = \"field\"`",
            );
        }
        if self.kind == IndexKind::Local && self.sort.is_none() {
            cx.error_spanned_by(
                word_path,
                "a local index needs its own sort key: write `sort_key = \"field\"`",
            );
        }
    }

    /// A `global_index(...)` of a shared table, or of a model stored in one (`owner`): one
    /// attribute name or template per key, every attribute projected. What does not fit is
    /// reported and gives `None`.
    pub fn into_shared(self, cx: &Ctxt, owner: &str) -> Option<SharedIndexAttr> {
        if self.kind == IndexKind::Local {
            cx.error_spanned_by(
                &self.word,
                format!("{owner} declares global indexes only: a shared table's items of many kinds share its keys, so use `global_index(...)`"),
            );
            return None;
        }
        let more = self.more_partition.iter().chain(&self.more_sort).next();
        if let Some(extra) = more {
            cx.error_spanned_by(
                extra,
                format!("a global index of {owner} has one partition and one sort attribute: give one string each"),
            );
        }
        if !matches!(self.projection, ProjectionAttr::All) {
            cx.error_spanned_by(
                &self.word,
                format!("a global index of {owner} projects every attribute: remove `projection`/`include`"),
            );
        }
        Some(SharedIndexAttr {
            name: self.name?,
            partition_key: self.partition?,
            sort_key: self.sort,
        })
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
/// `partition_key = "field"`, or `partition_key = ["a", "b"]` for DynamoDB's multi-attribute keys (up to four
/// attributes, global indexes only).
fn key_fields(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<Vec<LitStr>>> {
    if !meta.input.peek(Token![=]) {
        skip_value(meta)?;
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a field: write `{word} = \"field\"`, or `{word} = [\"a\", \"b\"]` for a multi-attribute key"),
        );
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    let elems = match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => return Ok(Some(vec![lit])),
        Expr::Array(array) => array.elems,
        other => {
            cx.error_spanned_by(
                &other,
                format!(
                    "`{word}` takes a field name, or a list of up to four: `{word} = \"field\"`"
                ),
            );
            return Ok(None);
        }
    };
    let mut fields = Vec::with_capacity(elems.len());
    for elem in elems {
        match elem {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => fields.push(lit),
            other => cx.error_spanned_by(
                &other,
                format!("a field name in `{word}` is a string literal"),
            ),
        }
    }
    if fields.is_empty() {
        cx.error_spanned_by(&meta.path, format!("`{word}` needs at least one field"));
        return Ok(None);
    }
    if fields.len() > 4 {
        cx.error_spanned_by(
            &fields[4],
            format!("DynamoDB allows at most four {word} attributes in a multi-attribute key"),
        );
        fields.truncate(4);
    }
    Ok(Some(fields))
}

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
