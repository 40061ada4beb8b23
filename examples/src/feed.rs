//! A DynamoDB Streams handler for the e-commerce table of [`shop`](crate::shop): it welcomes new
//! customers and notices shipped orders, and reports the records it could not read so that Lambda
//! retries just those (a partial batch response). The `stream_handler` example runs it under the
//! Lambda runtime; `tests/tests/integration/streams.rs` feeds it a recorded event.

use dynamo_model::stream::{self, Change};
use lambda_http::aws_lambda_events::event::dynamodb::Event;
use lambda_http::aws_lambda_events::event::streams::{
    DynamoDbBatchItemFailure, DynamoDbEventResponse,
};

use crate::shop::CustomerView;

/// What one batch of records held.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    /// Usernames of the customers created.
    pub new_customers: Vec<String>,
    /// Ids of the orders whose status became `shipped`.
    pub shipped: Vec<String>,
    /// Records of entities this handler does not know, kept and counted.
    pub others: usize,
}

/// Handles one batch: the summary, and the response naming the records to retry.
pub fn handle(event: Event) -> (Summary, DynamoDbEventResponse) {
    let mut summary = Summary::default();
    let mut response = DynamoDbEventResponse::default();
    for record in stream::records_from_event::<CustomerView>(event) {
        let record = match record {
            Ok(record) => record,
            Err(failed) => {
                // Named, not skipped: Lambda retries from this record.
                eprintln!("{failed}");
                let mut failure = DynamoDbBatchItemFailure::default();
                failure.item_identifier = failed.sequence_number.clone();
                response.batch_item_failures.push(failure);
                continue;
            }
        };
        match record.change {
            Change::Inserted {
                new: Some(CustomerView::Customer(customer)),
                ..
            } => summary.new_customers.push(customer.username),
            Change::Modified {
                old: Some(CustomerView::Order(old)),
                new: Some(CustomerView::Order(new)),
                ..
            } if old.status != new.status && new.status == "shipped" => {
                summary.shipped.push(new.order_id);
            }
            Change::Inserted {
                new: Some(CustomerView::Other(_)),
                ..
            }
            | Change::Modified {
                new: Some(CustomerView::Other(_)),
                ..
            }
            | Change::Removed {
                old: Some(CustomerView::Other(_)),
                ..
            } => summary.others += 1,
            _ => {}
        }
    }
    (summary, response)
}
