//! Table-level operations, built from a model's schema: create, wait until active, describe,
//! delete.

use crate::operation::Operation;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType as KeyRole,
    LocalSecondaryIndex, Projection, ProjectionType, ProvisionedThroughput, StreamSpecification,
    TableDescription, TableStatus, Tag, TimeToLiveSpecification,
};
pub use aws_sdk_dynamodb::types::{StreamViewType, TableClass};

#[cfg(feature = "infra")]
mod export;
mod markers;
mod plan;
mod progress;
mod settings;
mod sync;
mod verify;

#[cfg(feature = "infra")]
pub use export::{TableDefinition, TerraformError, cloudformation_template, to_yaml};
pub use plan::{Plan, Step};
pub use sync::Synced;
pub use verify::Difference;

use crate::db::Db;
use crate::error::Watched;
use crate::error::{Error, OpFuture};
use crate::model::Model;
use crate::schema::{IndexAttributes, IndexKind, KeyAttribute, Schema};

/// How long [`Table::create`] and [`Table::create_if_missing`] wait for a new table to become
/// ACTIVE unless told otherwise. AWS usually takes seconds; a local engine is immediate.
pub const DEFAULT_ACTIVE_TIMEOUT: Duration = Duration::from_secs(300);

/// The table of model `M`. Made by [`ModelExt::table`](crate::ModelExt::table).
///
/// ```no_run
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// # #[derive(dynamo_model::Model)] struct Cat { #[dynamo(partition_key)] id: String }
/// use dynamo_model::{Model, ModelExt};
/// Cat::table().create_if_missing(db).await?; // on-demand billing, waits until ACTIVE
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Table<M> {
    active_timeout: Duration,
    options: TableOptions,
    model: PhantomData<fn() -> M>,
}

/// How a table is created, beyond its keys and indexes (which come from the model).
#[derive(Debug, Clone, Default)]
struct TableOptions {
    /// Read and write capacity units; on-demand billing when `None`.
    provisioned: Option<(i64, i64)>,
    ttl: Option<String>,
    stream: Option<StreamViewType>,
    class: Option<TableClass>,
    tags: Vec<(String, String)>,
    deletion_protection: Option<bool>,
    /// Point-in-time recovery (continuous backups), turned on after creation.
    point_in_time_recovery: bool,
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
            options: TableOptions::default(),
            model: PhantomData,
        }
    }

    /// Provisioned throughput (for the table and each global index) instead of on-demand
    /// billing: `.provisioned(Throughput { read: 5, write: 5 })`.
    pub fn provisioned(mut self, throughput: crate::cost::Throughput) -> Self {
        self.options.provisioned = Some((i64::from(throughput.read), i64::from(throughput.write)));
        self
    }

    /// Enables time to live on `attribute` (epoch seconds) once the table is created: DynamoDB
    /// deletes items whose time has passed. [`verify`](Table::verify) checks it too.
    pub fn ttl(mut self, attribute: impl Into<String>) -> Self {
        self.options.ttl = Some(attribute.into());
        self
    }

    /// Enables a DynamoDB stream of changes, with items as `view` says.
    pub fn stream(mut self, view: StreamViewType) -> Self {
        self.options.stream = Some(view);
        self
    }

    /// The table class (standard, or infrequent access).
    pub fn class(mut self, class: TableClass) -> Self {
        self.options.class = Some(class);
        self
    }

    /// A tag on the table.
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.tags.push((key.into(), value.into()));
        self
    }

    /// Whether the table refuses DeleteTable until this is turned off.
    pub fn deletion_protection(mut self, enabled: bool) -> Self {
        self.options.deletion_protection = Some(enabled);
        self
    }

    /// Point-in-time recovery (DynamoDB's continuous backups), turned on once the table is
    /// created, and in the exported definition.
    pub fn point_in_time_recovery(mut self, enabled: bool) -> Self {
        self.options.point_in_time_recovery = enabled;
        self
    }

    /// The table as infrastructure code declares it: a CloudFormation or Terraform resource.
    /// For a model in a shared table, the shared table with every global index it declares.
    /// See the guide's `docs/infrastructure.md`.
    #[cfg(feature = "infra")]
    pub fn definition(&self) -> TableDefinition {
        let spec = self.spec();
        TableDefinition::new(&spec.schema, spec.options, spec.ttl_attribute())
    }

    /// How long to wait for a new table to become ACTIVE before failing with
    /// [`Error::TableNotActive`].
    pub fn active_timeout(mut self, timeout: Duration) -> Self {
        self.active_timeout = timeout;
        self
    }

    /// The model's schema with this table's options, which does the work of every operation.
    fn spec(&self) -> Spec<'_> {
        Spec {
            schema: M::SCHEMA,
            options: &self.options,
            active_timeout: self.active_timeout,
        }
    }

    /// Creates the table with the model's keys, its global and local indexes, on-demand billing
    /// (or the throughput of [`provisioned`](Table::provisioned)) and the other options set,
    /// waits until it is ACTIVE, then enables TTL if asked. Fails if the table exists.
    pub fn create<'a>(&'a self, db: &'a Db) -> OpFuture<'a, ()> {
        Box::pin(self.spec().create(db))
    }

    /// Creates the table unless it exists, then waits until it is ACTIVE. Safe to call at every
    /// start-up and from several processes at once.
    pub fn create_if_missing<'a>(&'a self, db: &'a Db) -> OpFuture<'a, ()> {
        Box::pin(self.spec().create_if_missing(db))
    }

    /// The table's description, or `None` if it does not exist.
    pub fn describe<'a>(&'a self, db: &'a Db) -> OpFuture<'a, Option<TableDescription>> {
        Box::pin(self.spec().describe(db))
    }

    /// Deletes the table and every item in it. Fails if it does not exist.
    pub fn delete<'a>(&'a self, db: &'a Db) -> OpFuture<'a, ()> {
        Box::pin(self.spec().delete(db))
    }
}

