//! `plan`: what [`Table::sync`] would change on the live table to serve the model, what it
//! cannot change in place, and what it leaves as it is, as a readable plan with an exit status
//! a CI job can use.

use std::collections::HashMap;
use std::fmt;

use aws_sdk_dynamodb::types::{BillingMode, TableDescription};

use super::verify::Difference;
use super::{Spec, Table};
use crate::db::Db;
use crate::error::{Error, OpFuture};
use crate::model::Model;
use crate::schema::IndexKind;

/// One line of a [`Plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// `+ table orders`: the table does not exist; it would be created with every index.
    CreateTable {
        /// The table's name.
        table: String,
    },
    /// `+ index by_status`: a global index the model declares and the table lacks.
    AddIndex {
        /// The index's name.
        index: String,
    },
    /// `~ ttl expires → expires_at`, or `+ ttl expires`: time to live on the model's attribute.
    Ttl {
        /// The attribute the table expires items by now, if any.
        from: Option<String>,
        /// The model's.
        to: String,
    },
    /// `~ stream NEW_IMAGE → NEW_AND_OLD_IMAGES`: a setting of the table the model's table
    /// options give otherwise (stream, billing, capacity, deletion protection, point-in-time
    /// recovery, tags).
    Change {
        /// What changes: `stream`, `billing`, `capacity`, `deletion protection`,
        /// `point-in-time recovery`, `tags`.
        setting: &'static str,
        /// As the table has it.
        from: String,
        /// As the model's options give it.
        to: String,
    },
    /// `! cannot change the sort key: ...`: a difference DynamoDB cannot change in place.
    Blocked {
        /// What cannot change, and what to do instead.
        reason: String,
    },
    /// `= index legacy stays: the model does not declare it`: left as it is.
    Kept {
        /// What stays, and why.
        note: String,
    },
}

/// What [`Table::plan`] found: the steps that would bring the live table to the model.
///
/// Its `Display` is the plan as a person reads it, one step per line (`+` adds, `~` changes,
/// `!` cannot be done in place, `=` stays); [`exit_code`](Plan::exit_code) is what a CI job
/// checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The table, as the `Db` names it.
    pub table: String,
    /// The steps, in the order `sync` would take them, then what it cannot do.
    pub steps: Vec<Step>,
}

impl Plan {
    /// Whether the table serves the model as it is: nothing to add, change or refuse.
    pub fn is_up_to_date(&self) -> bool {
        self.steps
            .iter()
            .all(|step| matches!(step, Step::Kept { .. }))
    }

    /// Whether a difference cannot be changed in place (a key, a projection, a local index).
    pub fn is_blocked(&self) -> bool {
        self.steps
            .iter()
            .any(|step| matches!(step, Step::Blocked { .. }))
    }

