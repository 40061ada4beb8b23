//! The HTTP API of `examples/src/api.rs` under the Lambda runtime. Deploy it behind an API
//! Gateway HTTP API with `TASKS_TABLE` and `CURSOR_SECRET` set; locally its handler is tested
//! with recorded events (`tests/tests/integration/api.rs`).
//!
//! Build it with `cargo build -p examples --example lambda_api`; run outside Lambda, it stops
//! with the runtime's message that no Lambda runtime API is there.

use dynamo_model::Retries;
use dynamo_model::cost::Prices;
use dynamo_model::prelude::*;
use examples::api::{self, Task};
use lambda_http::{Error, Request, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Once per cold start: the client, its connections and settings, shared by invocations.
    let mut db = Db::from_env().await.with_retries(Retries::lambda());
    if let Ok(table) = std::env::var("TASKS_TABLE") {
        db = db.with_table_name::<Task>(table);
    }
    if let Ok(secret) = std::env::var("CURSOR_SECRET") {
        db = db.with_cursor_key(secret);
    }
    let prices = Prices::us_east_1();
    lambda_http::run(service_fn(|request: Request| {
        let (db, prices) = (db.clone(), &prices);
        async move {
            let path = request.uri().path().to_owned();
            let (response, cost) = api::handle_metered(&db, request, prices).await;
            // One line per invocation in the function's log, then a line per model.
            println!("{path} {}: {cost:#}", response.status());
            Ok::<_, Error>(response)
        }
    }))
    .await
}
