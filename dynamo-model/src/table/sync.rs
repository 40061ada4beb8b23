//! `sync`: an existing table brought up to what its model declares, as far as DynamoDB allows
//! changing a live table: missing global indexes added (one at a time, each waited for), time
//! to live turned on, and the stream, billing mode and capacity, deletion protection,
//! point-in-time recovery and tags of the table options set. What it would do is
//! [`Table::plan`](super::Table::plan).

use crate::operation::Operation;
use aws_sdk_dynamodb::types::{
    BillingMode, CreateGlobalSecondaryIndexAction, GlobalSecondaryIndexUpdate, IndexStatus,
    ProvisionedThroughput, StreamSpecification, TableStatus,
};

use super::{Spec, Table, attribute_definition, index_key_schema, projection};
use crate::db::Db;
use crate::error::Error;
use crate::error::Watched;

use crate::model::Model;
use crate::schema::IndexKind;

/// What [`Table::sync`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Synced {
    /// The table did not exist and was created, with every index.
    pub created: bool,
    /// The global indexes added to the existing table, in the order the model declares them.
    pub added_indexes: Vec<String>,
    /// Local indexes the model declares that the table lacks: DynamoDB creates these only with
    /// the table, so they need a new table (and a copy of the data).
    pub missing_local_indexes: Vec<String>,
    /// The settings changed to the table options': `stream`, `billing`, `deletion protection`.
    pub changed_settings: Vec<&'static str>,
}

impl<M: Model> Table<M> {
    /// Brings the table up to the model: creates it if missing; otherwise adds each global
    /// index the model declares (for a model in a shared table: every GSI the table declares)
    /// that the table lacks, waiting until each is ACTIVE, since DynamoDB builds one at a time;
    /// then turns on time to live if the model has a TTL attribute. Safe to run at every
    /// deployment: a table that already serves the model is left as it is.
    ///
    /// Key and projection differences of existing indexes are not changed (DynamoDB cannot
    /// change them in place); [`verify`](Table::verify) lists them.
    pub fn sync<'a>(&'a self, db: &'a Db) -> crate::error::OpFuture<'a, Synced> {
        Box::pin(self.spec().sync(db))
    }
}

impl Spec<'_> {
    async fn sync(self, db: &Db) -> Result<Synced, Error> {
        let Some(description) = self.describe(db).await? else {
            self.create_if_missing(db).await?;
            return Ok(Synced {
                created: true,
                ..Synced::default()
            });
        };
        let table = db.table_name(self.schema.table);
        let present: Vec<&str> = description
            .global_secondary_indexes()
            .iter()
            .filter_map(|index| index.index_name())
            .chain(
                description
                    .local_secondary_indexes()
                    .iter()
                    .filter_map(|index| index.index_name()),
            )
            .collect();
        let mut synced = Synced::default();
        // Every key attribute the table defines, and each new index's: DynamoDB needs the
        // latter, and some engines (moto) replace the table's definitions with the list given.
        let mut definitions = description.attribute_definitions().to_vec();
        for index in self.schema.indexes {
            if present.contains(&index.name) {
                continue;
            }
            if index.kind == IndexKind::Local {
                synced.missing_local_indexes.push(index.name.to_owned());
                continue;
            }
            let mut create = CreateGlobalSecondaryIndexAction::builder()
                .index_name(index.name)
                .set_key_schema(Some(index_key_schema(index)))
                .projection(projection(index.attributes));
            if let Some((read, write)) = self.options.provisioned {
                create = create.provisioned_throughput(
                    aws_sdk_dynamodb::types::ProvisionedThroughput::builder()
                        .read_capacity_units(read)
                        .write_capacity_units(write)
                        .build()
                        .unwrap_or_else(|_| unreachable!("throughput with both units")),
                );
            }
            let create = create
                .build()
                .unwrap_or_else(|_| unreachable!("index creation with name, keys and projection"));
            for key in index.partition_keys().chain(index.sort_keys()) {
                if !definitions.iter().any(|d| d.attribute_name() == key.name) {
                    definitions.push(attribute_definition(key));
                }
            }

            db.client()
                .update_table()
                .table_name(&table)
                .set_attribute_definitions(Some(definitions.clone()))
                .global_secondary_index_updates(
                    GlobalSecondaryIndexUpdate::builder().create(create).build(),
                )
                .send()
                .watched(Operation::UpdateTable, &table)
                .await?;
            self.wait_until_index_active(db, &table, index.name).await?;
            synced.added_indexes.push(index.name.to_owned());
        }
        self.enable_ttl(db, &table).await?;
        for step in self.setting_changes(db, &description).await? {
            if let super::Step::Change { setting, from, .. } = step {
                let arn = description.table_arn().unwrap_or_default();
                self.change_setting(db, (&table, arn), setting, &from)
                    .await?;
                synced.changed_settings.push(setting);
            }
        }
        Ok(synced)
    }

    /// Changes `setting` of the live table (now `from`) to the table options', and waits until
    /// the table is ACTIVE again. A stream of another view type is turned off first, as
    /// DynamoDB requires.
    async fn change_setting(
        &self,
        db: &Db,
        (table, arn): (&str, &str),
        setting: &str,
        from: &str,
    ) -> Result<(), Error> {
        let update = || db.client().update_table().table_name(table);
        let request = match setting {
            "point-in-time recovery" => return self.enable_recovery(db, table).await,
            "tags" => return super::settings::tag(db, table, arn, &self.options.tags).await,
            "stream" if self.options.stream.is_none() => {
                let off = StreamSpecification::builder().stream_enabled(false).build();
                update().stream_specification(
                    off.unwrap_or_else(|_| unreachable!("stream specification")),
                )
            }
            "stream" => {
                if from != "off" {
                    let off = StreamSpecification::builder().stream_enabled(false).build();
                    let off = off.unwrap_or_else(|_| unreachable!("stream specification"));
                    let request = update().stream_specification(off);
                    request
                        .send()
                        .watched(Operation::UpdateTable, table)
                        .await?;
                    self.wait_until_active(db, table).await?;
                }
                let on = StreamSpecification::builder()
                    .stream_enabled(true)
                    .set_stream_view_type(self.options.stream.clone())
                    .build()
                    .unwrap_or_else(|_| unreachable!("stream specification"));
                update().stream_specification(on)
            }
            "billing" | "capacity" => match self.options.provisioned {
                Some((read, write)) => update()
                    .billing_mode(BillingMode::Provisioned)
                    .provisioned_throughput(
                        ProvisionedThroughput::builder()
                            .read_capacity_units(read)
                            .write_capacity_units(write)
                            .build()
                            .unwrap_or_else(|_| unreachable!("throughput with both units")),
                    ),
                None => update().billing_mode(BillingMode::PayPerRequest),
            },
            _ => {
                update().deletion_protection_enabled(self.options.deletion_protection == Some(true))
            }
        };
        request
            .send()
            .watched(Operation::UpdateTable, table)
            .await?;
        self.wait_until_active(db, table).await
    }

    /// Waits until the table and its index `name` are ACTIVE (on AWS, building an index over
    /// existing items takes minutes; a local engine is immediate).
    async fn wait_until_index_active(&self, db: &Db, table: &str, name: &str) -> Result<(), Error> {
        self.wait_until(
            db,
            table,
            &format!("{table} (index {name})"),
            |description| {
                description.table_status == Some(TableStatus::Active)
                    && description.global_secondary_indexes().iter().any(|index| {
                        index.index_name() == Some(name)
                            && index.index_status() == Some(&IndexStatus::Active)
                    })
            },
        )
        .await
    }
}
