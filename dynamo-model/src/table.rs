//! Table-level operations, built from a model's schema: create, wait until active, describe,
//! delete.

use std::marker::PhantomData;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType as KeyRole,
    LocalSecondaryIndex, Projection, ProjectionType, TableDescription, TableStatus,
};

use crate::db::Db;
use crate::error::Error;
use crate::model::{IndexKind, IndexProjection as ModelProjection, KeyAttribute, Model};

/// How long [`Table::create`] and [`Table::create_if_missing`] wait for a new table to become
/// ACTIVE unless told otherwise. AWS usually takes seconds; DynamoDB Local is immediate.
pub const DEFAULT_ACTIVE_TIMEOUT: Duration = Duration::from_secs(300);

/// The table of model `M`. Made by [`Model::table`].
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// # #[derive(dynamo_model::Model)] struct Cat { #[dynamo(hash_key)] id: String }
/// use dynamo_model::Model;
/// Cat::table().create_if_missing(db).await?; // on-demand billing, waits until ACTIVE
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Table<M> {
    active_timeout: Duration,
    model: PhantomData<fn() -> M>,
}

impl<M: Model> Default for Table<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M: Model> Table<M> {
    pub(crate) fn new() -> Self {
        Table {
            active_timeout: DEFAULT_ACTIVE_TIMEOUT,
            model: PhantomData,
        }
    }

    /// How long to wait for a new table to become ACTIVE before failing with
    /// [`Error::TableNotActive`].
    pub fn active_timeout(mut self, timeout: Duration) -> Self {
        self.active_timeout = timeout;
        self
    }

    /// Creates the table with the model's keys, its global and local indexes, and on-demand
    /// billing, and waits until it is ACTIVE. Fails if the table exists.
    pub async fn create(&self, db: &Db) -> Result<(), Error> {
        let table = db.table_name_of::<M>();
        self.send_create(db, &table)
            .await
            .map_err(|e| Error::sdk("CreateTable", &table, e))?;
        self.wait_until_active(db, &table).await
    }

    /// Creates the table unless it exists, then waits until it is ACTIVE. Safe to call at every
    /// start-up and from several processes at once.
    pub async fn create_if_missing(&self, db: &Db) -> Result<(), Error> {
        let table = db.table_name_of::<M>();
        match self.send_create(db, &table).await {
            Ok(()) => {}
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) => {}
            Err(e) => return Err(Error::sdk("CreateTable", &table, e)),
        }
        self.wait_until_active(db, &table).await
    }

    /// The table's description, or `None` if it does not exist.
    pub async fn describe(&self, db: &Db) -> Result<Option<TableDescription>, Error> {
        let table = db.table_name_of::<M>();
        match db.client().describe_table().table_name(&table).send().await {
            Ok(output) => Ok(output.table),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(None)
            }
            Err(e) => Err(Error::sdk("DescribeTable", &table, e)),
        }
    }

    /// Deletes the table and every item in it. Fails if it does not exist.
    pub async fn delete(&self, db: &Db) -> Result<(), Error> {
        let table = db.table_name_of::<M>();
        db.client()
            .delete_table()
            .table_name(&table)
            .send()
            .await
            .map_err(|e| Error::sdk("DeleteTable", &table, e))?;
        Ok(())
    }

    async fn send_create(
        &self,
        db: &Db,
        table: &str,
    ) -> Result<
        (),
        aws_sdk_dynamodb::error::SdkError<
            aws_sdk_dynamodb::operation::create_table::CreateTableError,
        >,
    > {
        let schema = M::SCHEMA;
        let mut request = db
            .client()
            .create_table()
            .table_name(table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_key_schema(Some(key_schema(schema.hash_key, schema.range_key)));
        // Each key attribute is defined once, however many indexes use it.
        let mut defined: Vec<&str> = Vec::new();
        let all_keys = std::iter::once(schema.hash_key)
            .chain(schema.range_key)
            .chain(
                schema
                    .indexes
                    .iter()
                    .flat_map(|index| std::iter::once(index.hash_key).chain(index.range_key)),
            );
        for key in all_keys {
            if !defined.contains(&key.name) {
                defined.push(key.name);
                request = request.attribute_definitions(attribute_definition(key));
            }
        }
        for index in schema.indexes {
            let keys = key_schema(index.hash_key, index.range_key);
            let projection = projection(index.projection);
            request = match index.kind {
                IndexKind::Global => request.global_secondary_indexes(
                    GlobalSecondaryIndex::builder()
                        .index_name(index.name)
                        .set_key_schema(Some(keys))
                        .projection(projection)
                        .build()
                        .unwrap_or_else(|_| unreachable!("global index with name and keys")),
                ),
                IndexKind::Local => request.local_secondary_indexes(
                    LocalSecondaryIndex::builder()
                        .index_name(index.name)
                        .set_key_schema(Some(keys))
                        .projection(projection)
                        .build()
                        .unwrap_or_else(|_| unreachable!("local index with name and keys")),
                ),
            };
        }
        request.send().await.map(|_| ())
    }

    async fn wait_until_active(&self, db: &Db, table: &str) -> Result<(), Error> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(50);
        loop {
            let output = db
                .client()
                .describe_table()
                .table_name(table)
                .send()
                .await
                .map_err(|e| Error::sdk("DescribeTable", table, e))?;
            let status = output.table.and_then(|t| t.table_status);
            if status == Some(TableStatus::Active) {
                return Ok(());
            }
            if started.elapsed() + pause > self.active_timeout {
                return Err(Error::TableNotActive {
                    table: table.to_owned(),
                    waited: started.elapsed(),
                });
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }
}

fn key_schema(hash: KeyAttribute, range: Option<KeyAttribute>) -> Vec<KeySchemaElement> {
    std::iter::once(key_schema_element(hash, KeyRole::Hash))
        .chain(range.map(|range| key_schema_element(range, KeyRole::Range)))
        .collect()
}

fn projection(projection: ModelProjection) -> Projection {
    let builder = Projection::builder();
    match projection {
        ModelProjection::All => builder.projection_type(ProjectionType::All),
        ModelProjection::KeysOnly => builder.projection_type(ProjectionType::KeysOnly),
        ModelProjection::Include(names) => names.iter().fold(
            builder.projection_type(ProjectionType::Include),
            |builder, name| builder.non_key_attributes(*name),
        ),
    }
    .build()
}

fn attribute_definition(key: KeyAttribute) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(key.name)
        .attribute_type(key.scalar.into())
        .build()
        // Both required fields are set just above.
        .unwrap_or_else(|_| unreachable!("attribute definition with name and type"))
}

fn key_schema_element(key: KeyAttribute, role: KeyRole) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(key.name)
        .key_type(role)
        .build()
        .unwrap_or_else(|_| unreachable!("key schema element with name and type"))
}
