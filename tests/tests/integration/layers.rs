//! The crates' modules form no import cycle, and the runtime's modules keep to their layers
//! (`docs/architecture.md` draws them): a lower layer never names a higher one. Read from the
//! sources: every `crate::…` path (a `use` line or a path in code, groups included, names the
//! crate root re-exports resolved to their module) and every `super::…` path, comments left out.
//!
//! A module is a top-level module or one of its children (`expr::path`), so a cycle between two
//! files of one module counts too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The runtime's layers, bottom to top. A module may name modules of its own layer or lower,
/// and the modules of one layer must not form a cycle (checked below for every crate).
const RUNTIME_LAYERS: &[(&str, &[&str])] = &[
    ("values", &["value", "json", "with", "template"]),
    ("schema", &["schema"]),
    ("expressions", &["expr"]),
    ("behaviours", &["behaviour"]),
    (
        "client",
        &["operation", "retries", "cost", "capacity", "db"],
    ),
    ("models", &["model", "entity"]),
    ("errors", &["error"]),
    ("operations", &["ops", "index", "table", "stream"]),
    ("migrations", &["migrate"]),
    ("command line", &["cli"]),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every `.rs` file below `dir`.
fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The module path of a file: `expr/path.rs` is `["expr", "path"]`, `expr/mod.rs` `["expr"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The text without comments (a `//` to the end of its line), which may name any module.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths written after each occurrence of `prefix` (`crate::` or `super::`), a group
/// (`{a::b, c}`) giving one path per member.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        paths.extend(read_path(rest, Vec::new()));
    }
    paths
}

/// The path (or, for a group, paths) at the start of `text`, after `head`.
fn read_path(text: &str, mut head: Vec<String>) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut end = group.len();
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    end = i;
                    break;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        return split_top_level(&group[..end])
            .into_iter()
            .flat_map(|member| read_path(member, head.clone()))
            .collect();
    }
    let name: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        return vec![head];
    }
    head.push(name.clone());
    match text[name.len()..].strip_prefix("::") {
        Some(more) => read_path(more, head),
        None => vec![head],
    }
}

/// The members of a group, split at the commas outside nested groups.
fn split_top_level(group: &str) -> Vec<&str> {
    let (mut members, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    members.push(&group[start..]);
    members
}

/// The names the crate root re-exports (`pub use module::{A, B}`), by the module they come from.
fn root_exports(lib: &str) -> BTreeMap<String, String> {
    let mut exports = BTreeMap::new();
    for path in paths_after(&code(lib).replace("pub use ", "pub use crate::"), "crate::") {
        if let [module, .., name] = &path[..]
            && path.len() >= 2
        {
            exports.insert(name.clone(), module.clone());
        }
    }
    exports
}

/// Each module (top-level or child) of the crate at `src` and the modules it names.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    let exports = root_exports(&lib);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(src, f))
        .filter(|m| !m.is_empty() && m != &["lib"] && m != &["main"])
        .map(|m| m[..m.len().min(2)].join("::"))
        .collect();
    // The module a path names: its longest prefix (of one or two names) that is a module.
    let resolve = |path: &[String]| -> Option<String> {
        if let Some(first) = path.first()
            && let Some(module) = exports.get(first)
            && path.len() == 1
        {
            return Some(module.clone());
        }
        (1..=path.len().min(2))
            .rev()
            .map(|k| path[..k].join("::"))
            .find(|candidate| modules.contains(candidate))
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in &files {
        let module = module_of(src, file);
        if module.is_empty() || module == ["lib"] || module == ["main"] {
            continue;
        }
        let node = module[..module.len().min(2)].join("::");
        let text = code(&std::fs::read_to_string(file).unwrap());
        let parent = &module[..module.len() - 1];
        let named = paths_after(&text, "crate::").into_iter().chain(
            paths_after(&text, "super::")
                .into_iter()
                .map(|path| [parent.to_vec(), path].concat()),
        );
        for path in named {
            if let Some(target) = resolve(&path)
                && target != node
                && !node.starts_with(&format!("{target}::"))
                && !target.starts_with(&format!("{node}::"))
            {
                graph.get_mut(&node).unwrap().insert(target);
            }
        }
    }
    graph
}

/// The sets of two or more modules that name each other, directly or through others.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reaches = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(module) = todo.pop() {
            for next in graph.get(&module).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reaches(m))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for module in graph.keys() {
        let cycle: Vec<String> = graph
            .keys()
            .filter(|other| {
                *other == module
                    || (reach[module].contains(*other) && reach[other].contains(module))
            })
            .cloned()
            .collect();
        if cycle.len() > 1 && !found.contains(&cycle) {
            found.push(cycle);
        }
    }
    found
}