    /// `0` when the table is up to date, `2` when there are changes to apply, `1` when a
    /// difference cannot be changed in place: a CI job fails on `1` and may require review on
    /// `2`.
    pub fn exit_code(&self) -> i32 {
        if self.is_blocked() {
            1
        } else if self.is_up_to_date() {
            0
        } else {
            2
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_up_to_date() {
            writeln!(f, "= table {} serves the model", self.table)?;
        }
        for step in &self.steps {
            match step {
                Step::CreateTable { table } => writeln!(f, "+ table {table}")?,
                Step::AddIndex { index } => writeln!(f, "+ index {index}")?,
                Step::Ttl { from: None, to } => writeln!(f, "+ ttl {to}")?,
                Step::Ttl {
                    from: Some(from),
                    to,
                } => writeln!(f, "~ ttl {from} → {to}")?,
                Step::Change { setting, from, to } => writeln!(f, "~ {setting} {from} → {to}")?,
                Step::Blocked { reason } => writeln!(f, "! {reason}")?,
                Step::Kept { note } => writeln!(f, "= {note}")?,
            }
        }
        Ok(())
    }
}

impl<M: Model> Table<M> {
    /// What [`sync`](Table::sync) would change on the live table, what it cannot change in
    /// place, and what it leaves as it is: the table compared with the model (keys, indexes
    /// and projections, TTL) and with these table options (stream, billing and capacity,
    /// deletion protection, point-in-time recovery, tags). Sends only reads.
    ///
    /// ```no_run
    /// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
    /// # #[derive(dynamo_model::Model)] struct Order { #[dynamo(partition_key)] id: String }
    /// use dynamo_model::ModelExt;
    /// let plan = Order::table().plan(db).await?;
    /// print!("{plan}"); // + index by_status
    /// std::process::exit(plan.exit_code());
    /// # }
    /// ```
    pub fn plan<'a>(&'a self, db: &'a Db) -> OpFuture<'a, Plan> {
        Box::pin(self.spec().plan(db))
    }
}

impl Spec<'_> {
    async fn plan(self, db: &Db) -> Result<Plan, Error> {
        let table = db.table_name(self.schema.table);
        let differences = self.verify(db).await?;
        let mut steps: Vec<Step> = Vec::new();
        for difference in differences {
            steps.push(self.step(difference));
        }
        if let Some(description) = self.describe(db).await? {
            steps.extend(self.setting_changes(db, &description).await?);
        }
        // What `sync` does first comes first; what it cannot, and what stays, after.
        steps.sort_by_key(|step| match step {
            Step::CreateTable { .. } => 0,
            Step::AddIndex { .. } => 1,
            Step::Ttl { .. } | Step::Change { .. } => 2,
            Step::Blocked { .. } => 3,
            Step::Kept { .. } => 4,
        });
        Ok(Plan { table, steps })
    }

    /// The step of one difference `verify` found.
    fn step(&self, difference: Difference) -> Step {
        let blocked = |reason: String| Step::Blocked { reason };
        match difference {
            Difference::MissingTable { table } => Step::CreateTable { table },
            Difference::Key {
                index: None,
                role,
                expected,
                found,
            } => blocked(format!(
                "cannot change the table's {role} key ({} → {}): keys are fixed when a table is made; create a new table and copy the items",
                shown(found.as_ref()),
                shown(expected.as_ref())
            )),
            Difference::Key {
                index: Some(index),
                role,
                expected,
                found,
            } => blocked(format!(
                "cannot change the {role} key of index {index} ({} → {}): add the index under a new name, move its readers, then delete the old one",
                shown(found.as_ref()),
                shown(expected.as_ref())
            )),
            Difference::MissingIndex { index } => match self.index_kind(&index) {
                Some(IndexKind::Local) => blocked(format!(
                    "cannot add local index {index}: local indexes are made with the table only; create a new table and copy the items"
                )),
                _ => Step::AddIndex { index },
            },
            Difference::IndexKind { index, expected } => blocked(format!(
                "cannot make index {index} {}: add it under a new name, then delete the old one",
                if expected == IndexKind::Global {
                    "global"
                } else {
                    "local"
                }
            )),
            Difference::Projection {
                index,
                expected,
                found,
            } => blocked(format!(
                "cannot change the projection of index {index} ({found} → {expected}): add the index under a new name, move its readers, then delete the old one"
            )),
            Difference::UnexpectedIndex { index } => Step::Kept {
                note: format!("index {index} stays: the model does not declare it"),
            },
            Difference::Ttl {
                expected: Some(to),
                found,
            } => Step::Ttl { from: found, to },
            Difference::Ttl {
                expected: None,
                found,
            } => Step::Kept {
                note: format!(
                    "ttl {} stays: the model declares none",
                    found.unwrap_or_default()
                ),
            },
        }
    }

    fn index_kind(&self, name: &str) -> Option<IndexKind> {
        self.schema
            .indexes
            .iter()
            .find(|index| index.name == name)
            .map(|index| index.kind)
    }

