//! Schema snapshots: a small JSON file of what a model stores (its table, keys, indexes, fields
//! and their types, schema version), committed beside the code, and a check that fails when the
//! model changed in a way that breaks reading the items already stored, without a new schema
//! version. One line in a test suite:
//!
//! ```no_run
//! # use dynamo_model::prelude::*;
//! # #[derive(Model)] struct Order { #[dynamo(partition_key)] id: String }
//! #[test]
//! fn stored_orders_stay_readable() {
//!     dynamo_model::schema::assert_compatible(&Order::SCHEMA, "schema/order.json");
//! }
//! ```

use std::fmt;
use std::path::Path;

use serde_json::{Value, json};

use super::{FieldSchema, Schema};

/// The environment variable that accepts breaking changes into the snapshot (`update`), once
/// a migration or an old shape takes care of the stored items.
pub const UPDATE_VARIABLE: &str = "DYNAMO_MODEL_SNAPSHOTS";

/// What a model stores, as a schema snapshot records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The model's Rust type name.
    pub model: String,
    /// Its table, before any prefix.
    pub table: String,
    /// Its schema version (1 without `schema_version`).
    pub schema_version: u32,
    /// The partition key: its attribute and type, or its attribute and template.
    pub partition_key: String,
    /// The sort key, likewise.
    pub sort_key: Option<String>,
    /// Each secondary index by name, with its keys.
    pub indexes: Vec<(String, String)>,
    /// Each stored field.
    pub fields: Vec<SnapshotField>,
}

/// One stored field in a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotField {
    /// Its attribute name.
    pub name: String,
    /// Its Rust type as written.
    pub rust_type: String,
    /// Whether every item must hold it.
    pub required: bool,
    /// Earlier names it is read under.
    pub aliases: Vec<String>,
}

/// One difference between a snapshot and the model as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A field is new; `required`: items stored before it do not hold it and cannot be read.
    FieldAdded {
        /// Its attribute.
        field: String,
        /// Whether every item must hold it.
        required: bool,
    },
    /// A field is gone; `required`: code of the previous version, still running during a deploy,
    /// cannot read items written without it.
    FieldRemoved {
        /// Its attribute.
        field: String,
        /// Whether it was required.
        required: bool,
    },
    /// A field holds another type: items stored before hold the old one.
    TypeChanged {
        /// Its attribute.
        field: String,
        /// The type before.
        from: String,
        /// The type now.
        to: String,
    },
    /// A field that could be absent must now be present.
    BecameRequired {
        /// Its attribute.
        field: String,
    },
    /// The table, a key attribute or a key template changed: stored items are not where the
    /// model looks for them.
    KeyChanged {
        /// What changed: `table`, `partition key` or `sort key`.
        what: &'static str,
        /// Before.
        from: String,
        /// Now.
        to: String,
    },
    /// An index's keys changed: stored items hold the old index key attributes.
    IndexChanged {
        /// The index.
        index: String,
        /// Its keys before (empty: it is new).
        from: String,
        /// Its keys now (empty: it is gone).
        to: String,
    },
}

impl Change {
    /// Whether the change breaks reading the items already stored (or, for a removed required
    /// field, reading new items by the code still running).
    pub fn is_breaking(&self) -> bool {
        match self {
            Change::FieldAdded { required, .. } | Change::FieldRemoved { required, .. } => {
                *required
            }
            Change::TypeChanged { .. } | Change::BecameRequired { .. } => true,
            Change::KeyChanged { .. } => true,
            Change::IndexChanged { from, to, .. } => !from.is_empty() && !to.is_empty(),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::FieldAdded {
                field,
                required: true,
            } => write!(
                f,
                "`{field}` is a new required field: items stored before do not hold it (give it a default, make it an Option, or bump schema_version)"
            ),
            Change::FieldAdded { field, .. } => write!(f, "`{field}` is a new optional field"),
            Change::FieldRemoved {
                field,
                required: true,
            } => write!(
                f,
                "the required field `{field}` is gone: code of the previous version cannot read items written without it (make it an Option first, read it under an alias, or bump schema_version)"
            ),
            Change::FieldRemoved { field, .. } => write!(f, "the optional field `{field}` is gone"),
            Change::TypeChanged { field, from, to } => write!(
                f,
                "`{field}` changed from `{from}` to `{to}`: items stored before hold a `{from}` (bump schema_version with an old shape that reads it)"
            ),
            Change::BecameRequired { field } => write!(
                f,
                "`{field}` is required now: items stored without it cannot be read (give it a default, or bump schema_version)"
            ),
            Change::KeyChanged { what, from, to } => write!(
                f,
                "the {what} changed from `{from}` to `{to}`: stored items are not where the model looks (bump schema_version with an old shape, and migrate with `Migration::upgrade`, which moves them)"
            ),
            Change::IndexChanged { index, from, to } if from.is_empty() => {
                write!(f, "the index `{index}` is new ({to})")
            }
            Change::IndexChanged { index, to, .. } if to.is_empty() => {
                write!(f, "the index `{index}` is gone")
            }
            Change::IndexChanged { index, from, to } => write!(
                f,
                "the index `{index}` changed from `{from}` to `{to}`: stored items hold the old key attributes (migrate with `Migration::rewrite`)"
            ),
        }
    }
}

