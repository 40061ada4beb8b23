//! What the engine under test emulates, measured: one probe per DynamoDB behaviour that local
//! engines are known to differ on, each answered by sending the engine what DynamoDB would be
//! sent. The answers must be the ones `docs/testing.md` states for this engine, so the table
//! there is the suite's measurement, not a claim; a new engine version that gains or loses a
//! behaviour fails here until the table says so.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;

use dynamo_model::sdk::types::{
    AttributeValue, KeySchemaElement, KeyType, ReturnConsumedCapacity, TransactWriteItem, Update,
};
use dynamo_model::value::{MAX_ITEM_SIZE, item_size};
use dynamo_model::{Db, Item};
use dynamo_model::{prelude::*, sdk::types::StreamViewType};
use dynamo_model_local::{Engine, LocalEngine};

/// A table with a global index keyed on `kind`.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "probes",
    global_index(name = "by_kind", partition_key = "kind")
)]
struct Probe {
    #[dynamo(partition_key)]
    id: String,
    kind: String,
    body: String,
    #[dynamo(ttl)]
    expires: Option<u64>,
}

/// A table with a multi-attribute index key.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "probe_places", global_index(name = "by_place", partition_key = ["country", "city"]))]
struct Place {
    #[dynamo(partition_key)]
    id: String,
    country: String,
    city: String,
}

fn probe(id: &str, body_len: usize) -> Probe {
    Probe {
        id: id.into(),
        kind: "k".into(),
        body: "x".repeat(body_len),
        expires: None,
    }
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.into())
}

/// A strongly consistent read sees the write before it, and a strongly consistent query of a
/// global index is refused: DynamoDB's indexes are eventually consistent only.
async fn consistent_reads(db: &Db) -> &'static str {
    probe("c", 1).put(db).await.unwrap();
    let read = Probe::get(db, "c").consistent_read(true).await.unwrap();
    let index = db
        .client()
        .query()
        .table_name(db.table_name_of::<Probe>())
        .index_name("by_kind")
        .key_condition_expression("kind = :k")
        .expression_attribute_values(":k", s("k"))
        .consistent_read(true)
        .send()
        .await;
    match (read.is_some(), index.is_err()) {
        (true, true) => "yes",
        (true, false) => "partly",
        _ => "no",
    }
}

/// An `ADD` of 1 to `counter` on the item `id` of `table`, as one transaction.
fn add_one(table: &str, id: &str) -> TransactWriteItem {
    let update = Update::builder()
        .table_name(table)
        .key("id", s(id))
        .update_expression("ADD #n :one")
        .expression_attribute_names("#n", "counter")
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .build()
        .unwrap();
    TransactWriteItem::builder().update(update).build()
}

/// Whether concurrent transactions on one item ever cancel each other with
/// `TransactionConflict`, as DynamoDB's do, or are applied one after the other.
async fn transaction_conflicts(db: &Db) -> &'static str {
    let table = db.table_name_of::<Probe>();
    let sends = (0..16).map(|_| {
        db.client()
            .transact_write_items()
            .transact_items(add_one(&table, "t"))
            .send()
    });
    let outcomes = futures::future::join_all(sends).await;
    let conflicts = outcomes
        .iter()
        .filter(|outcome| format!("{outcome:?}").contains("TransactionConflict"))
        .count();
    if conflicts > 0 { "yes" } else { "no" }
}

/// Whether a transaction sent twice with one `ClientRequestToken` is applied once.
async fn idempotency_tokens(db: &Db) -> &'static str {
    let table = db.table_name_of::<Probe>();
    for _ in 0..2 {
        db.client()
            .transact_write_items()
            .transact_items(add_one(&table, "i"))
            .client_request_token("probe-token")
            .send()
            .await
            .unwrap();
    }
    let item = tests::get_raw(db, "probes", ("id", s("i"))).await.unwrap();
    match item.get("counter") {
        Some(AttributeValue::N(n)) if n == "1" => "yes",
        _ => "no",
    }
}

