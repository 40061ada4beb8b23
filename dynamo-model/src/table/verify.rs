//! `verify`: a live table compared with the model, the differences returned as data.

use crate::operation::Operation;
use aws_sdk_dynamodb::types::{
    KeySchemaElement, KeyType as KeyRole, ProjectionType, ScalarAttributeType, TableDescription,
    TimeToLiveStatus,
};

use super::{Spec, Table};
use crate::db::Db;
use crate::error::Error;
use crate::error::Watched;
use crate::model::Model;
use crate::schema::{IndexAttributes, IndexKind, KeyAttribute};

/// One way a live table differs from its model. [`Table::verify`] lists them; an empty list
/// means the table serves the model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Difference {
    /// There is no table of that name.
    MissingTable {
        /// The table name.
        table: String,
    },
    /// A key of the table (or of an index) is another attribute, has another type, or is
    /// missing or unexpected.
    Key {
        /// `None` for the table, else the index.
        index: Option<String>,
        /// `"partition"` or `"sort"`.
        role: &'static str,
        /// What the model declares: attribute name and type (`S`, `N`, `B`).
        expected: Option<(String, String)>,
        /// What the table has.
        found: Option<(String, String)>,
    },
    /// An index the model declares is not on the table.
    MissingIndex {
        /// The index name.
        index: String,
    },
    /// An index is global in one and local in the other.
    IndexKind {
        /// The index name.
        index: String,
        /// What the model declares.
        expected: IndexKind,
    },
    /// An index projects other attributes than the model declares.
    Projection {
        /// The index name.
        index: String,
        /// What the model declares.
        expected: String,
        /// What the table has.
        found: String,
    },
    /// The table has an index the model does not declare (harmless for reads and writes, but
    /// worth knowing).
    UnexpectedIndex {
        /// The index name.
        index: String,
    },
    /// Time to live is on another attribute than expected, or off.
    Ttl {
        /// The attribute the table was expected to expire items by.
        expected: Option<String>,
        /// The attribute it does, if any.
        found: Option<String>,
    },
}

/// The TTL attribute of a live table, if TTL is enabled (or being enabled).
pub(super) async fn live_ttl(db: &Db, table: &str) -> Result<Option<String>, Error> {
    let output = db
        .client()
        .describe_time_to_live()
        .table_name(table)
        .send()
        .watched(Operation::DescribeTimeToLive, table)
        .await?;
    Ok(output.time_to_live_description.and_then(|d| {
        let on = matches!(
            d.time_to_live_status,
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
        );
        d.attribute_name.filter(|_| on)
    }))
}

fn scalar_name(scalar: &ScalarAttributeType) -> String {
    scalar.as_str().to_owned()
}

/// `(name, type)` of each key with `role` in `keys`, in key order, typed from the table's
/// attribute definitions (several for a multi-attribute index key).
fn live_keys(
    table: &TableDescription,
    keys: &[KeySchemaElement],
    role: KeyRole,
) -> Vec<(String, String)> {
    keys.iter()
        .filter(|k| *k.key_type() == role)
        .map(|k| {
            let name = k.attribute_name().to_owned();
            let kind = table
                .attribute_definitions()
                .iter()
                .find(|d| d.attribute_name() == name)
                .map(|d| scalar_name(d.attribute_type()))
                .unwrap_or_default();
            (name, kind)
        })
        .collect()
}

fn compare_keys(
    differences: &mut Vec<Difference>,
    index: Option<&str>,
    table: &TableDescription,
    live: &[KeySchemaElement],
    hash: impl Iterator<Item = KeyAttribute>,
    range: impl Iterator<Item = KeyAttribute>,
) {
    let declared = |keys: &mut dyn Iterator<Item = KeyAttribute>| -> Vec<(String, String)> {
        keys.map(|k| (k.name.to_owned(), scalar_name(&k.scalar.into())))
            .collect()
    };
    let (mut hash, mut range) = (hash, range);
    for (role, kind, expected) in [
        ("partition", KeyRole::Hash, declared(&mut hash)),
        ("sort", KeyRole::Range, declared(&mut range)),
    ] {
        let found = live_keys(table, live, kind);
        // Position by position: one difference per attribute of a multi-attribute key.
        for at in 0..expected.len().max(found.len()).max(1) {
            let (expected, found) = (expected.get(at).cloned(), found.get(at).cloned());
            if found != expected {
                differences.push(Difference::Key {
                    index: index.map(str::to_owned),
                    role,
                    expected,
                    found,
                });
            }
        }
    }
}