impl Snapshot {
    /// The snapshot of a model's schema: `Snapshot::of(&Order::SCHEMA)`.
    pub fn of(schema: &Schema) -> Self {
        let key = |name: &str, scalar: &str, template: Option<&str>| match template {
            Some(template) => format!("{name} = {template}"),
            None => format!("{name} ({scalar})"),
        };
        let entity = schema.entity;
        let partition_key = key(
            schema.partition_key.name,
            schema.partition_key.scalar.as_str(),
            entity.map(|e| e.partition_template),
        );
        let sort_key = schema.sort_key.map(|sort| {
            key(
                sort.name,
                sort.scalar.as_str(),
                entity.and_then(|e| e.sort_template),
            )
        });
        let indexes = schema
            .indexes
            .iter()
            .map(|index| {
                let keys = std::iter::once(&index.partition_key)
                    .chain(index.more_partition_keys)
                    .chain(index.sort_key.iter())
                    .chain(index.more_sort_keys)
                    .map(|k| format!("{} ({})", k.name, k.scalar.as_str()))
                    .collect::<Vec<_>>();
                (index.name.to_owned(), keys.join(", "))
            })
            .collect();
        Snapshot {
            model: schema.name.to_owned(),
            table: schema.table.to_owned(),
            schema_version: schema.schema_version.map_or(1, |v| v.current),
            partition_key,
            sort_key,
            indexes,
            fields: schema.fields.iter().map(SnapshotField::of).collect(),
        }
    }

    /// The snapshot as the JSON file holds it, pretty-printed.
    pub fn to_json(&self) -> String {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                json!({
                    "name": f.name,
                    "type": f.rust_type,
                    "required": f.required,
                    "aliases": f.aliases,
                })
            })
            .collect();
        let indexes: Vec<Value> = self
            .indexes
            .iter()
            .map(|(name, keys)| json!({ "name": name, "keys": keys }))
            .collect();
        let value = json!({
            "model": self.model,
            "table": self.table,
            "schema_version": self.schema_version,
            "partition_key": self.partition_key,
            "sort_key": self.sort_key,
            "indexes": indexes,
            "fields": fields,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a snapshot file's JSON.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let text_of = |v: &Value, name: &str| -> Result<String, String> {
            v[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("`{name}` is missing or not a string"))
        };
        let list = |name: &str| value[name].as_array().cloned().unwrap_or_default();
        let mut fields = Vec::new();
        for field in list("fields") {
            fields.push(SnapshotField {
                name: text_of(&field, "name")?,
                rust_type: text_of(&field, "type")?,
                required: field["required"].as_bool().unwrap_or(true),
                aliases: field["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str().map(str::to_owned))
                    .collect(),
            });
        }
        let mut indexes = Vec::new();
        for index in list("indexes") {
            indexes.push((text_of(&index, "name")?, text_of(&index, "keys")?));
        }
        Ok(Snapshot {
            model: text_of(&value, "model")?,
            table: text_of(&value, "table")?,
            schema_version: value["schema_version"]
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(1),
            partition_key: text_of(&value, "partition_key")?,
            sort_key: value["sort_key"].as_str().map(str::to_owned),
            indexes,
            fields,
        })
    }

    /// What changed from this snapshot to `now`.
    pub fn changes(&self, now: &Snapshot) -> Vec<Change> {
        let mut changes = Vec::new();
        let keys = [
            ("table", Some(&self.table), Some(&now.table)),
            (
                "partition key",
                Some(&self.partition_key),
                Some(&now.partition_key),
            ),
            ("sort key", self.sort_key.as_ref(), now.sort_key.as_ref()),
        ];
        for (what, from, to) in keys {
            if from != to {
                changes.push(Change::KeyChanged {
                    what,
                    from: from.cloned().unwrap_or_default(),
                    to: to.cloned().unwrap_or_default(),
                });
            }
        }
        self.field_changes(now, &mut changes);
        let keys_of = |snapshot: &Snapshot, name: &str| {
            snapshot
                .indexes
                .iter()
                .find(|(index, _)| index == name)
                .map(|(_, keys)| keys.clone())
                .unwrap_or_default()
        };
        let mut names: Vec<&String> = self
            .indexes
            .iter()
            .chain(&now.indexes)
            .map(|i| &i.0)
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            let (from, to) = (keys_of(self, name), keys_of(now, name));
            if from != to {
                changes.push(Change::IndexChanged {
                    index: name.clone(),
                    from,
                    to,
                });
            }
        }
        changes
    }

    fn field_changes(&self, now: &Snapshot, changes: &mut Vec<Change>) {
        for before in &self.fields {
            let renamed = now.fields.iter().any(|f| f.aliases.contains(&before.name));
            match now.fields.iter().find(|f| f.name == before.name) {
                None if renamed => {}
                None => changes.push(Change::FieldRemoved {
                    field: before.name.clone(),
                    required: before.required,
                }),
                Some(after) if !reads_old(&before.rust_type, &after.rust_type) => {
                    changes.push(Change::TypeChanged {
                        field: before.name.clone(),
                        from: before.rust_type.clone(),
                        to: after.rust_type.clone(),
                    });
                }
                Some(after) if after.required && !before.required => {
                    changes.push(Change::BecameRequired {
                        field: after.name.clone(),
                    });
                }
                Some(_) => {}
            }
        }
        for after in &now.fields {
            let known = self
                .fields
                .iter()
                .any(|f| f.name == after.name || after.aliases.contains(&f.name));
            if !known {
                changes.push(Change::FieldAdded {
                    field: after.name.clone(),
                    required: after.required,
                });
            }
        }
    }
}