#[test]
fn no_crate_has_a_module_cycle() {
    for krate in [
        "dynamo-model",
        "dynamo-model-derive",
        "dynamo-model-local",
        "dynamo-model-lambda",
    ] {
        let graph = imports(&workspace().join(krate).join("src"));
        assert!(graph.len() > 3, "{krate}: too few modules found: {graph:?}");
        let cycles = cycles(&graph);
        assert!(
            cycles.is_empty(),
            "{krate} has modules that import each other, directly or through others: {cycles:?}"
        );
    }
}

#[test]
fn the_runtime_keeps_to_its_layers() {
    let graph = imports(&workspace().join("dynamo-model").join("src"));
    let layer_of = |module: &str| {
        let top = module.split("::").next().unwrap_or(module);
        RUNTIME_LAYERS
            .iter()
            .position(|(_, modules)| modules.contains(&top))
    };
    let mut wrong = Vec::new();
    for (module, names) in &graph {
        let Some(layer) = layer_of(module) else {
            wrong.push(format!(
                "{module} is in no layer: add it to RUNTIME_LAYERS here and to docs/architecture.md"
            ));
            continue;
        };
        for name in names {
            let target = layer_of(name).unwrap_or(usize::MAX);
            if target > layer && target != usize::MAX {
                wrong.push(format!(
                    "{module} ({}) names {name} ({}), a higher layer",
                    RUNTIME_LAYERS[layer].0, RUNTIME_LAYERS[target].0
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checks_see_a_cycle_and_a_layer_broken() {
    // The reader itself: a group, a nested group, and a path in code.
    let text = "use crate::{a::{b, c}, d}; fn f() { crate::e::g(); } // crate::z";
    let paths = paths_after(&code(text), "crate::");
    assert_eq!(
        paths,
        [vec!["a", "b"], vec!["a", "c"], vec!["d"], vec!["e", "g"]]
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
        ("d".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]
    .into();
    assert_eq!(cycles(&graph), [vec!["a", "b", "c"]]);
}

/// The longest a function may be, from its `fn` line to its closing brace (rustfmt layout).
const MAX_FUNCTION_LINES: usize = 80;
/// The longest a source file may be.
const MAX_FILE_LINES: usize = 500;

/// Whether a line starts a function: `fn`, after any visibility (`pub`, `pub(crate)`,
/// `pub(in path)`) and qualifiers (`const`, `async`, `unsafe`, `extern "C"`).
fn starts_a_function(line: &str) -> bool {
    let mut in_visibility = false;
    for word in line.split_whitespace() {
        if in_visibility {
            in_visibility = !word.ends_with(')');
            continue;
        }
        match word {
            "fn" => return true,
            "pub" | "const" | "async" | "unsafe" | "extern" | "\"C\"" => {}
            _ if word.starts_with("pub(") => in_visibility = !word.ends_with(')'),
            _ => return false,
        }
    }
    false
}

/// Functions over [`MAX_FUNCTION_LINES`] and files over [`MAX_FILE_LINES`] in the crate at `src`.
fn too_long(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_FILE_LINES {
            found.push(format!("{} has {} lines", file.display(), lines.len()));
        }
        for (n, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = starts_a_function(trimmed);
            if !is_fn || line.trim_end().ends_with(';') || line.trim_end().ends_with('}') {
                continue;
            }
            // A declaration without a body (a trait's method) whose signature spans lines.
            let signature_end = lines[n..]
                .iter()
                .map(|l| l.trim_end())
                .find(|l| l.ends_with(';') || l.ends_with('{'));
            if signature_end.is_some_and(|l| l.ends_with(';')) {
                continue;
            }
            let closing = format!("{indent}}}");
            if let Some(end) = lines[n + 1..].iter().position(|l| *l == closing)
                && end + 2 > MAX_FUNCTION_LINES
            {
                found.push(format!(
                    "{}:{} is a function of {} lines",
                    file.display(),
                    n + 1,
                    end + 2
                ));
            }
        }
    }
    found
}

#[test]
fn the_length_check_sees_every_kind_of_function() {
    for line in [
        "fn f() {",
        "pub fn f() {",
        "pub(crate) fn f() {",
        "pub(super) async fn setting_changes(",
        "pub(in crate::table) const fn f() {",
        "pub const unsafe fn f() {",
        "pub(crate) unsafe extern \"C\" fn f() {",
    ] {
        assert!(starts_a_function(line), "{line}");
    }
    for line in [
        "let fn_name = 1;",
        "// fn f() {",
        "impl Fn() for X {",
        "pub struct F;",
    ] {
        assert!(!starts_a_function(line), "{line}");
    }
}

/// Units a reader can take in at once: no function over 80 lines, no file over 500, in every
/// crate of the library.
#[test]
fn no_function_or_file_is_too_long_to_read_at_once() {
    for krate in [
        "dynamo-model",
        "dynamo-model-derive",
        "dynamo-model-local",
        "dynamo-model-lambda",
    ] {
        let found = too_long(&workspace().join(krate).join("src"));
        assert!(found.is_empty(), "{krate}:\n{}", found.join("\n"));
    }
}
