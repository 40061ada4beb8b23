//! The DynamoDB API calls the library makes, by name.

use std::fmt;

/// A DynamoDB API call: what an error, a request's tracing span and the capacity meter name.
/// Its `Display` is the API's own name, e.g. `PutItem`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// `GetItem`.
    GetItem,
    /// `PutItem`.
    PutItem,
    /// `UpdateItem`.
    UpdateItem,
    /// `DeleteItem`.
    DeleteItem,
    /// `Query`.
    Query,
    /// `Scan`.
    Scan,
    /// `BatchGetItem`.
    BatchGetItem,
    /// `BatchWriteItem`.
    BatchWriteItem,
    /// `TransactGetItems`.
    TransactGetItems,
    /// `TransactWriteItems`.
    TransactWriteItems,
    /// `CreateTable`.
    CreateTable,
    /// `DescribeTable`.
    DescribeTable,
    /// `UpdateTable`.
    UpdateTable,
    /// `DeleteTable`.
    DeleteTable,
    /// `UpdateTimeToLive`.
    UpdateTimeToLive,
    /// `DescribeTimeToLive`.
    DescribeTimeToLive,
    /// `UpdateContinuousBackups`: point-in-time recovery.
    UpdateContinuousBackups,
    /// `DescribeContinuousBackups`.
    DescribeContinuousBackups,
    /// `ListTagsOfResource`.
    ListTagsOfResource,
    /// `TagResource`.
    TagResource,
}

impl Operation {
    /// The API's name, e.g. `PutItem`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::GetItem => "GetItem",
            Operation::PutItem => "PutItem",
            Operation::UpdateItem => "UpdateItem",
            Operation::DeleteItem => "DeleteItem",
            Operation::Query => "Query",
            Operation::Scan => "Scan",
            Operation::BatchGetItem => "BatchGetItem",
            Operation::BatchWriteItem => "BatchWriteItem",
            Operation::TransactGetItems => "TransactGetItems",
            Operation::TransactWriteItems => "TransactWriteItems",
            Operation::CreateTable => "CreateTable",
            Operation::DescribeTable => "DescribeTable",
            Operation::UpdateTable => "UpdateTable",
            Operation::DeleteTable => "DeleteTable",
            Operation::UpdateTimeToLive => "UpdateTimeToLive",
            Operation::DescribeTimeToLive => "DescribeTimeToLive",
            Operation::UpdateContinuousBackups => "UpdateContinuousBackups",
            Operation::DescribeContinuousBackups => "DescribeContinuousBackups",
            Operation::ListTagsOfResource => "ListTagsOfResource",
            Operation::TagResource => "TagResource",
        }
    }

    /// Whether it reads items (its capacity is read units): get, query, scan, batch get and
    /// read transactions.
    pub const fn is_read(self) -> bool {
        matches!(
            self,
            Operation::GetItem
                | Operation::Query
                | Operation::Scan
                | Operation::BatchGetItem
                | Operation::TransactGetItems
        )
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
