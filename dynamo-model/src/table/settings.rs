//! The table settings that DescribeTable does not show: point-in-time recovery and tags, read
//! for a plan and written by `sync`.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{PointInTimeRecoveryStatus, Tag};

use crate::db::Db;
use crate::error::{Error, Watched};
use crate::operation::Operation;

/// Whether point-in-time recovery is on for `table`.
pub(super) async fn recovery_enabled(db: &Db, table: &str) -> Result<bool, Error> {
    let output = db
        .client()
        .describe_continuous_backups()
        .table_name(table)
        .send()
        .watched(Operation::DescribeContinuousBackups, table)
        .await?;
    let status = output
        .continuous_backups_description()
        .and_then(|d| d.point_in_time_recovery_description())
        .and_then(|d| d.point_in_time_recovery_status());
    Ok(status == Some(&PointInTimeRecoveryStatus::Enabled))
}

/// The tags of the table with ARN `arn` (named `table` in errors).
pub(super) async fn tags(
    db: &Db,
    table: &str,
    arn: &str,
) -> Result<HashMap<String, String>, Error> {
    let mut tags = HashMap::new();
    let mut next: Option<String> = None;
    loop {
        let output = db
            .client()
            .list_tags_of_resource()
            .resource_arn(arn)
            .set_next_token(next.take())
            .send()
            .watched(Operation::ListTagsOfResource, table)
            .await?;
        for tag in output.tags() {
            tags.insert(tag.key().to_owned(), tag.value().to_owned());
        }
        match output.next_token() {
            Some(token) => next = Some(token.to_owned()),
            None => return Ok(tags),
        }
    }
}

/// Tags the table with ARN `arn` with `tags` (others it has stay).
pub(super) async fn tag(
    db: &Db,
    table: &str,
    arn: &str,
    tags: &[(String, String)],
) -> Result<(), Error> {
    let tags = tags.iter().map(|(key, value)| {
        Tag::builder()
            .key(key)
            .value(value)
            .build()
            .unwrap_or_else(|_| unreachable!("tag with key and value"))
    });
    db.client()
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tags.collect()))
        .send()
        .watched(Operation::TagResource, table)
        .await
        .map(|_| ())
}
