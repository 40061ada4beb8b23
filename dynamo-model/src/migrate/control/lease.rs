//! Segments taken, kept and given up: a lease per segment, renewed with each saved page.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};

use super::{Control, ID, n, now_ms, number, s, segment_part, text};
use crate::error::Error;
use crate::migrate::report::Counts;
use crate::operation::Operation;
use crate::value::Item;

impl Control<'_> {
    /// Takes `segment` of run `key` for `owner` until `until_ms`, if it is not done and no other
    /// runner holds a live lease on it; gives where it stands.
    pub(crate) async fn claim(
        &self,
        key: &str,
        segment: u32,
        owner: &str,
        until_ms: u64,
    ) -> Result<Option<Claimed>, Error> {
        let update = self.update(key, segment_part(segment))
            .update_expression("SET #owner = :me, #until = :until")
            .condition_expression(
                "attribute_exists(#id) AND attribute_not_exists(#done) AND (attribute_not_exists(#owner) OR #until < :now OR #owner = :me)",
            )
            .expression_attribute_names("#id", ID)
            .expression_attribute_names("#owner", "owner")
            .expression_attribute_names("#until", "lease_until")
            .expression_attribute_names("#done", "done_at")
            .expression_attribute_values(":me", s(owner))
            .expression_attribute_values(":until", n(until_ms))
            .expression_attribute_values(":now", n(now_ms()))
            .return_values(ReturnValue::AllNew)
            .send();
        let (result, attempts) = crate::db::watch(update).await;
        match result {
            Ok(output) => {
                let mut item = output.attributes.unwrap_or_default();
                let pages = number(&item, "pages");
                let checkpoint = match item.remove("checkpoint") {
                    Some(AttributeValue::M(key)) => Some(key),
                    _ => None,
                };
                Ok(Some(Claimed { checkpoint, pages }))
            }
            Err(e) if crate::ops::write::is_condition_failure(&e) => Ok(None),
            Err(e) => Err(Error::sdk(Operation::UpdateItem, &self.table, e, attempts)),
        }
    }

    /// Records the progress of `segment` while `owner` holds it: the checkpoint to resume from
    /// (`None` with `done`: the segment is finished), the counts since the last save, and the
    /// lease renewed until `until_ms`. False when another runner took the segment over.
    pub(crate) async fn save(
        &self,
        key: &str,
        segment: u32,
        owner: &str,
        progress: Saved,
    ) -> Result<bool, Error> {
        let (expression, values) = save_expression(owner, &progress);
        let Saved { pages, done, .. } = progress;
        let update = self
            .update(key, segment_part(segment))
            .update_expression(expression)
            .condition_expression(match pages {
                0 => "#owner = :me AND attribute_not_exists(#pages)",
                _ => "#owner = :me AND #pages = :pages",
            })
            .expression_attribute_names("#owner", "owner")
            .expression_attribute_names("#until", "lease_until")
            .expression_attribute_names("#pages", "pages")
            .set_expression_attribute_values(Some(values))
            .return_values_on_condition_check_failure(
                aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure::AllOld,
            )
            .send();
        let (result, attempts) = crate::db::watch(update).await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if crate::ops::write::is_condition_failure(&e) => {
                // Landed on an earlier try: the page count is the one it set, or the segment
                // is done by it.
                let stored = crate::ops::write::stored_item(&e)
                    .cloned()
                    .unwrap_or_default();
                let landed = attempts.count > 1
                    && number::<u64>(&stored, "pages") == pages + 1
                    && (text(&stored, "owner").as_deref() == Some(owner)
                        || (done && stored.contains_key("done_at")));
                Ok(landed)
            }
            Err(e) => Err(Error::sdk(Operation::UpdateItem, &self.table, e, attempts)),
        }
    }

    /// Gives `segment` up, so that another runner can take it at once.
    pub(crate) async fn release(&self, key: &str, segment: u32, owner: &str) -> Result<(), Error> {
        let update = self
            .update(key, segment_part(segment))
            .update_expression("REMOVE #owner, #until")
            .condition_expression("#owner = :me")
            .expression_attribute_names("#owner", "owner")
            .expression_attribute_names("#until", "lease_until")
            .expression_attribute_values(":me", s(owner))
            .send();
        let (result, attempts) = crate::db::watch(update).await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if crate::ops::write::is_condition_failure(&e) => Ok(()),
            Err(e) => Err(Error::sdk(Operation::UpdateItem, &self.table, e, attempts)),
        }
    }
}

/// The update expression of a save, with its values (`:me` the owner).
fn save_expression(owner: &str, progress: &Saved) -> (String, HashMap<String, AttributeValue>) {
    let Saved {
        checkpoint,
        counts,
        until_ms,
        done,
        pages,
    } = progress;
    let (checkpoint, done, pages) = (checkpoint.clone(), *done, *pages);
    // The page count makes a save applied once: a retry of a save that landed (its answer
    // lost) finds the count moved on by it.
    let mut values: HashMap<String, AttributeValue> = HashMap::from([
        (":me".to_owned(), s(owner)),
        (":until".to_owned(), n(until_ms)),
        (":next".to_owned(), n(pages + 1)),
    ]);
    if pages > 0 {
        values.insert(":pages".to_owned(), n(pages));
    }
    let mut set = vec!["#until = :until".to_owned(), "#pages = :next".to_owned()];
    let mut remove = Vec::new();
    match checkpoint {
        Some(key) => {
            set.push("checkpoint = :checkpoint".to_owned());
            values.insert(":checkpoint".to_owned(), AttributeValue::M(key));
        }
        None => remove.push("checkpoint"),
    }
    if done {
        set.push("done_at = :now".to_owned());
        values.insert(":now".to_owned(), n(now_ms()));
        set.retain(|action| !action.starts_with("#until"));
        remove.extend(["#owner", "#until"]);
        values.remove(":until");
    }
    let mut add = Vec::new();
    for (name, value) in counts.fields() {
        let placeholder = format!(":{name}");
        add.push(format!("{name} {placeholder}"));
        values.insert(placeholder, n(value));
    }
    let mut expression = format!("SET {}", set.join(", "));
    if !remove.is_empty() {
        expression.push_str(&format!(" REMOVE {}", remove.join(", ")));
    }
    expression.push_str(&format!(" ADD {}", add.join(", ")));
    (expression, values)
}

/// A segment as a runner takes it: where to resume, and how many pages were saved so far.
pub(crate) struct Claimed {
    pub(crate) checkpoint: Option<Item>,
    pub(crate) pages: u64,
}

/// A segment's progress, as [`Control::save`] records it.
pub(crate) struct Saved {
    /// The pages saved before this one.
    pub(crate) pages: u64,
    pub(crate) checkpoint: Option<Item>,
    pub(crate) counts: Counts,
    pub(crate) until_ms: u64,
    pub(crate) done: bool,
}