/// A model's schema and the options of its table: what every table operation works from. The
/// operations are written here, apart from [`Table`]'s type parameter, so that they are compiled
/// once rather than once per model.
#[derive(Clone, Copy)]
struct Spec<'t> {
    schema: Schema,
    options: &'t TableOptions,
    active_timeout: Duration,
}

impl Spec<'_> {
    /// The TTL attribute: the one given to [`ttl`](Table::ttl), else the model's
    /// `#[dynamo(ttl)]` field.
    fn ttl_attribute(&self) -> Option<String> {
        self.options
            .ttl
            .clone()
            .or_else(|| self.schema.ttl.map(str::to_owned))
    }

    async fn create(self, db: &Db) -> Result<(), Error> {
        let table = db.table_name(self.schema.table);
        self.send_create(db, &table)
            .watched(Operation::CreateTable, &table)
            .await?;
        self.wait_until_active(db, &table).await?;
        self.enable_ttl(db, &table).await?;
        self.enable_recovery(db, &table).await?;
        self.create_markers(db, false).await
    }

    /// Turns point-in-time recovery on, if asked for.
    async fn enable_recovery(&self, db: &Db, table: &str) -> Result<(), Error> {
        if !self.options.point_in_time_recovery {
            return Ok(());
        }
        let recovery = aws_sdk_dynamodb::types::PointInTimeRecoverySpecification::builder()
            .point_in_time_recovery_enabled(true)
            .build()
            .unwrap_or_else(|_| unreachable!("recovery specification with its flag"));
        db.client()
            .update_continuous_backups()
            .table_name(table)
            .point_in_time_recovery_specification(recovery)
            .send()
            .watched(Operation::UpdateContinuousBackups, table)
            .await
            .map(|_| ())
    }

    /// Turns time to live on, if the table was given an attribute for it.
    async fn enable_ttl(&self, db: &Db, table: &str) -> Result<(), Error> {
        let Some(attribute) = self.ttl_attribute() else {
            return Ok(());
        };
        if verify::live_ttl(db, table).await?.as_deref() == Some(attribute.as_str()) {
            return Ok(());
        }
        let spec = TimeToLiveSpecification::builder()
            .attribute_name(attribute)
            .enabled(true)
            .build()
            .unwrap_or_else(|_| unreachable!("TTL specification with its fields"));
        db.client()
            .update_time_to_live()
            .table_name(table)
            .time_to_live_specification(spec)
            .send()
            .watched(Operation::UpdateTimeToLive, table)
            .await
            .map(|_| ())
    }

    async fn create_if_missing(self, db: &Db) -> Result<(), Error> {
        let table = db.table_name(self.schema.table);
        match crate::db::watch(self.send_create(db, &table)).await {
            (Ok(()), _) => {}
            (Err(e), _)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) => {}
            (Err(e), attempts) => {
                return Err(Error::sdk(Operation::CreateTable, &table, e, attempts));
            }
        }
        self.wait_until_active(db, &table).await?;
        self.enable_ttl(db, &table).await?;
        self.enable_recovery(db, &table).await?;
        self.create_markers(db, true).await
    }

    async fn describe(self, db: &Db) -> Result<Option<TableDescription>, Error> {
        let table = db.table_name(self.schema.table);
        let request = db.client().describe_table().table_name(&table).send();
        match crate::db::watch(request).await {
            (Ok(output), _) => Ok(output.table),
            (Err(e), _)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(None)
            }
            (Err(e), attempts) => Err(Error::sdk(Operation::DescribeTable, &table, e, attempts)),
        }
    }

    async fn delete(self, db: &Db) -> Result<(), Error> {
        delete_table(db, &db.table_name(self.schema.table)).await?;
        self.delete_markers(db).await
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
        let schema = self.schema;
        let options = self.options;
        let throughput = options.provisioned.map(|(read, write)| {
            ProvisionedThroughput::builder()
                .read_capacity_units(read)
                .write_capacity_units(write)
                .build()
                .unwrap_or_else(|_| unreachable!("throughput with both units"))
        });
        let billing = match throughput {
            Some(_) => BillingMode::Provisioned,
            None => BillingMode::PayPerRequest,
        };
        let stream = options.stream.clone().map(|view| {
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(view)
                .build()
                .unwrap_or_else(|_| unreachable!("stream specification with its flag"))
        });
        let tags = options.tags.iter().map(|(key, value)| {
            Tag::builder()
                .key(key)
                .value(value)
                .build()
                .unwrap_or_else(|_| unreachable!("tag with key and value"))
        });
        let mut request = db
            .client()
            .create_table()
            .table_name(table)
            .billing_mode(billing)
            .set_provisioned_throughput(throughput.clone())
            .set_stream_specification(stream)
            .set_table_class(options.class.clone())
            .set_deletion_protection_enabled(options.deletion_protection)
            .set_tags((!options.tags.is_empty()).then(|| tags.collect()))
            .set_key_schema(Some(key_schema(schema.partition_key, schema.sort_key)));
        request = with_indexes(request, schema, throughput);
        request.send().await.map(|_| ())
    }

    async fn wait_until_active(&self, db: &Db, table: &str) -> Result<(), Error> {
        self.wait_until(db, table, table, |description| {
            description.table_status == Some(TableStatus::Active)
        })
        .await
    }

    /// Polls the table's description with growing pauses until `ready` holds of it, or fails
    /// with [`Error::TableNotActive`] naming `waiting_for` once the active timeout has passed.
    async fn wait_until(
        &self,
        db: &Db,
        table: &str,
        waiting_for: &str,
        ready: impl Fn(&TableDescription) -> bool,
    ) -> Result<(), Error> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(50);
        let mut progress = progress::Progress::new(waiting_for);
        loop {
            let output = db
                .client()
                .describe_table()
                .table_name(table)
                .send()
                .watched(Operation::DescribeTable, table)
                .await?;
            progress.poll(output.table.as_ref(), started.elapsed());
            if output.table.as_ref().is_some_and(&ready) {
                return Ok(());
            }
            if started.elapsed() + pause > self.active_timeout {
                return Err(Error::TableNotActive {
                    table: waiting_for.to_owned(),
                    waited: started.elapsed(),
                });
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }
}