/// Whether a put reports the index's write units apart (`ReturnConsumedCapacity=INDEXES`).
async fn capacity_per_index(db: &Db) -> &'static str {
    let put = db
        .client()
        .put_item()
        .table_name(db.table_name_of::<Probe>())
        .set_item(Some(probe("x", 1).to_item().unwrap()))
        .return_consumed_capacity(ReturnConsumedCapacity::Indexes)
        .send()
        .await
        .unwrap();
    let on_index = put
        .consumed_capacity()
        .and_then(|c| c.global_secondary_indexes())
        .and_then(|indexes| indexes.get("by_kind"))
        .and_then(|c| c.capacity_units());
    if on_index == Some(1.0) { "yes" } else { "no" }
}

/// Whether a 9 KB put costs 9 write units on the table and a strongly consistent read of it 3
/// read units.
async fn capacity_by_size(db: &Db) -> &'static str {
    let item = probe("big", 9_000).to_item().unwrap();
    let size = item_size(&item);
    let put = db
        .client()
        .put_item()
        .table_name(db.table_name_of::<Probe>())
        .set_item(Some(item))
        .return_consumed_capacity(ReturnConsumedCapacity::Indexes)
        .send()
        .await
        .unwrap();
    let get = db
        .client()
        .get_item()
        .table_name(db.table_name_of::<Probe>())
        .key("id", s("big"))
        .consistent_read(true)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .send()
        .await
        .unwrap();
    // The table's share: the put also costs the index `by_kind` its own.
    let units = |c: Option<&dynamo_model::sdk::types::ConsumedCapacity>| {
        c.and_then(|c| {
            c.table()
                .and_then(|t| t.capacity_units())
                .or(c.capacity_units())
        })
    };
    let expected = (size.div_ceil(1024) as f64, size.div_ceil(4096) as f64);
    if (
        units(put.consumed_capacity()),
        units(get.consumed_capacity()),
    ) == (Some(expected.0), Some(expected.1))
    {
        "yes"
    } else {
        "no"
    }
}

/// Whether a table created with a stream records a put in it, read back through the DynamoDB
/// Streams API (`DescribeStream`, `GetShardIterator`, `GetRecords`) on the same endpoint.
async fn streams(endpoint: &str, db: &Db) -> &'static str {
    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = "probe_streamed")]
    struct Streamed {
        #[dynamo(partition_key)]
        id: String,
    }
    Streamed::table()
        .stream(StreamViewType::NewAndOldImages)
        .create(db)
        .await
        .unwrap();
    Streamed { id: "s".into() }.put(db).await.unwrap();
    let described = Streamed::table().describe(db).await.unwrap().unwrap();
    let Some(arn) = described.latest_stream_arn() else {
        return "no";
    };
    let call = |target: &str, body: serde_json::Value| streams_call(endpoint, target, &body);
    let Some(stream) = call("DescribeStream", serde_json::json!({ "StreamArn": arn })) else {
        return "no";
    };
    let Some(shard) = stream["StreamDescription"]["Shards"][0]["ShardId"].as_str() else {
        return "no";
    };
    let iterator = call(
        "GetShardIterator",
        serde_json::json!({ "StreamArn": arn, "ShardId": shard, "ShardIteratorType": "TRIM_HORIZON" }),
    );
    let Some(iterator) = iterator.as_ref().and_then(|i| i["ShardIterator"].as_str()) else {
        return "no";
    };
    let records = call(
        "GetRecords",
        serde_json::json!({ "ShardIterator": iterator }),
    );
    match records.as_ref().and_then(|r| r["Records"].as_array()) {
        Some(records) if records.len() == 1 && records[0]["eventName"] == "INSERT" => "yes",
        _ => "no",
    }
}

/// One DynamoDB Streams call over plain HTTP (the SDK's streams client is not a dependency):
/// the answer's JSON, or `None` when the engine refused it. Local engines check that
/// credentials are present, not what they sign.
fn streams_call(
    endpoint: &str,
    target: &str,
    body: &serde_json::Value,
) -> Option<serde_json::Value> {
    let host = endpoint.trim_start_matches("http://");
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.0\r\n\
         X-Amz-Target: DynamoDBStreams_20120810.{target}\r\nX-Amz-Date: 20260101T000000Z\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=dynamomodel/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(host).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let (head, body) = answer.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    serde_json::from_str(body).ok()
}

