//! The CloudFormation form: an `AWS::DynamoDB::Table` resource, or a template holding tables.

use serde_json::{Map, Value, json};

use super::{TableDefinition, projection, scalar};
use crate::schema::{IndexKind, IndexSchema, KeyAttribute};

impl TableDefinition {
    /// The `AWS::DynamoDB::Table` resource, to paste under a template's `Resources` (JSON here;
    /// [`to_yaml`](super::to_yaml) writes it as YAML).
    pub fn cloudformation(&self) -> Value {
        let mut properties = Map::new();
        properties.insert("TableName".into(), json!(self.name));
        let attributes: Vec<Value> = self
            .key_attributes()
            .into_iter()
            .map(|key| json!({ "AttributeName": key.name, "AttributeType": scalar(key) }))
            .collect();
        properties.insert("AttributeDefinitions".into(), json!(attributes));
        let keys = key_schema(std::iter::once(self.partition_key), self.sort_key);
        properties.insert("KeySchema".into(), keys);
        self.billing(&mut properties);
        self.cfn_indexes(&mut properties);
        if let Some(attribute) = &self.ttl {
            let ttl = json!({ "AttributeName": attribute, "Enabled": true });
            properties.insert("TimeToLiveSpecification".into(), ttl);
        }
        if let Some(view) = &self.stream {
            properties.insert(
                "StreamSpecification".into(),
                json!({ "StreamViewType": view }),
            );
        }
        if let Some(class) = &self.class {
            properties.insert("TableClass".into(), json!(class));
        }
        if self.deletion_protection {
            properties.insert("DeletionProtectionEnabled".into(), json!(true));
        }
        if self.point_in_time_recovery {
            let pitr = json!({ "PointInTimeRecoveryEnabled": true });
            properties.insert("PointInTimeRecoverySpecification".into(), pitr);
        }
        if !self.tags.is_empty() {
            let tags: Vec<Value> = self
                .tags
                .iter()
                .map(|(key, value)| json!({ "Key": key, "Value": value }))
                .collect();
            properties.insert("Tags".into(), json!(tags));
        }
        json!({ "Type": "AWS::DynamoDB::Table", "Properties": properties })
    }

    /// A whole CloudFormation template holding this table as resource `logical_id` (letters
    /// and digits, e.g. `OrdersTable`), with its name and stream as outputs.
    pub fn cloudformation_template(&self, logical_id: &str) -> Value {
        cloudformation_template(&[(logical_id, self)])
    }

    fn billing(&self, properties: &mut Map<String, Value>) {
        match self.provisioned {
            Some((read, write)) => {
                properties.insert("BillingMode".into(), json!("PROVISIONED"));
                properties.insert("ProvisionedThroughput".into(), throughput(read, write));
            }
            None => {
                properties.insert("BillingMode".into(), json!("PAY_PER_REQUEST"));
            }
        }
    }

    fn cfn_indexes(&self, properties: &mut Map<String, Value>) {
        let globals: Vec<Value> = self.globals().map(|i| self.cfn_index(i)).collect();
        if !globals.is_empty() {
            properties.insert("GlobalSecondaryIndexes".into(), json!(globals));
        }
        let locals: Vec<Value> = self.locals().map(|i| self.cfn_index(i)).collect();
        if !locals.is_empty() {
            properties.insert("LocalSecondaryIndexes".into(), json!(locals));
        }
    }

    fn cfn_index(&self, index: &IndexSchema) -> Value {
        let (kind, included) = projection(index.attributes);
        let mut projection = Map::new();
        projection.insert("ProjectionType".into(), json!(kind));
        if !included.is_empty() {
            projection.insert("NonKeyAttributes".into(), json!(included));
        }
        let mut out = Map::new();
        out.insert("IndexName".into(), json!(index.name));
        let keys = key_schema(index.partition_keys(), index.sort_keys());
        out.insert("KeySchema".into(), keys);
        out.insert("Projection".into(), Value::Object(projection));
        if let (IndexKind::Global, Some((read, write))) = (index.kind, self.provisioned) {
            out.insert("ProvisionedThroughput".into(), throughput(read, write));
        }
        Value::Object(out)
    }
}

/// A CloudFormation template of several tables, each under its logical id, with each table's
/// name (and stream, if it has one) as outputs: `<id>Name`, `<id>StreamArn`.
pub fn cloudformation_template(tables: &[(&str, &TableDefinition)]) -> Value {
    let mut resources = Map::new();
    let mut outputs = Map::new();
    for (id, table) in tables {
        resources.insert((*id).to_owned(), table.cloudformation());
        outputs.insert(format!("{id}Name"), json!({ "Value": { "Ref": id } }));
        if table.stream.is_some() {
            let arn = json!({ "Value": { "Fn::GetAtt": [id, "StreamArn"] } });
            outputs.insert(format!("{id}StreamArn"), arn);
        }
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "DynamoDB tables exported from dynamo-model models",
        "Resources": resources,
        "Outputs": outputs,
    })
}

/// A key schema: the partition attributes (`HASH`), then the sort attributes (`RANGE`).
fn key_schema(
    partition: impl Iterator<Item = KeyAttribute>,
    sort: impl IntoIterator<Item = KeyAttribute>,
) -> Value {
    let partition = partition.map(|key| json!({ "AttributeName": key.name, "KeyType": "HASH" }));
    let sort = sort
        .into_iter()
        .map(|key| json!({ "AttributeName": key.name, "KeyType": "RANGE" }));
    Value::Array(partition.chain(sort).collect())
}

fn throughput(read: i64, write: i64) -> Value {
    json!({ "ReadCapacityUnits": read, "WriteCapacityUnits": write })
}
