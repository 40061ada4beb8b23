//! Parsing and checking: from `syn`'s syntax tree to a checked [`ast::Container`].

pub mod ast;
pub mod attr;
pub mod case;
pub mod check;
pub mod collection;
pub mod ctxt;
pub mod index;
pub mod symbol;
pub mod template;
pub mod types;