fn projection_text(projection: IndexAttributes) -> String {
    match projection {
        IndexAttributes::All => "ALL".to_owned(),
        IndexAttributes::KeysOnly => "KEYS_ONLY".to_owned(),
        IndexAttributes::Include(names) => {
            let mut names = names.to_vec();
            names.sort_unstable();
            format!("INCLUDE {}", names.join(", "))
        }
    }
}

fn live_projection(projection: Option<&aws_sdk_dynamodb::types::Projection>) -> String {
    let Some(projection) = projection else {
        return String::new();
    };
    match projection.projection_type() {
        Some(ProjectionType::Include) => {
            let mut names: Vec<&str> = projection
                .non_key_attributes()
                .iter()
                .map(String::as_str)
                .collect();
            names.sort_unstable();
            format!("INCLUDE {}", names.join(", "))
        }
        Some(other) => other.as_str().to_owned(),
        None => String::new(),
    }
}

impl<M: Model> Table<M> {
    /// Compares the live table with the model: keys and their types, every declared index
    /// (kind, keys, projection), indexes the model does not declare, and the TTL attribute set
    /// with [`ttl`](Table::ttl). For a start-up check where the table is made by infrastructure
    /// code:
    ///
    /// ```no_run
    /// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
    /// # #[derive(dynamo_model::Model)] struct Cat { #[dynamo(partition_key)] id: String }
    /// use dynamo_model::{Model, ModelExt};
    /// let differences = Cat::table().verify(db).await?;
    /// if !differences.is_empty() {
    ///     panic!("the cats table does not match the model: {differences:?}");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn verify<'a>(&'a self, db: &'a Db) -> crate::error::OpFuture<'a, Vec<Difference>> {
        Box::pin(self.spec().verify(db))
    }
}

impl Spec<'_> {
    pub(super) async fn verify(self, db: &Db) -> Result<Vec<Difference>, Error> {
        let name = db.table_name(self.schema.table);
        let Some(table) = self.describe(db).await? else {
            return Ok(vec![Difference::MissingTable { table: name }]);
        };
        let schema = self.schema;
        let mut differences = Vec::new();
        compare_keys(
            &mut differences,
            None,
            &table,
            table.key_schema(),
            std::iter::once(schema.partition_key),
            schema.sort_key.into_iter(),
        );

        let globals = table.global_secondary_indexes();
        let locals = table.local_secondary_indexes();
        for index in schema.indexes {
            let global = globals.iter().find(|g| g.index_name() == Some(index.name));
            let local = locals.iter().find(|l| l.index_name() == Some(index.name));
            let (kind, keys, projection) = match (global, local) {
                (Some(g), _) => (IndexKind::Global, g.key_schema(), g.projection()),
                (_, Some(l)) => (IndexKind::Local, l.key_schema(), l.projection()),
                (None, None) => {
                    differences.push(Difference::MissingIndex {
                        index: index.name.to_owned(),
                    });
                    continue;
                }
            };
            if kind != index.kind {
                differences.push(Difference::IndexKind {
                    index: index.name.to_owned(),
                    expected: index.kind,
                });
            }
            compare_keys(
                &mut differences,
                Some(index.name),
                &table,
                keys,
                index.partition_keys(),
                index.sort_keys(),
            );
            let (expected, found) = (
                projection_text(index.attributes),
                live_projection(projection),
            );
            if expected != found {
                differences.push(Difference::Projection {
                    index: index.name.to_owned(),
                    expected,
                    found,
                });
            }
        }
        let live_names = globals
            .iter()
            .filter_map(|g| g.index_name())
            .chain(locals.iter().filter_map(|l| l.index_name()));
        for live in live_names {
            if !schema.indexes.iter().any(|i| i.name == live) {
                differences.push(Difference::UnexpectedIndex {
                    index: live.to_owned(),
                });
            }
        }

        let found = live_ttl(db, &name).await?;
        let expected = self.ttl_attribute();
        if found != expected {
            differences.push(Difference::Ttl { expected, found });
        }
        Ok(differences)
    }
}
