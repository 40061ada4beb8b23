//! Get an item by id on dynamo-model.

use dynamo_model::prelude::*;
use lambda_runtime::{LambdaEvent, service_fn};
use serde_json::{Value, json};

#[derive(Model)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    // Built once per cold start; every invocation shares its connections.
    let mut db = Db::from_env()
        .await
        .with_retries(dynamo_model::Retries::lambda());
    if let Ok(table) = std::env::var("TABLE_NAME") {
        db = db.with_table_name::<Cat>(table);
    }
    lambda_runtime::run(service_fn(|event: LambdaEvent<Value>| {
        let db = db.clone();
        async move {
            let id = event.payload["id"].as_str().unwrap_or_default().to_owned();
            let answer = match Cat::get(&db, &id).await? {
                Some(cat) => json!({"status": 200, "name": cat.name, "lives": cat.lives}),
                None => json!({"status": 404}),
            };
            Ok::<Value, lambda_runtime::Error>(answer)
        }
    }))
    .await
}
