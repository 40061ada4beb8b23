//! The words of `#[dynamo(...)]`, one constant each, so that parsing and hints agree.

use std::fmt::{self, Display};

use syn::{Ident, Path};

/// One attribute word.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Symbol(pub &'static str);

/// The attribute's own name: `#[dynamo(...)]`.
pub const DYNAMO: Symbol = Symbol("dynamo");

// Container options.
pub const TABLE: Symbol = Symbol("table");
pub const CRATE: Symbol = Symbol("crate");
pub const RENAME_ALL: Symbol = Symbol("rename_all");
pub const BOUND: Symbol = Symbol("bound");
pub const MODEL: Symbol = Symbol("model");
pub const TAG: Symbol = Symbol("tag");
pub const CONTENT: Symbol = Symbol("content");
pub const GLOBAL_INDEX: Symbol = Symbol("global_index");
pub const LOCAL_INDEX: Symbol = Symbol("local_index");
pub const HOOKS: Symbol = Symbol("hooks");
pub const ASYNC_HOOKS: Symbol = Symbol("async_hooks");
pub const TIMESTAMPS: Symbol = Symbol("timestamps");
pub const ENTITY: Symbol = Symbol("entity");
pub const SCHEMA_VERSION: Symbol = Symbol("schema_version");
pub const SCHEMA_VERSION_ATTRIBUTE: Symbol = Symbol("schema_version_attribute");
pub const OLD_SHAPES: Symbol = Symbol("old_shapes");
pub const HAS_MANY: Symbol = Symbol("has_many");
pub const KEY: Symbol = Symbol("key");
pub const INDEX: Symbol = Symbol("index");
pub const COLLECTION: Symbol = Symbol("collection");
// Options of #[derive(SharedTable)] (with `name`, `partition_key`, `sort_key`, `global_index`
// and `crate`).
pub const ENTITY_ATTRIBUTE: Symbol = Symbol("entity_attribute");
pub const ENTITIES: Symbol = Symbol("entities");
// The option of a #[derive(Collection)] variant.
pub const UNKNOWN: Symbol = Symbol("unknown");

// Index options.
pub const NAME: Symbol = Symbol("name");
pub const PROJECTION: Symbol = Symbol("projection");
pub const ALL: Symbol = Symbol("all");
pub const KEYS_ONLY: Symbol = Symbol("keys_only");
pub const INCLUDE: Symbol = Symbol("include");

// Keys: a field option (`#[dynamo(partition_key)]`), an index's key fields
// (`partition_key = "field"`), an entity's key templates and a shared table's key attributes.
pub const PARTITION_KEY: Symbol = Symbol("partition_key");
pub const SORT_KEY: Symbol = Symbol("sort_key");

// Field options.
pub const RENAME: Symbol = Symbol("rename");
pub const ALIAS: Symbol = Symbol("alias");
pub const SKIP: Symbol = Symbol("skip");
pub const WITH: Symbol = Symbol("with");
pub const SERDE: Symbol = Symbol("serde");
pub const FLATTEN: Symbol = Symbol("flatten");
pub const DEFAULT: Symbol = Symbol("default");
pub const DEFAULT_WITH: Symbol = Symbol("default_with");
pub const FORCE_DEFAULT: Symbol = Symbol("force_default");
pub const TTL: Symbol = Symbol("ttl");
pub const VERSION: Symbol = Symbol("version");
pub const COUNTER: Symbol = Symbol("counter");
pub const UNIQUE: Symbol = Symbol("unique");
pub const CREATED_AT: Symbol = Symbol("created_at");
pub const UPDATED_AT: Symbol = Symbol("updated_at");
pub const VALIDATE: Symbol = Symbol("validate");

// Validation rules, inside `validate(...)`.
pub const MIN: Symbol = Symbol("min");
pub const MAX: Symbol = Symbol("max");
pub const MIN_LENGTH: Symbol = Symbol("min_length");
pub const MAX_LENGTH: Symbol = Symbol("max_length");
pub const NON_BLANK: Symbol = Symbol("non_blank");
pub const ONE_OF: Symbol = Symbol("one_of");
pub const REGEX: Symbol = Symbol("regex");
pub const CUSTOM: Symbol = Symbol("custom");

