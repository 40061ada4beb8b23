//! Projections (ProjectionExpression): which attributes a read returns.

use super::path::{AttributePath, RawPath};
use super::placeholder::Placeholders;

/// A list of attribute paths to read, built from typed paths.
///
/// ```
/// use dynamo_model::expr::{Placeholders, ProjectionExpression};
/// use dynamo_model::Model;
///
/// #[derive(Model)]
/// struct Cat {
///     #[dynamo(partition_key)]
///     id: String,
///     name: String,
///     lives: u8,
/// }
///
/// let f = Cat::fields();
/// let projection = ProjectionExpression::new().path(&f.name).path(&f.lives);
/// assert_eq!(projection.render(&mut Placeholders::new()), "#n0, #n1");
/// ```
#[derive(Debug, Clone, Default)]
pub struct ProjectionExpression {
    paths: Vec<RawPath>,
}

impl ProjectionExpression {
    /// No paths yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a path.
    pub fn path(mut self, path: impl AttributePath) -> Self {
        self.paths.push(path.path().raw().clone());
        self
    }

    /// Adds a path by its untyped form.
    pub fn raw(mut self, path: RawPath) -> Self {
        self.paths.push(path);
        self
    }

    /// Adds the top-level attribute `name` unless the projection already reads it: what a read
    /// needs for itself (a TTL to check, the key to match an item to), and DynamoDB refuses a
    /// projection that names one path twice.
    pub(crate) fn with_attribute(mut self, name: &'static str) -> Self {
        let path = RawPath::attribute(name);
        if !self.paths.contains(&path) {
            self.paths.push(path);
        }
        self
    }

    /// The paths of top-level attributes, by stored name.
    pub fn attributes(names: &[&'static str]) -> Self {
        ProjectionExpression {
            paths: names.iter().map(|name| RawPath::attribute(*name)).collect(),
        }
    }

    /// Whether no path was added.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Renders the projection into the placeholders of a request.
    pub fn render(&self, placeholders: &mut Placeholders) -> String {
        let mut out = String::new();
        for (i, path) in self.paths.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            placeholders.path(path, &mut out);
        }
        out
    }
}
