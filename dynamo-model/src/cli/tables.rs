//! A registered table: what each command does with it, made for its model's type once.

use crate::db::Db;
use crate::error::OpFuture;
use crate::model::Model;
use crate::table::{Difference, Plan, Synced, TableDefinition};

/// One table the command line knows, through one of its models.
pub(super) struct Registered {
    /// The table's name before the `Db`'s prefix.
    pub(super) table: &'static str,
    pub(super) definition: fn() -> TableDefinition,
    pub(super) plan: for<'a> fn(&'a Db) -> OpFuture<'a, Plan>,
    pub(super) apply: for<'a> fn(&'a Db) -> OpFuture<'a, Synced>,
    pub(super) verify: for<'a> fn(&'a Db) -> OpFuture<'a, Vec<Difference>>,
}

impl Registered {
    pub(super) fn of<M: Model + Send + Sync + 'static>() -> Self {
        Registered {
            table: M::SCHEMA.table,
            definition: || <M as crate::ModelExt>::table().definition(),
            plan: |db| Box::pin(async move { <M as crate::ModelExt>::table().plan(db).await }),
            apply: |db| Box::pin(async move { <M as crate::ModelExt>::table().sync(db).await }),
            verify: |db| Box::pin(async move { <M as crate::ModelExt>::table().verify(db).await }),
        }
    }

    /// The table's logical id in a CloudFormation template: `orders-v2` → `OrdersV2Table`.
    pub(super) fn logical_id(&self) -> String {
        let mut id: String = self
            .table
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        id.push_str("Table");
        id
    }

    /// The table's resource name in Terraform: `orders-v2` → `orders_v2`.
    pub(super) fn resource_name(&self) -> String {
        self.table
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    }
}
