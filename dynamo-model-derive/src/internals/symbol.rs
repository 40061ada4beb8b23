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

// Field options.
pub const HASH_KEY: Symbol = Symbol("hash_key");
pub const RANGE_KEY: Symbol = Symbol("range_key");
pub const RENAME: Symbol = Symbol("rename");
pub const SKIP: Symbol = Symbol("skip");

/// Options allowed on the struct.
pub const CONTAINER_OPTIONS: &[Symbol] = &[TABLE, CRATE, RENAME_ALL];
/// Options allowed on a field.
pub const FIELD_OPTIONS: &[Symbol] = &[HASH_KEY, RANGE_KEY, RENAME, SKIP];
/// Options allowed on an enum variant.
pub const VARIANT_OPTIONS: &[Symbol] = &[RENAME];

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
