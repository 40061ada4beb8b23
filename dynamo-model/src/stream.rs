//! DynamoDB Streams: each record of a stream event as a typed change of a model (or, for a
//! shared table, of a [`Collection`](crate::Collection) enum dispatching by entity name).
//!
//! ```
//! use dynamo_model::stream::{self, Change};
//! use dynamo_model::Model;
//!
//! #[derive(Model, Debug, PartialEq)]
//! struct Cat {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     lives: u8,
//! }
//!
//! // What a Lambda function subscribed to the table's stream receives.
//! let event = r#"{"Records": [{
//!     "eventID": "1", "eventName": "MODIFY",
//!     "dynamodb": {
//!         "Keys": {"id": {"S": "c1"}},
//!         "OldImage": {"id": {"S": "c1"}, "lives": {"N": "9"}},
//!         "NewImage": {"id": {"S": "c1"}, "lives": {"N": "8"}},
//!         "SequenceNumber": "111", "StreamViewType": "NEW_AND_OLD_IMAGES"
//!     }
//! }]}"#;
//! for record in stream::records_from_json::<Cat>(event)? {
//!     match record?.change {
//!         Change::Modified { old, new, .. } => {
//!             println!("{:?} -> {:?}", old.map(|c| c.lives), new.map(|c| c.lives));
//!         }
//!         Change::Inserted { .. } | Change::Removed { .. } => {}
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde_json::Value;

use crate::model::Model;
use crate::value::{ConversionError, Item};

/// What one stream record says happened to an item. An image is `None` when the stream's view
/// type does not carry it (`KEYS_ONLY`, or `NEW_IMAGE` for the old one).
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    /// The item was created (`INSERT`).
    Inserted {
        /// The item's key attributes.
        keys: Item,
        /// The item as written.
        new: Option<T>,
    },
    /// The item was changed (`MODIFY`).
    Modified {
        /// The item's key attributes.
        keys: Item,
        /// The item before.
        old: Option<T>,
        /// The item after.
        new: Option<T>,
    },
    /// The item was deleted, or expired by time to live (`REMOVE`).
    Removed {
        /// The item's key attributes.
        keys: Item,
        /// The item as it was.
        old: Option<T>,
    },
}

/// One decoded stream record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<T> {
    /// The record's `eventID`.
    pub event_id: String,
    /// The record's `SequenceNumber`: what a Lambda partial batch response names to retry
    /// from this record on.
    pub sequence_number: Option<String>,
    /// What happened.
    pub change: Change<T>,
}

/// A type a stream image can be read as: every model, an [`Item`] (kept as it is), and a
/// [`Collection`](crate::Collection) enum, which dispatches by entity name.
pub trait StreamImage: Sized {
    /// Reads an image.
    fn from_image(image: Item) -> Result<Self, ConversionError>;
}

impl<M: Model> StreamImage for M {
    fn from_image(image: Item) -> Result<Self, ConversionError> {
        M::from_item(image)
    }
}

impl StreamImage for Item {
    fn from_image(image: Item) -> Result<Self, ConversionError> {
        Ok(image)
    }
}

/// A record that did not decode: which record, which part of it, and why. The other records
/// of the event decode regardless, so a handler can report just this one as failed.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    /// The record's position in the event.
    pub position: usize,
    /// Its `eventID`, if it had one.
    pub event_id: Option<String>,
    /// Its `SequenceNumber`, if it had one.
    pub sequence_number: Option<String>,
    /// The part that did not decode: `Keys`, `NewImage`, `OldImage`, `eventName`, ...
    pub part: &'static str,
    /// Why, naming the attribute.
    pub error: Box<ConversionError>,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stream record {}", self.position)?;
        if let Some(id) = &self.event_id {
            write!(f, " (eventID {id})")?;
        }
        write!(f, ", {}: {}", self.part, self.error)
    }
}

impl std::error::Error for RecordError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.error)
    }
}

/// Decodes the records of a stream event in its JSON form (what a Lambda function receives,
/// `{"Records": [...]}`, or the bare array), each into a change of `T`. One result per record,
/// in order: nothing is dropped. Fails as a whole only when the text is not such an event.
pub fn records_from_json<T: StreamImage>(
    text: &str,
) -> Result<Vec<Result<Record<T>, RecordError>>, ConversionError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ConversionError::custom(format!("not a stream event: {e}")))?;
    let records = match &value {
        Value::Object(event) => event.get("Records").and_then(Value::as_array),
        Value::Array(records) => Some(records),
        _ => None,
    }
    .ok_or_else(|| {
        ConversionError::custom(
            "not a stream event: expected {\"Records\": [...]} or an array of records",
        )
    })?;
    Ok(records
        .iter()
        .enumerate()
        .map(|(position, record)| record_from_json(position, record))
        .collect())
}