/// Options allowed on the struct.
pub const CONTAINER_OPTIONS: &[Symbol] = &[
    TABLE,
    CRATE,
    RENAME_ALL,
    BOUND,
    TAG,
    CONTENT,
    GLOBAL_INDEX,
    LOCAL_INDEX,
    MODEL,
    HOOKS,
    ASYNC_HOOKS,
    TIMESTAMPS,
    ENTITY,
    PARTITION_KEY,
    SORT_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSION_ATTRIBUTE,
    OLD_SHAPES,
    HAS_MANY,
];

/// Options allowed on a `#[derive(SharedTable)]` struct.
pub const SHARED_TABLE_OPTIONS: &[Symbol] = &[
    NAME,
    PARTITION_KEY,
    SORT_KEY,
    ENTITY_ATTRIBUTE,
    GLOBAL_INDEX,
    ENTITIES,
    CRATE,
];

/// Options allowed on a field.
pub const FIELD_OPTIONS: &[Symbol] = &[
    PARTITION_KEY,
    SORT_KEY,
    RENAME,
    ALIAS,
    SKIP,
    WITH,
    SERDE,
    FLATTEN,
    DEFAULT,
    DEFAULT_WITH,
    FORCE_DEFAULT,
    TTL,
    VERSION,
    COUNTER,
    UNIQUE,
    CREATED_AT,
    UPDATED_AT,
    VALIDATE,
];
/// The rules inside `validate(...)`.
pub const RULES: &[Symbol] = &[
    MIN, MAX, MIN_LENGTH, MAX_LENGTH, NON_BLANK, ONE_OF, REGEX, CUSTOM,
];
/// Options allowed on an enum variant.
pub const VARIANT_OPTIONS: &[Symbol] = &[RENAME];
/// Options inside `global_index(...)` and `local_index(...)`, on a model, a shared table or a
/// model stored in one.
pub const INDEX_OPTIONS: &[Symbol] = &[NAME, PARTITION_KEY, SORT_KEY, PROJECTION, INCLUDE];
/// Options allowed on a variant of a `#[derive(Collection)]` enum.
pub const COLLECTION_VARIANT_OPTIONS: &[Symbol] = &[UNKNOWN];

/// Spellings of earlier versions, each with the word that replaced it: the library says
/// partition key and sort key everywhere, and `global_index` for every global index.
pub const RETIRED: &[(&str, Symbol)] = &[
    ("hash_key", PARTITION_KEY),
    ("range_key", SORT_KEY),
    ("hash", PARTITION_KEY),
    ("range", SORT_KEY),
    ("pk", PARTITION_KEY),
    ("sk", SORT_KEY),
    ("gsi", GLOBAL_INDEX),
    ("index", GLOBAL_INDEX),
];

/// The word that replaced `word`, if `word` is a retired spelling, with why.
pub fn renamed(word: &str) -> Option<(Symbol, &'static str)> {
    let (_, new) = RETIRED.iter().find(|(old, _)| *old == word)?;
    let why = if *new == GLOBAL_INDEX {
        "one name for every global index"
    } else {
        "keys are partition key and sort key everywhere"
    };
    Some((*new, why))
}
/// The values of an index's `projection = "..."`.
pub const PROJECTIONS: &[Symbol] = &[ALL, KEYS_ONLY];

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every option the parsers accept is in the guide's list of options: a new option cannot
    /// land undocumented.
    #[test]
    fn the_guide_lists_every_option_the_parsers_accept() {
        let guide = include_str!("../../../docs/schema-errors.md");
        let lists: [(&str, &[Symbol]); 8] = [
            ("struct", CONTAINER_OPTIONS),
            ("shared table", SHARED_TABLE_OPTIONS),
            ("field", FIELD_OPTIONS),
            ("validation rule", RULES),
            ("variant", VARIANT_OPTIONS),
            ("index", INDEX_OPTIONS),
            ("projection", PROJECTIONS),
            ("collection", COLLECTION_VARIANT_OPTIONS),
        ];
        let missing: Vec<String> = lists
            .iter()
            .flat_map(|(list, symbols)| {
                symbols
                    .iter()
                    .filter(|symbol| !guide.contains(&format!("`{}", symbol.0)))
                    .map(move |symbol| format!("{} ({list})", symbol.0))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "docs/schema-errors.md does not list these options: {missing:?}"
        );
    }
}