/// Deletes table `table` (as the `Db` names it).
async fn delete_table(db: &Db, table: &str) -> Result<(), Error> {
    db.client()
        .delete_table()
        .table_name(table)
        .send()
        .watched(Operation::DeleteTable, table)
        .await
        .map(|_| ())
}

/// `request` with the schema's key attribute definitions (each once, however many indexes use
/// it) and its global and local indexes.
fn with_indexes(
    mut request: aws_sdk_dynamodb::operation::create_table::builders::CreateTableFluentBuilder,
    schema: Schema,
    throughput: Option<ProvisionedThroughput>,
) -> aws_sdk_dynamodb::operation::create_table::builders::CreateTableFluentBuilder {
    for key in key_attributes(schema.partition_key, schema.sort_key, schema.indexes) {
        request = request.attribute_definitions(attribute_definition(key));
    }
    for index in schema.indexes {
        let keys = index_key_schema(index);
        let projection = projection(index.attributes);
        request = match index.kind {
            IndexKind::Global => request.global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(index.name)
                    .set_key_schema(Some(keys))
                    .projection(projection)
                    .set_provisioned_throughput(throughput.clone())
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
    request
}

fn key_schema(hash: KeyAttribute, range: Option<KeyAttribute>) -> Vec<KeySchemaElement> {
    std::iter::once(key_schema_element(hash, KeyRole::Hash))
        .chain(range.map(|range| key_schema_element(range, KeyRole::Range)))
        .collect()
}

/// An index's key schema: every partition attribute, then every sort attribute, in key order.
fn index_key_schema(index: &crate::schema::IndexSchema) -> Vec<KeySchemaElement> {
    index
        .partition_keys()
        .map(|key| key_schema_element(key, KeyRole::Hash))
        .chain(
            index
                .sort_keys()
                .map(|key| key_schema_element(key, KeyRole::Range)),
        )
        .collect()
}

fn projection(attributes: IndexAttributes) -> Projection {
    let builder = Projection::builder();
    match attributes {
        IndexAttributes::All => builder.projection_type(ProjectionType::All),
        IndexAttributes::KeysOnly => builder.projection_type(ProjectionType::KeysOnly),
        IndexAttributes::Include(names) => names.iter().fold(
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

/// Every attribute a key of the table or of one of `indexes` names, each once, in key order:
/// what DynamoDB requires among a table's attribute definitions, and all it allows.
fn key_attributes(
    partition: KeyAttribute,
    sort: Option<KeyAttribute>,
    indexes: &[crate::schema::IndexSchema],
) -> Vec<KeyAttribute> {
    let index_keys = indexes
        .iter()
        .flat_map(|index| index.partition_keys().chain(index.sort_keys()));
    let mut defined: Vec<KeyAttribute> = Vec::new();
    for key in std::iter::once(partition).chain(sort).chain(index_keys) {
        if !defined.iter().any(|seen| seen.name == key.name) {
            defined.push(key);
        }
    }
    defined
}

fn key_schema_element(key: KeyAttribute, role: KeyRole) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(key.name)
        .key_type(role)
        .build()
        .unwrap_or_else(|_| unreachable!("key schema element with name and type"))
}