/// Decodes the records of a stream event as the `aws_lambda_events` crate gives it to a Lambda
/// function (`LambdaEvent<aws_lambda_events::event::dynamodb::Event>`), each into a change of
/// `T`: no converting between its attribute values and the SDK's by hand. One result per record,
/// in order.
#[cfg(feature = "lambda-events")]
pub fn records_from_event<T: StreamImage>(
    event: aws_lambda_events::event::dynamodb::Event,
) -> Vec<Result<Record<T>, RecordError>> {
    // The crate gives an absent image as an empty one; no item is empty, since it has a key.
    let image =
        |item: serde_dynamo::Item| -> Option<Item> { (!item.is_empty()).then(|| item.into()) };
    event
        .records
        .into_iter()
        .enumerate()
        .map(|(position, record)| {
            let change = record.change;
            let raw = RawRecord {
                event_id: Some(record.event_id),
                sequence_number: change.sequence_number,
                event_name: Some(record.event_name),
                keys: image(change.keys),
                new: image(change.new_image),
                old: image(change.old_image),
            };
            decode(position, raw)
        })
        .collect()
}

/// What the parts of one record are, before they are decoded as `T`.
pub(crate) struct RawRecord {
    pub event_id: Option<String>,
    pub sequence_number: Option<String>,
    pub event_name: Option<String>,
    pub keys: Option<Item>,
    pub new: Option<Item>,
    pub old: Option<Item>,
}

fn record_from_json<T: StreamImage>(
    position: usize,
    record: &Value,
) -> Result<Record<T>, RecordError> {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    let change = record.get("dynamodb");
    let event_id = text(record.get("eventID"));
    let sequence_number = text(change.and_then(|c| c.get("SequenceNumber")));
    let image = |part: &'static str| -> Result<Option<Item>, RecordError> {
        change
            .and_then(|c| c.get(part))
            .map(|image| {
                crate::json::item_from_json(image).map_err(|error| RecordError {
                    position,
                    event_id: event_id.clone(),
                    sequence_number: sequence_number.clone(),
                    part,
                    error: Box::new(error),
                })
            })
            .transpose()
    };
    let (keys, new, old) = (image("Keys")?, image("NewImage")?, image("OldImage")?);
    let raw = RawRecord {
        event_id,
        sequence_number,
        event_name: text(record.get("eventName")),
        keys,
        new,
        old,
    };
    decode(position, raw)
}

/// Decodes the parts of one record as a change of `T`.
pub(crate) fn decode<T: StreamImage>(
    position: usize,
    raw: RawRecord,
) -> Result<Record<T>, RecordError> {
    let fail = |part: &'static str, error: ConversionError| RecordError {
        position,
        event_id: raw.event_id.clone(),
        sequence_number: raw.sequence_number.clone(),
        part,
        error: Box::new(error),
    };
    let read = |part: &'static str, image: Option<Item>| -> Result<Option<T>, RecordError> {
        image
            .map(|image| T::from_image(image).map_err(|e| fail(part, e)))
            .transpose()
    };
    let keys = raw.keys.clone().unwrap_or_default();
    let change = match raw.event_name.as_deref() {
        Some("INSERT") => Change::Inserted {
            keys,
            new: read("NewImage", raw.new.clone())?,
        },
        Some("MODIFY") => Change::Modified {
            keys,
            old: read("OldImage", raw.old.clone())?,
            new: read("NewImage", raw.new.clone())?,
        },
        Some("REMOVE") => Change::Removed {
            keys,
            old: read("OldImage", raw.old.clone())?,
        },
        other => {
            return Err(fail(
                "eventName",
                ConversionError::custom(format!(
                    "expected INSERT, MODIFY or REMOVE, found {}",
                    other.map_or_else(|| "none".to_owned(), |name| format!("`{name}`"))
                )),
            ));
        }
    };
    Ok(Record {
        event_id: raw.event_id.unwrap_or_default(),
        sequence_number: raw.sequence_number,
        change,
    })
}
