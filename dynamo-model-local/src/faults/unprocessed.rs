//! Batch calls that come back with items unprocessed: half of a call's items held back from the
//! engine, and returned in `UnprocessedItems`/`UnprocessedKeys` as DynamoDB does under
//! throttling.

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use serde_json::{Map, Value};

use super::{State, body_json};

/// The items a batch call held back, by table, to return as unprocessed.
pub(super) struct Held {
    pub(super) operation: String,
    /// For BatchWriteItem: table → write requests. For BatchGetItem: table → the
    /// KeysAndAttributes with only the held-back keys.
    pub(super) by_table: Map<String, Value>,
    pub(super) count: u64,
}

/// Takes half of a batch call's items out of the request, which goes on with the rest.
pub(super) fn hold_back(state: &State, operation: &str, request: &mut HttpRequest) -> Option<Held> {
    let mut body = body_json(request)?;
    let items = body.get_mut("RequestItems")?.as_object_mut()?;
    // Every item, as (table, index within the table).
    let mut all: Vec<(String, usize)> = Vec::new();
    for (table, entry) in items.iter() {
        let len = match operation {
            "BatchWriteItem" => entry.as_array().map_or(0, Vec::len),
            _ => entry
                .get("Keys")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        };
        all.extend((0..len).map(|i| (table.clone(), i)));
    }
    let count = all.len() / 2;
    if count == 0 {
        return None;
    }
    let chosen: Vec<(String, usize)> = state
        .pick(all.len(), count)
        .into_iter()
        .map(|i| all[i].clone())
        .collect();
    let mut by_table = Map::new();
    for (table, entry) in items.iter_mut() {
        let mine: Vec<usize> = chosen
            .iter()
            .filter(|(t, _)| t == table)
            .map(|(_, i)| *i)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let list = match operation {
            "BatchWriteItem" => entry.as_array_mut(),
            _ => entry.get_mut("Keys").and_then(Value::as_array_mut),
        }?;
        let mut kept = Vec::new();
        let mut taken = Vec::new();
        for (i, item) in std::mem::take(list).into_iter().enumerate() {
            if mine.contains(&i) {
                taken.push(item);
            } else {
                kept.push(item);
            }
        }
        *list = kept;
        let returned = match operation {
            "BatchWriteItem" => Value::Array(taken),
            _ => {
                let mut keys = entry.as_object()?.clone();
                keys.insert("Keys".to_owned(), Value::Array(taken));
                Value::Object(keys)
            }
        };
        by_table.insert(table.clone(), returned);
    }
    // A table left with nothing to do is dropped from the call (DynamoDB refuses an empty one).
    items.retain(|_, entry| match entry {
        Value::Array(list) => !list.is_empty(),
        other => other
            .get("Keys")
            .and_then(Value::as_array)
            .is_some_and(|keys| !keys.is_empty()),
    });
    let bytes = serde_json::to_vec(&Value::Object(body)).ok()?;
    request
        .headers_mut()
        .insert("content-length", bytes.len().to_string());
    *request.body_mut() = SdkBody::from(bytes);
    Some(Held {
        operation: operation.to_owned(),
        by_table,
        count: count as u64,
    })
}

/// Adds the held-back items to the answer's unprocessed items.
pub(super) async fn return_unprocessed(
    mut response: HttpResponse,
    held: Held,
) -> Result<HttpResponse, ConnectorError> {
    if response.status().as_u16() != 200 {
        return Ok(response);
    }
    let bytes = ByteStream::new(response.take_body())
        .collect()
        .await
        .map_err(|e| ConnectorError::io(e.into()))?
        .into_bytes();
    let mut body: Map<String, Value> = match serde_json::from_slice(&bytes) {
        Ok(Value::Object(body)) => body,
        _ => {
            *response.body_mut() = SdkBody::from(bytes);
            return Ok(response);
        }
    };
    let field = if held.operation == "BatchWriteItem" {
        "UnprocessedItems"
    } else {
        "UnprocessedKeys"
    };
    let unprocessed = body
        .entry(field)
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(unprocessed) = unprocessed {
        for (table, returned) in held.by_table {
            match (unprocessed.get_mut(&table), returned) {
                (Some(Value::Array(list)), Value::Array(more)) => list.extend(more),
                (Some(Value::Object(existing)), Value::Object(more)) => {
                    if let (Some(Value::Array(keys)), Some(Value::Array(more_keys))) =
                        (existing.get_mut("Keys"), more.get("Keys"))
                    {
                        keys.extend(more_keys.iter().cloned());
                    }
                }
                (_, returned) => {
                    unprocessed.insert(table, returned);
                }
            }
        }
    }
    let bytes =
        serde_json::to_vec(&Value::Object(body)).map_err(|e| ConnectorError::io(e.into()))?;
    response
        .headers_mut()
        .insert("content-length", bytes.len().to_string());
    *response.body_mut() = SdkBody::from(bytes);
    Ok(response)
}