    /// The stream (`off` unless the options give one), billing mode and capacity, deletion
    /// protection, point-in-time recovery and tags the options give, where the table has them
    /// otherwise. Deletion protection, point-in-time recovery and tags the options leave alone
    /// are not compared; tags the table has beyond the options' stay.
    pub(super) async fn setting_changes(
        &self,
        db: &Db,
        table: &TableDescription,
    ) -> Result<Vec<Step>, Error> {
        let mut steps = self.stream_and_billing_changes(table);
        if let Some(protected) = self.options.deletion_protection {
            let live = table.deletion_protection_enabled().unwrap_or(false);
            change(
                &mut steps,
                "deletion protection",
                on_off(live),
                on_off(protected),
            );
        }
        let name = table.table_name().unwrap_or_default();
        if self.options.point_in_time_recovery {
            let live = super::settings::recovery_enabled(db, name).await?;
            change(
                &mut steps,
                "point-in-time recovery",
                on_off(live),
                on_off(true),
            );
        }
        if !self.options.tags.is_empty() {
            let arn = table.table_arn().unwrap_or_default();
            let live = super::settings::tags(db, name, arn).await?;
            steps.extend(self.tag_change(&live));
        }
        Ok(steps)
    }

    /// The stream, the capacity (of a provisioned table the options keep provisioned) and the
    /// billing mode, where the table differs from the options.
    fn stream_and_billing_changes(&self, table: &TableDescription) -> Vec<Step> {
        let mut steps = Vec::new();
        let live_stream = table
            .stream_specification()
            .filter(|s| s.stream_enabled())
            .and_then(|s| s.stream_view_type())
            .map_or("off".to_owned(), |v| v.as_str().to_owned());
        let stream = self.options.stream.as_ref();
        change(
            &mut steps,
            "stream",
            live_stream,
            stream.map_or("off", |v| v.as_str()).to_owned(),
        );
        let live_billing = table
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map_or(BillingMode::Provisioned, Clone::clone);
        let billing = match self.options.provisioned {
            Some(_) => BillingMode::Provisioned,
            None => BillingMode::PayPerRequest,
        };
        if let (Some((read, write)), BillingMode::Provisioned) =
            (self.options.provisioned, &live_billing)
        {
            let live = table.provisioned_throughput();
            let live_read = live.and_then(|t| t.read_capacity_units()).unwrap_or(0);
            let live_write = live.and_then(|t| t.write_capacity_units()).unwrap_or(0);
            change(
                &mut steps,
                "capacity",
                format!("{live_read}/{live_write}"),
                format!("{read}/{write}"),
            );
        }
        change(
            &mut steps,
            "billing",
            live_billing.as_str().to_owned(),
            billing.as_str().to_owned(),
        );
        steps
    }

    /// The tags the options give that the table lacks or holds with another value, as one
    /// change from what the table has of those keys (`none` if nothing) to what it should.
    fn tag_change(&self, live: &HashMap<String, String>) -> Option<Step> {
        let missing: Vec<String> = self
            .options
            .tags
            .iter()
            .filter(|(key, value)| live.get(key) != Some(value))
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        if missing.is_empty() {
            return None;
        }
        let had: Vec<String> = self
            .options
            .tags
            .iter()
            .filter_map(|(key, _)| live.get(key).map(|value| format!("{key}={value}")))
            .collect();
        let from = if had.is_empty() {
            "none".to_owned()
        } else {
            had.join(", ")
        };
        Some(Step::Change {
            setting: "tags",
            from,
            to: missing.join(", "),
        })
    }
}

/// Adds a change of `setting` to `steps` where the table's value differs from the options'.
fn change(steps: &mut Vec<Step>, setting: &'static str, from: String, to: String) {
    if from != to {
        steps.push(Step::Change { setting, from, to });
    }
}

fn on_off(on: bool) -> String {
    if on { "on" } else { "off" }.to_owned()
}

/// `pk (S)`, or `none`.
fn shown(key: Option<&(String, String)>) -> String {
    match key {
        Some((name, scalar)) => format!("{name} ({scalar})"),
        None => "none".to_owned(),
    }
}