/// Whether a field of type `to` reads what a field of type `from` stored: the same type, the
/// type made an `Option`, or a wider integer.
fn reads_old(from: &str, to: &str) -> bool {
    const WIDENING: &[&str] = &["u8", "u16", "u32", "u64", "u128"];
    const SIGNED: &[&str] = &["i8", "i16", "i32", "i64", "i128"];
    let rank = |ty: &str, list: &[&str]| list.iter().position(|t| *t == ty);
    let widens = |from: &str, to: &str| {
        from == to
            || matches!((rank(from, WIDENING), rank(to, WIDENING)), (Some(a), Some(b)) if a <= b)
            || matches!((rank(from, SIGNED), rank(to, SIGNED)), (Some(a), Some(b)) if a <= b)
            // An unsigned integer fits a signed one of twice its width.
            || matches!((rank(from, WIDENING), rank(to, SIGNED)), (Some(a), Some(b)) if a < b)
    };
    let inner = |ty: &str| {
        ty.strip_prefix("Option<")
            .and_then(|rest| rest.strip_suffix('>'))
            .map(str::to_owned)
    };
    match (inner(from), inner(to)) {
        (Some(from), Some(to)) => widens(&from, &to),
        (None, Some(to)) => widens(from, &to),
        (Some(_), None) => false,
        (None, None) => widens(from, to),
    }
}

impl SnapshotField {
    fn of(field: &FieldSchema) -> Self {
        SnapshotField {
            name: field.name.to_owned(),
            rust_type: field.rust_type.to_owned(),
            required: field.required,
            aliases: field.aliases.iter().map(|a| (*a).to_owned()).collect(),
        }
    }
}

/// Checks a model's schema (`&Order::SCHEMA`) against the schema snapshot at `path` (relative to the crate's directory
/// when a test runs), and panics, naming each change and what to do, when the model changed in a way
/// that breaks reading the items already stored without a new schema version. Otherwise the
/// snapshot is written afresh: created when missing, updated for harmless changes and after a
/// version bump. Set [`UPDATE_VARIABLE`] to `update` to accept breaking changes that a migration
/// takes care of.
pub fn assert_compatible(schema: &Schema, path: impl AsRef<Path>) {
    let path = path.as_ref();
    let now = Snapshot::of(schema);
    if let Err(problem) = check(path, &now) {
        panic!("{problem}");
    }
}

fn check(path: &Path, now: &Snapshot) -> Result<(), String> {
    let write = |why: &str| -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, now.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("schema snapshot {} {why}", path.display());
        Ok(())
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return write("written"),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let before = Snapshot::from_json(&text)
        .map_err(|e| format!("{} is not a schema snapshot: {e}", path.display()))?;
    let changes = before.changes(now);
    if changes.is_empty() {
        return Ok(());
    }
    let bumped = now.schema_version > before.schema_version;
    let accepted = std::env::var(UPDATE_VARIABLE).is_ok_and(|v| v == "update");
    let breaking: Vec<String> = changes
        .iter()
        .filter(|c| c.is_breaking())
        .map(|c| format!("  - {c}"))
        .collect();
    if breaking.is_empty() || bumped || accepted {
        return write("updated");
    }
    Err(format!(
        "`{}` changed in ways that break reading the items already stored (snapshot {}):\n{}\nbump `schema_version` with the earlier shape in `old_shapes(...)`, or migrate the items and run the tests once with {UPDATE_VARIABLE}=update to accept the change",
        now.model,
        path.display(),
        breaking.join("\n")
    ))
}
