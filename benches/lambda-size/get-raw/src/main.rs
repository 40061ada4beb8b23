//! Get an item by id on the raw SDK: the baseline.

use aws_sdk_dynamodb::types::AttributeValue;
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let config = aws_config::from_env().http_client(http).load().await;
    let client = aws_sdk_dynamodb::Client::new(&config);
    let table = std::env::var("TABLE_NAME").unwrap_or_else(|_| "cats".to_owned());
    lambda_runtime::run(service_fn(|event: LambdaEvent<Value>| {
        let (client, table) = (client.clone(), table.clone());
        async move {
            let id = event.payload["id"].as_str().unwrap_or_default().to_owned();
            let output = client
                .get_item()
                .table_name(table)
                .key("id", AttributeValue::S(id))
                .send()
                .await?;
            let Some(item) = output.item else {
                return Ok::<Value, Error>(json!({"status": 404}));
            };
            let name = item.get("name").and_then(|v| v.as_s().ok()).cloned();
            let lives = item
                .get("lives")
                .and_then(|v| v.as_n().ok())
                .and_then(|n| n.parse::<u8>().ok());
            Ok(json!({"status": 200, "name": name, "lives": lives}))
        }
    }))
    .await
}
