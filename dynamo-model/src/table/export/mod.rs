//! Tables as code: a model's table (or a shared table, through any model stored in it) as the
//! infrastructure tools describe it: a CloudFormation `AWS::DynamoDB::Table` resource (JSON or
//! YAML, alone or as a whole template) and a Terraform `aws_dynamodb_table` resource (Terraform
//! JSON, which Terraform reads as it reads HCL). Everything `Table::create` would make is in
//! it: keys with exactly the attribute definitions they need, indexes with their projections,
//! TTL, streams, billing, table class, deletion protection and tags.

mod cloudformation;
mod terraform;
mod yaml;

use crate::schema::{IndexAttributes, IndexKind, IndexSchema, KeyAttribute, Schema};

pub use cloudformation::cloudformation_template;
pub use terraform::TerraformError;
pub use yaml::to_yaml;

/// A table as infrastructure code declares it, from [`Table::definition`](super::Table::definition).
///
/// ```
/// use dynamo_model::prelude::*;
///
/// #[derive(Model)]
/// #[dynamo(table = "orders", global_index(name = "by_status", partition_key = "status"))]
/// struct Order {
///     #[dynamo(partition_key)]
///     id: String,
///     status: String,
/// }
///
/// let table = Order::table().definition();
/// let resource = table.cloudformation();
/// assert_eq!(resource["Type"], "AWS::DynamoDB::Table");
/// assert_eq!(resource["Properties"]["TableName"], "orders");
/// let terraform = table.terraform("orders")?;
/// assert_eq!(terraform["resource"]["aws_dynamodb_table"]["orders"]["hash_key"], "id");
/// # Ok::<(), dynamo_model::table::TerraformError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TableDefinition {
    pub(super) name: String,
    pub(super) partition_key: KeyAttribute,
    pub(super) sort_key: Option<KeyAttribute>,
    pub(super) indexes: Vec<IndexSchema>,
    /// Read and write capacity units; on-demand billing when `None`.
    pub(super) provisioned: Option<(i64, i64)>,
    pub(super) ttl: Option<String>,
    /// The stream view type (`NEW_AND_OLD_IMAGES`, ...), when the table has a stream.
    pub(super) stream: Option<String>,
    pub(super) class: Option<String>,
    pub(super) deletion_protection: bool,
    pub(super) point_in_time_recovery: bool,
    pub(super) tags: Vec<(String, String)>,
}

impl TableDefinition {
    /// The definition of the table of `schema`, with these options.
    pub(super) fn new(schema: &Schema, options: &super::TableOptions, ttl: Option<String>) -> Self {
        TableDefinition {
            name: schema.table.to_owned(),
            partition_key: schema.partition_key,
            sort_key: schema.sort_key,
            indexes: schema.indexes.to_vec(),
            provisioned: options.provisioned,
            ttl,
            stream: options.stream.as_ref().map(|view| view.as_str().to_owned()),
            class: options
                .class
                .as_ref()
                .map(|class| class.as_str().to_owned()),
            deletion_protection: options.deletion_protection.unwrap_or(false),
            point_in_time_recovery: options.point_in_time_recovery,
            tags: options.tags.clone(),
        }
    }

    /// The same table under another name: a stage's (`orders-prod`), as the `Db`'s prefix or
    /// suffix would name it at run time.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The table's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every attribute a key of the table or of an index names, each once, in key order.
    pub(super) fn key_attributes(&self) -> Vec<KeyAttribute> {
        super::key_attributes(self.partition_key, self.sort_key, &self.indexes)
    }

    /// The table's global indexes.
    pub(super) fn globals(&self) -> impl Iterator<Item = &IndexSchema> {
        self.indexes.iter().filter(|i| i.kind == IndexKind::Global)
    }

    /// The table's local indexes.
    pub(super) fn locals(&self) -> impl Iterator<Item = &IndexSchema> {
        self.indexes.iter().filter(|i| i.kind == IndexKind::Local)
    }
}

/// `S`, `N` or `B`.
pub(super) fn scalar(key: KeyAttribute) -> &'static str {
    key.scalar.as_str()
}

/// `ALL`, `KEYS_ONLY` or `INCLUDE`, with the included attributes.
pub(super) fn projection(attributes: IndexAttributes) -> (&'static str, &'static [&'static str]) {
    match attributes {
        IndexAttributes::All => ("ALL", &[]),
        IndexAttributes::KeysOnly => ("KEYS_ONLY", &[]),
        IndexAttributes::Include(names) => ("INCLUDE", names),
    }
}
