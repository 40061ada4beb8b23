//! A table's stream, read from a local engine, delivered to a stream handler as Lambda delivers
//! it: records in order, in batches, as DynamoDB Streams events. So an API handler and the stream
//! consumer it feeds are tested together.

use std::collections::BTreeMap;

use dynamo_model::Db;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What went wrong reading a stream.
#[derive(Debug)]
pub struct StreamError(String);

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StreamError {}

/// The stream of one table on a local engine (`http://` endpoint), read from its start, each
/// record once.
pub struct StreamReader {
    host: String,
    arn: String,
    /// Each shard's next iterator, in shard order.
    iterators: BTreeMap<String, Option<String>>,
}

impl StreamReader {
    /// The stream of `table` (its name as `db` addresses it, prefix included) on the engine at
    /// `endpoint`, read from its first record. The table must have a stream
    /// (`Table::stream(..)` when it was created).
    pub async fn open(db: &Db, endpoint: &str, table: &str) -> Result<Self, StreamError> {
        let described = db
            .client()
            .describe_table()
            .table_name(table)
            .send()
            .await
            .map_err(|e| StreamError(format!("cannot describe `{table}`: {e}")))?;
        let arn = described
            .table
            .and_then(|t| t.latest_stream_arn)
            .ok_or_else(|| StreamError(format!("`{table}` has no stream: create it with one")))?;
        let host = endpoint
            .strip_prefix("http://")
            .ok_or_else(|| StreamError(format!("{endpoint} is not a local http:// endpoint")))?
            .trim_end_matches('/')
            .to_owned();
        let mut reader = StreamReader {
            host,
            arn,
            iterators: BTreeMap::new(),
        };
        reader.discover_shards().await?;
        Ok(reader)
    }

    async fn discover_shards(&mut self) -> Result<(), StreamError> {
        let stream = self
            .call("DescribeStream", json!({ "StreamArn": self.arn }))
            .await?;
        let shards = stream["StreamDescription"]["Shards"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for shard in shards {
            let Some(id) = shard["ShardId"].as_str() else {
                continue;
            };
            if self.iterators.contains_key(id) {
                continue;
            }
            let iterator = self
                .call(
                    "GetShardIterator",
                    json!({ "StreamArn": self.arn, "ShardId": id, "ShardIteratorType": "TRIM_HORIZON" }),
                )
                .await?;
            let iterator = iterator["ShardIterator"].as_str().map(str::to_owned);
            self.iterators.insert(id.to_owned(), iterator);
        }
        Ok(())
    }

    /// The records written since the last read, in order, each as Lambda's event record (with
    /// its `eventSourceARN`).
    pub async fn next_records(&mut self) -> Result<Vec<Value>, StreamError> {
        self.discover_shards().await?;
        let mut records = Vec::new();
        let shards: Vec<String> = self.iterators.keys().cloned().collect();
        for shard in shards {
            while let Some(Some(iterator)) = self.iterators.get(&shard).cloned() {
                let page = self
                    .call("GetRecords", json!({ "ShardIterator": iterator }))
                    .await?;
                let got = page["Records"].as_array().cloned().unwrap_or_default();
                let next = page["NextShardIterator"].as_str().map(str::to_owned);
                self.iterators.insert(shard.clone(), next);
                if got.is_empty() {
                    break;
                }
                for mut record in got {
                    record["eventSourceARN"] = json!(self.arn);
                    records.push(record);
                }
            }
        }
        Ok(records)
    }

    /// One DynamoDB Streams call over plain HTTP: local engines check that credentials are
    /// present, not what they sign (the SDK's streams client is not a dependency).
    async fn call(&self, target: &str, body: Value) -> Result<Value, StreamError> {
        let body = body.to_string();
        let request = format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.0\r\n\
             X-Amz-Target: DynamoDBStreams_20120810.{target}\r\nX-Amz-Date: 20260101T000000Z\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential=harness/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            host = self.host,
        );
        let failed = |e: std::io::Error| StreamError(format!("{target} on {}: {e}", self.host));
        let mut stream = tokio::net::TcpStream::connect(&self.host)
            .await
            .map_err(failed)?;
        stream.write_all(request.as_bytes()).await.map_err(failed)?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.map_err(failed)?;
        let answer = String::from_utf8_lossy(&answer);
        let (head, body) = answer
            .split_once("\r\n\r\n")
            .ok_or_else(|| StreamError(format!("{target}: no HTTP answer")))?;
        if !head.starts_with("HTTP/1.1 200") {
            return Err(StreamError(format!("{target} refused: {head} {body}")));
        }
        serde_json::from_str(body).map_err(|e| StreamError(format!("{target}: {e}")))
    }
}

/// `records` as DynamoDB Streams events of at most `batch_size` records each, as Lambda
/// batches them for a function subscribed to the stream.
pub fn batches(records: Vec<Value>, batch_size: usize) -> Vec<Value> {
    records
        .chunks(batch_size.max(1))
        .map(|chunk| json!({ "Records": chunk }))
        .collect()
}
