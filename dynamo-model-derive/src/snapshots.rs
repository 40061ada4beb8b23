//! Expansion snapshots: what the derives generate for a few representative models, kept in
//! `snapshots/` beside the models they came from, so that a change in generated code shows in
//! review as a diff of readable Rust.
//!
//! Each `snapshots/<name>.rs` holds models as a user writes them; `<name>.expanded.rs` holds
//! what every dynamo-model derive on them expands to, formatted by prettyplease. When a change
//! to the derive is meant, read the test's diff, then write the new expansions with
//! `DYNAMO_MODEL_EXPANSIONS=overwrite cargo test -p dynamo-model-derive snapshots` and commit them.

use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use syn::{Attribute, DeriveInput, Item};

use crate::expand;
use crate::internals::ast::Derive;

/// The environment variable that writes the expansions instead of comparing them.
const OVERWRITE: &str = "DYNAMO_MODEL_EXPANSIONS";

/// What the dynamo-model derives named in `item`'s `#[derive(...)]` generate for it, in the
/// order they are named. Other derives (`Debug`, `Clone`) are left to the compiler.
fn expand_item(item: &DeriveInput) -> TokenStream {
    let mut out = TokenStream::new();
    for name in derive_names(&item.attrs) {
        out.extend(match name.as_str() {
            "Model" => expand::derive(item, Derive::Model),
            "Attribute" => expand::derive(item, Derive::Attribute),
            "Projection" => expand::derive(item, Derive::Projection),
            "SharedTable" => expand::shared_table::derive(item),
            "Collection" => expand::collection::derive(item),
            _ => TokenStream::new(),
        });
    }
    out
}

/// The last segment of each path in the `#[derive(...)]` attributes.
fn derive_names(attrs: &[Attribute]) -> Vec<String> {
    let mut names = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                names.push(last.ident.to_string());
            }
            Ok(())
        });
        assert!(parsed.is_ok(), "unreadable derive attribute: {parsed:?}");
    }
    names
}

/// The formatted expansion of every struct and enum in `source`.
fn expand_source(path: &Path, source: &str) -> String {
    let file = syn::parse_file(source)
        .unwrap_or_else(|e| panic!("{} is not valid Rust: {e}", path.display()));
    let mut out = TokenStream::new();
    for item in file.items {
        let input: DeriveInput = match item {
            Item::Struct(item) => item.into(),
            Item::Enum(item) => item.into(),
            _ => continue,
        };
        out.extend(expand_item(&input));
    }
    let expanded = syn::parse2::<syn::File>(out)
        .unwrap_or_else(|e| panic!("the expansion of {} does not parse: {e}", path.display()));
    prettyplease::unparse(&expanded)
}

/// The first line where `found` differs from `expected`, with a few lines of each around it.
fn first_difference(expected: &str, found: &str) -> String {
    let (old, new): (Vec<_>, Vec<_>) = (expected.lines().collect(), found.lines().collect());
    let at = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let window = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(at.saturating_sub(2))
            .take(6)
            .map(|(n, line)| format!("{:>6} | {line}", n + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}\n--- snapshot\n{}\n+++ now\n{}",
        at + 1,
        window(&old),
        window(&new)
    )
}

/// The models in `snapshots/` (every `.rs` file that is not an expansion) and the expansions
/// (`.expanded.rs`), each sorted.
fn files() -> (Vec<PathBuf>, Vec<PathBuf>) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let (mut expansions, mut models): (Vec<PathBuf>, Vec<PathBuf>) = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".rs"))
        .partition(|path| path.to_string_lossy().ends_with(".expanded.rs"));
    models.sort();
    expansions.sort();
    (models, expansions)
}

/// Where the expansion of `model` is kept: `<name>.expanded.rs` beside `<name>.rs`.
fn expansion_of(model: &Path) -> PathBuf {
    model.with_extension("expanded.rs")
}

/// Generated doc comments that start without a space (`///The path`), which every generated
/// doc string must to read as written by hand: one line of `found` each.
fn unspaced_docs(model: &Path, found: &str) -> Vec<String> {
    found
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.trim_start()
                .strip_prefix("///")
                .is_some_and(|rest| !rest.is_empty() && !rest.starts_with([' ', '/']))
        })
        .map(|(n, line)| {
            format!(
                "{} (expansion line {}): a generated doc string starts without a space: {}",
                model.display(),
                n + 1,
                line.trim()
            )
        })
        .collect()
}

#[test]
fn each_model_expands_as_its_snapshot_shows() {
    let overwrite = std::env::var(OVERWRITE).is_ok_and(|v| v == "overwrite");
    let (models, expansions) = files();
    assert!(models.len() >= 4, "the snapshots folder lost its models");
    // An expansion whose model was removed would otherwise be kept and never checked.
    let snapshots: Vec<PathBuf> = models.iter().map(|model| expansion_of(model)).collect();
    let mut stale: Vec<String> = expansions
        .iter()
        .filter(|expansion| !snapshots.contains(expansion))
        .map(|orphan| format!("{}: no model beside it; remove it", orphan.display()))
        .collect();
    for (model, snapshot) in models.iter().zip(&snapshots) {
        let source = fs::read_to_string(model).unwrap_or_else(|e| panic!("{e}"));
        let now = expand_source(model, &source);
        stale.extend(unspaced_docs(model, &now));
        if overwrite {
            fs::write(snapshot, &now).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        match fs::read_to_string(snapshot) {
            Ok(expected) if expected == now => {}
            Ok(expected) => stale.push(format!(
                "{}: {}",
                snapshot.display(),
                first_difference(&expected, &now)
            )),
            Err(e) => stale.push(format!("{}: {e}", snapshot.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "the derives' output changed:\n\n{}\n\nIf the change is meant, run \
         `{OVERWRITE}=overwrite cargo test -p dynamo-model-derive snapshots`, read `git diff`, and commit \
         the snapshots.",
        stale.join("\n\n")
    );
}

#[test]
fn a_doc_string_without_its_leading_space_is_named() {
    let found = "/// The path.\n///\npub struct A;\n///The path.\n//// not a doc\n";
    let named = unspaced_docs(Path::new("m.rs"), found);
    assert_eq!(
        named,
        ["m.rs (expansion line 4): a generated doc string starts without a space: ///The path."]
    );
}

#[test]
fn the_difference_names_the_first_line_that_changed() {
    let shown = first_difference("a\nb\nc\n", "a\nB\nc\n");
    assert!(shown.starts_with("first difference at line 2"), "{shown}");
    assert!(
        shown.contains("     2 | b") && shown.contains("     2 | B"),
        "{shown}"
    );
    // A snapshot that only grew differs where the shorter one ends.
    let shown = first_difference("a\n", "a\nb\n");
    assert!(shown.starts_with("first difference at line 2"), "{shown}");
}
