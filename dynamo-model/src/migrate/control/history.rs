//! What the control table keeps of a run: its end, its segments, its ledger of failures.

use aws_sdk_dynamodb::types::AttributeValue;

use super::{Control, ID, PART, RUN, n, now_ms, number, s, text};
use crate::error::Error;
use crate::migrate::report::{Counts, SegmentState};
use crate::operation::Operation;
use crate::value::Item;

impl Control<'_> {
    /// Adds an item the run could not migrate to its ledger.
    pub(crate) async fn failed(
        &self,
        key: &str,
        item_key: &Item,
        reason: &str,
    ) -> Result<(), Error> {
        let shown = crate::json::item_to_string(item_key);
        let put = self
            .db
            .client()
            .put_item()
            .table_name(&self.table)
            .item(ID, s(key))
            .item(PART, s(format!("failed#{shown}")))
            .item("key", AttributeValue::M(item_key.clone()))
            .item("reason", s(reason))
            .item("at", n(now_ms()))
            .send();
        let (result, attempts) = crate::db::watch(put).await;
        result
            .map(|_| ())
            .map_err(|e| Error::sdk(Operation::PutItem, &self.table, e, attempts))
    }

    /// Marks the run done.
    pub(crate) async fn finish(&self, key: &str) -> Result<(), Error> {
        let update = self
            .update(key, RUN)
            .update_expression("SET #state = :done, finished_at = if_not_exists(finished_at, :now)")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":done", s("done"))
            .expression_attribute_values(":now", n(now_ms()))
            .send();
        let (result, attempts) = crate::db::watch(update).await;
        result
            .map(|_| ())
            .map_err(|e| Error::sdk(Operation::UpdateItem, &self.table, e, attempts))
    }

    /// Every item of run `key` whose part starts with `prefix`.
    async fn parts(&self, key: &str, prefix: &str) -> Result<Vec<Item>, Error> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let query = self
                .db
                .client()
                .query()
                .table_name(&self.table)
                .key_condition_expression("#id = :id AND begins_with(#part, :prefix)")
                .expression_attribute_names("#id", ID)
                .expression_attribute_names("#part", PART)
                .expression_attribute_values(":id", s(key))
                .expression_attribute_values(":prefix", s(prefix))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send();
            let (result, attempts) = crate::db::watch(query).await;
            let output =
                result.map_err(|e| Error::sdk(Operation::Query, &self.table, e, attempts))?;
            items.extend(output.items.unwrap_or_default());
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(items),
            }
        }
    }

    /// The segments of run `key`, in order.
    pub(crate) async fn segments(&self, key: &str) -> Result<Vec<SegmentState>, Error> {
        let now = now_ms();
        Ok(self
            .parts(key, "segment#")
            .await?
            .iter()
            .map(|item| {
                let until: u64 = number(item, "lease_until");
                SegmentState {
                    segment: number(item, "segment"),
                    owner: text(item, "owner").filter(|_| until >= now),
                    done: item.contains_key("done_at"),
                    resumes: item.contains_key("checkpoint"),
                    counts: Counts::read(|name| number(item, name)),
                }
            })
            .collect())
    }

    /// The ledger of run `key`: each item's key and why it was not migrated.
    pub(crate) async fn failures(&self, key: &str) -> Result<Vec<(Item, String)>, Error> {
        Ok(self
            .parts(key, "failed#")
            .await?
            .into_iter()
            .map(|mut item| {
                let reason = text(&item, "reason").unwrap_or_default();
                let key = match item.remove("key") {
                    Some(AttributeValue::M(key)) => key,
                    _ => Item::new(),
                };
                (key, reason)
            })
            .collect())
    }
}
