//! The Terraform form: an `aws_dynamodb_table` resource as Terraform JSON (`.tf.json`).

use serde_json::{Map, Value, json};

use super::{TableDefinition, projection, scalar};
use crate::schema::{IndexKind, IndexSchema};

/// Why a table cannot be written as a Terraform `aws_dynamodb_table`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "index `{index}` has a key of several attributes, and Terraform's `aws_dynamodb_table` takes one partition and one sort attribute per index: export this table to CloudFormation"
)]
pub struct TerraformError {
    /// The index with a multi-attribute key.
    pub index: String,
}

impl TableDefinition {
    /// The `aws_dynamodb_table` resource named `resource` (a Terraform identifier, e.g.
    /// `orders`), as a Terraform JSON document: save it as `orders.tf.json` beside your `.tf`
    /// files. A table with a multi-attribute index key is refused: the resource takes one
    /// attribute per key.
    pub fn terraform(&self, resource: &str) -> Result<Value, TerraformError> {
        let mut table = Map::new();
        table.insert("name".into(), json!(self.name));
        match self.provisioned {
            Some((read, write)) => {
                table.insert("billing_mode".into(), json!("PROVISIONED"));
                table.insert("read_capacity".into(), json!(read));
                table.insert("write_capacity".into(), json!(write));
            }
            None => {
                table.insert("billing_mode".into(), json!("PAY_PER_REQUEST"));
            }
        }
        table.insert("hash_key".into(), json!(self.partition_key.name));
        if let Some(sort) = self.sort_key {
            table.insert("range_key".into(), json!(sort.name));
        }
        let attributes: Vec<Value> = self
            .key_attributes()
            .into_iter()
            .map(|key| json!({ "name": key.name, "type": scalar(key) }))
            .collect();
        table.insert("attribute".into(), json!(attributes));
        self.tf_indexes(&mut table)?;
        self.tf_options(&mut table);
        Ok(json!({ "resource": { "aws_dynamodb_table": { resource: table } } }))
    }

    fn tf_indexes(&self, table: &mut Map<String, Value>) -> Result<(), TerraformError> {
        let mut globals = Vec::new();
        let mut locals = Vec::new();
        for index in &self.indexes {
            if !index.more_partition_keys.is_empty() || !index.more_sort_keys.is_empty() {
                return Err(TerraformError {
                    index: index.name.to_owned(),
                });
            }
            match index.kind {
                IndexKind::Global => globals.push(self.tf_index(index)),
                IndexKind::Local => locals.push(self.tf_index(index)),
            }
        }
        if !globals.is_empty() {
            table.insert("global_secondary_index".into(), json!(globals));
        }
        if !locals.is_empty() {
            table.insert("local_secondary_index".into(), json!(locals));
        }
        Ok(())
    }

    fn tf_index(&self, index: &IndexSchema) -> Value {
        let (kind, included) = projection(index.attributes);
        let mut out = Map::new();
        out.insert("name".into(), json!(index.name));
        if index.kind == IndexKind::Global {
            out.insert("hash_key".into(), json!(index.partition_key.name));
        }
        if let Some(sort) = index.sort_key {
            out.insert("range_key".into(), json!(sort.name));
        }
        out.insert("projection_type".into(), json!(kind));
        if !included.is_empty() {
            out.insert("non_key_attributes".into(), json!(included));
        }
        if let (IndexKind::Global, Some((read, write))) = (index.kind, self.provisioned) {
            out.insert("read_capacity".into(), json!(read));
            out.insert("write_capacity".into(), json!(write));
        }
        Value::Object(out)
    }

    fn tf_options(&self, table: &mut Map<String, Value>) {
        if let Some(attribute) = &self.ttl {
            let ttl = json!({ "attribute_name": attribute, "enabled": true });
            table.insert("ttl".into(), ttl);
        }
        if let Some(view) = &self.stream {
            table.insert("stream_enabled".into(), json!(true));
            table.insert("stream_view_type".into(), json!(view));
        }
        if let Some(class) = &self.class {
            table.insert("table_class".into(), json!(class));
        }
        if self.deletion_protection {
            table.insert("deletion_protection_enabled".into(), json!(true));
        }
        if self.point_in_time_recovery {
            let pitr = json!({ "enabled": true });
            table.insert("point_in_time_recovery".into(), pitr);
        }
        if !self.tags.is_empty() {
            let tags: Map<String, Value> = self
                .tags
                .iter()
                .map(|(key, value)| (key.clone(), json!(value)))
                .collect();
            table.insert("tags".into(), Value::Object(tags));
        }
    }
}