/// Whether the engine deletes items whose time to live has passed. DynamoDB does, in the
/// background within days; the embedded engine does when asked (`LocalEngine::sweep_ttl`).
async fn ttl_deletion() -> &'static str {
    let engine = match tests::engine() {
        Some(Engine::Embedded) => LocalEngine::memory().unwrap(),
        // moto keeps expired items; no engine can be asked to sweep through DYNAMODB_ENDPOINT.
        _ => return "no",
    };
    let db = engine.db();
    Probe::table().create(&db).await.unwrap();
    Probe {
        expires: Some(1),
        ..probe("old", 1)
    }
    .put(&db)
    .await
    .unwrap();
    let deleted = engine.sweep_ttl().unwrap();
    let left = tests::get_raw(&db, "probes", ("id", s("old"))).await;
    if deleted == 1 && left.is_none() {
        "on demand"
    } else {
        "no"
    }
}

/// Whether a PartiQL `SELECT` with a parameter finds an item.
async fn partiql(db: &Db) -> &'static str {
    probe("p", 1).put(db).await.unwrap();
    let statement = format!(
        "SELECT * FROM \"{}\" WHERE id = ?",
        db.table_name_of::<Probe>()
    );
    let found = db
        .client()
        .execute_statement()
        .statement(statement)
        .parameters(s("p"))
        .send()
        .await;
    match found {
        Ok(output) if output.items().len() == 1 => "yes",
        _ => "no",
    }
}

/// Whether a table's stream can change view type: turned off, then on with another view.
async fn stream_view_change(db: &Db) -> &'static str {
    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = "probe_restreamed")]
    struct Restreamed {
        #[dynamo(partition_key)]
        id: String,
    }
    let first = Restreamed::table().stream(StreamViewType::NewImage);
    first.create(db).await.unwrap();
    let other = Restreamed::table().stream(StreamViewType::KeysOnly);
    match other.sync(db).await {
        Ok(synced) if synced.changed_settings == ["stream"] => "yes",
        _ => "no",
    }
}

/// Whether point-in-time recovery can be turned on (`UpdateContinuousBackups`).
async fn continuous_backups(db: &Db) -> &'static str {
    let recovery = dynamo_model::sdk::types::PointInTimeRecoverySpecification::builder()
        .point_in_time_recovery_enabled(true)
        .build()
        .unwrap();
    let answer = db
        .client()
        .update_continuous_backups()
        .table_name(db.table_name_of::<Probe>())
        .point_in_time_recovery_specification(recovery)
        .send()
        .await;
    match answer {
        Ok(_) => "yes",
        Err(_) => "no",
    }
}

/// Whether a global index keyed on two attributes is created and answers a query of both.
async fn multi_attribute_keys(db: &Db) -> &'static str {
    if Place::table().create(db).await.is_err() {
        return "no";
    }
    let description = Place::table().describe(db).await.unwrap().unwrap();
    let keys: Vec<&KeySchemaElement> = description
        .global_secondary_indexes()
        .iter()
        .flat_map(|index| index.key_schema())
        .collect();
    if keys
        .iter()
        .filter(|k| *k.key_type() == KeyType::Hash)
        .count()
        != 2
    {
        return "no";
    }
    Place {
        id: "1".into(),
        country: "FR".into(),
        city: "Paris".into(),
    }
    .put(db)
    .await
    .unwrap();
    match Place::indexes().by_place.query(db, ("FR", "Paris")).await {
        Ok(found) if found.len() == 1 => "yes",
        _ => "no",
    }
}

