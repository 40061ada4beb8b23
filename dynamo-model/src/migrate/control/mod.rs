//! The control table: where migrations keep their history, each segment's checkpoint and lease,
//! and the ledger of items they could not migrate. Several runners (processes, containers,
//! Lambda invocations) share a migration through it.
//!
//! Items, keyed by `id` (the run) and `part`:
//! - `run`: the migration's model, kind, direction, segment count, state, start and finish;
//! - `segment#0003`: the owner and its lease, the checkpoint (the scan's last key), the counts;
//! - `failed#<key>`: an item the run could not migrate, with the reason.

mod history;
mod lease;

pub(crate) use lease::Saved;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::operation::describe_table::DescribeTableError;
use aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, TableStatus,
};

use super::report::RunState;
use crate::db::Db;
use crate::error::Error;
use crate::operation::Operation;
use crate::value::Item;

/// The control table's name, before the `Db`'s prefix and suffix.
pub const CONTROL_TABLE: &str = "dynamo-model-migrations";

const ID: &str = "id";
const PART: &str = "part";
const RUN: &str = "run";

/// The control table of one `Db`.
pub(crate) struct Control<'a> {
    db: &'a Db,
    table: String,
}

/// What a run is, as its first runner records it.
pub(crate) struct RunSpec<'s> {
    pub(crate) key: &'s str,
    pub(crate) model: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) direction: &'static str,
    pub(crate) segments: u32,
    pub(crate) runner: &'s str,
}

fn s(text: impl Into<String>) -> AttributeValue {
    AttributeValue::S(text.into())
}

fn n(number: impl ToString) -> AttributeValue {
    AttributeValue::N(number.to_string())
}

/// Milliseconds since 1970.
pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn segment_part(segment: u32) -> String {
    format!("segment#{segment:04}")
}

fn number<T: std::str::FromStr + Default>(item: &Item, name: &str) -> T {
    match item.get(name) {
        Some(AttributeValue::N(text)) => text.parse().unwrap_or_default(),
        _ => T::default(),
    }
}

fn text(item: &Item, name: &str) -> Option<String> {
    match item.get(name) {
        Some(AttributeValue::S(text)) => Some(text.clone()),
        _ => None,
    }
}

impl<'a> Control<'a> {
    /// An update of the item `part` of run `key`.
    fn update(&self, key: &str, part: impl Into<String>) -> UpdateItemFluentBuilder {
        self.db
            .client()
            .update_item()
            .table_name(&self.table)
            .key(ID, s(key))
            .key(PART, s(part))
    }

    pub(crate) fn new(db: &'a Db) -> Self {
        Control {
            db,
            table: db.table_name(CONTROL_TABLE),
        }
    }

    /// Creates the control table if it is missing, and waits until it is active.
    pub(crate) async fn ensure(&self) -> Result<(), Error> {
        if self.status().await? == Some(TableStatus::Active) {
            return Ok(());
        }
        let key = |name: &str, kind| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
        };
        let attribute = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
        };
        let create = self
            .db
            .client()
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(crate::ops::built(key(ID, KeyType::Hash)))
            .key_schema(crate::ops::built(key(PART, KeyType::Range)))
            .attribute_definitions(crate::ops::built(attribute(ID)))
            .attribute_definitions(crate::ops::built(attribute(PART)))
            .send();
        let (result, attempts) = crate::db::watch(create).await;
        if let Err(e) = result {
            // Another runner is creating it: wait for it below.
            let in_use = e
                .as_service_error()
                .is_some_and(|e| e.is_resource_in_use_exception());
            if !in_use {
                return Err(Error::sdk(Operation::CreateTable, &self.table, e, attempts));
            }
        }
        for _ in 0..600 {
            if self.status().await? == Some(TableStatus::Active) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(Error::InvalidRequest {
            operation: Operation::CreateTable,
            reason: format!(
                "the migrations' control table `{}` did not become active in a minute",
                self.table
            ),
        })
    }

    async fn status(&self) -> Result<Option<TableStatus>, Error> {
        let describe = self
            .db
            .client()
            .describe_table()
            .table_name(&self.table)
            .send();
        let (result, attempts) = crate::db::watch(describe).await;
        match result {
            Ok(output) => Ok(output.table.and_then(|t| t.table_status)),
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(DescribeTableError::ResourceNotFoundException(_))
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(Error::sdk(
                Operation::DescribeTable,
                &self.table,
                e,
                attempts,
            )),
        }
    }

    /// Records the run if no runner has, and its segments; gives the run as recorded (a later
    /// runner keeps the first one's segment count).
    pub(crate) async fn start(&self, spec: &RunSpec<'_>) -> Result<RunState, Error> {
        let mut item = Item::from([
            (ID.to_owned(), s(spec.key)),
            (PART.to_owned(), s(RUN)),
            ("model".to_owned(), s(spec.model)),
            ("kind".to_owned(), s(spec.kind)),
            ("direction".to_owned(), s(spec.direction)),
            ("segments".to_owned(), n(spec.segments)),
            ("state".to_owned(), s("running")),
            ("started_at".to_owned(), n(now_ms())),
            ("started_by".to_owned(), s(spec.runner)),
        ]);
        if self.put_new(std::mem::take(&mut item)).await? {
            for segment in 0..spec.segments {
                self.put_new(Item::from([
                    (ID.to_owned(), s(spec.key)),
                    (PART.to_owned(), s(segment_part(segment))),
                    ("segment".to_owned(), n(segment)),
                ]))
                .await?;
            }
        }
        match self.run(spec.key).await? {
            Some(run) => Ok(run),
            None => Err(Error::InvalidRequest {
                operation: Operation::GetItem,
                reason: format!("the run `{}` vanished from `{}`", spec.key, self.table),
            }),
        }
    }

    /// Puts `item` where no item is; false when one was there.
    async fn put_new(&self, item: Item) -> Result<bool, Error> {
        let put = self
            .db
            .client()
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#id)")
            .expression_attribute_names("#id", ID)
            .send();
        let (result, attempts) = crate::db::watch(put).await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if crate::ops::write::is_condition_failure(&e) => Ok(false),
            Err(e) => Err(Error::sdk(Operation::PutItem, &self.table, e, attempts)),
        }
    }

    /// The run recorded under `key`.
    pub(crate) async fn run(&self, key: &str) -> Result<Option<RunState>, Error> {
        let get = self
            .db
            .client()
            .get_item()
            .table_name(&self.table)
            .key(ID, s(key))
            .key(PART, s(RUN))
            .consistent_read(true)
            .send();
        let (result, attempts) = crate::db::watch(get).await;
        let item = result
            .map_err(|e| Error::sdk(Operation::GetItem, &self.table, e, attempts))?
            .item;
        Ok(item.map(|item| RunState {
            id: key.to_owned(),
            model: text(&item, "model").unwrap_or_default(),
            kind: text(&item, "kind").unwrap_or_default(),
            direction: text(&item, "direction").unwrap_or_default(),
            segments: number(&item, "segments"),
            done: text(&item, "state").as_deref() == Some("done"),
            started_at_ms: number(&item, "started_at"),
            finished_at_ms: item
                .get("finished_at")
                .map(|_| number(&item, "finished_at")),
        }))
    }
}
