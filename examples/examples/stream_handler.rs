//! The stream handler of `examples/src/feed.rs` under the Lambda runtime, subscribed to the
//! e-commerce table's stream with `ReportBatchItemFailures`.
//!
//! Build it with `cargo build -p examples --example stream_handler`; run outside Lambda, it stops
//! with the runtime's message that no Lambda runtime API is there.

use examples::feed;
use lambda_http::aws_lambda_events::event::dynamodb::Event;
use lambda_http::aws_lambda_events::event::streams::DynamoDbEventResponse;
use lambda_http::{Error, LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::lambda_runtime::run(service_fn(|event: LambdaEvent<Event>| async move {
        let (summary, response) = feed::handle(event.payload);
        println!("{summary:?}");
        Ok::<DynamoDbEventResponse, Error>(response)
    }))
    .await
}