/// Whether `size()` of a missing attribute in a filter is simply false, as in DynamoDB.
async fn size_of_missing(db: &Db) -> &'static str {
    probe("m", 1).put(db).await.unwrap();
    let scan = db
        .client()
        .scan()
        .table_name(db.table_name_of::<Probe>())
        .filter_expression("size(#missing) > :zero")
        .expression_attribute_names("#missing", "missing")
        .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        .send()
        .await;
    match scan {
        Ok(output) if output.items().is_empty() => "yes",
        _ => "no",
    }
}

/// Whether an item of exactly 400 KB, counted as DynamoDB counts, is stored and one byte more
/// refused.
async fn item_size_limit(db: &Db) -> &'static str {
    let item = |id: &str, extra: usize| -> Item {
        let bare = Item::from([("id".to_owned(), s(id)), ("b".to_owned(), s(""))]);
        let fill = MAX_ITEM_SIZE - item_size(&bare) + extra;
        Item::from([
            ("id".to_owned(), s(id)),
            ("b".to_owned(), s(&"x".repeat(fill))),
        ])
    };
    let put = |item: Item| {
        db.client()
            .put_item()
            .table_name(db.table_name_of::<Probe>())
            .set_item(Some(item))
            .send()
    };
    match (put(item("at", 0)).await, put(item("over", 1)).await) {
        (Ok(_), Err(_)) => "yes",
        _ => "no",
    }
}

/// The answer `docs/testing.md` gives for each behaviour on the engine named `column`.
fn documented(column: &str) -> HashMap<String, String> {
    let guide = include_str!("../../../docs/testing.md");
    let section = guide
        .split("## What each engine emulates")
        .nth(1)
        .expect("docs/testing.md has a section `What each engine emulates`");
    // The section's first table.
    let mut rows = section
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'));
    let cells = |line: &str| -> Vec<String> {
        line.trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_owned())
            .collect()
    };
    let header = cells(rows.next().expect("a header row"));
    let at = header
        .iter()
        .position(|h| h.starts_with(column))
        .unwrap_or_else(|| panic!("no column for {column} in {header:?}"));
    rows.skip(1)
        .map(|row| {
            let row = cells(row);
            let answer = row[at].split(':').next().unwrap_or("").trim().to_owned();
            (row[0].clone(), answer)
        })
        .collect()
}

#[tokio::test]
async fn the_engine_table_in_the_testing_guide_is_what_this_engine_does() {
    let engine = LocalEngine::shared().unwrap();
    let db = tests::db();
    Probe::table().create(&db).await.unwrap();
    let measured: Vec<(&str, &str)> = vec![
        ("consistent reads", consistent_reads(&db).await),
        ("transaction conflicts", transaction_conflicts(&db).await),
        ("idempotency tokens", idempotency_tokens(&db).await),
        ("capacity per index", capacity_per_index(&db).await),
        ("capacity by item size", capacity_by_size(&db).await),
        ("Streams", streams(engine.endpoint(), &db).await),
        ("TTL deletion", ttl_deletion().await),
        ("PartiQL", partiql(&db).await),
        ("multi-attribute GSI keys", multi_attribute_keys(&db).await),
        ("size() of a missing attribute", size_of_missing(&db).await),
        ("400 KB item limit", item_size_limit(&db).await),
        ("point-in-time recovery", continuous_backups(&db).await),
        ("stream view type change", stream_view_change(&db).await),
    ];
    let Some(column) = tests::engine().map(Engine::name) else {
        // DYNAMODB_ENDPOINT: any engine; the table has no column for it.
        println!("{measured:#?}");
        return;
    };
    let documented = documented(column);
    let differing: Vec<String> = measured
        .iter()
        .filter(|(behaviour, answer)| {
            documented.get(*behaviour).map(String::as_str) != Some(answer)
        })
        .map(|(behaviour, answer)| {
            format!(
                "{behaviour}: measured `{answer}`, documented `{}`",
                documented
                    .get(*behaviour)
                    .map_or("(no row)", String::as_str)
            )
        })
        .collect();
    assert!(
        differing.is_empty(),
        "docs/testing.md's {column} column differs from what the engine does:\n{}",
        differing.join("\n")
    );
    assert_eq!(
        documented.len(),
        measured.len(),
        "a row per measured behaviour"
    );
}
