//! Cursors: where the next page of a query or scan starts, as an opaque value that survives a
//! round trip through a string (an HTTP API's `next` token).

use std::fmt;
use std::str::FromStr;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{Map, Value};

use crate::db::CursorKey;
use crate::error::Error;
use crate::json::{item_from_json, item_to_json};
use crate::value::Item;

/// The longest cursor text `parse()` accepts, in characters. The largest start key DynamoDB
/// returns (a table's and an index's keys at their limits) encodes well within it.
pub const MAX_CURSOR_LEN: usize = 16 * 1024;

/// Where the next page of a query or scan starts. It remembers the table (by its name in
/// DynamoDB, so with the `Db`'s prefix: another stage or tenant refuses it), the index and the
/// last key it read; a page of another table or index, or a query of another partition key
/// value, refuses it with [`Error::InvalidCursor`] before anything is sent.
///
/// `to_string()` encodes it as URL-safe text, and `parse()` decodes that text (at most
/// [`MAX_CURSOR_LEN`] characters), so a cursor can be handed to a client and come back. The
/// text is not encrypted: it shows the key of the last item read. With
/// [`Db::with_cursor_key`](crate::Db::with_cursor_key) it is signed, and a cursor whose
/// signature does not match (forged or altered) is refused.
///
/// ```
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::Cursor;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Cat { #[dynamo(partition_key)] id: String }
/// let page = Cat::scan(db).page_size(25).page(None).await?;
/// let token: Option<String> = page.next.map(|cursor| cursor.to_string());
/// // ... later, from the client's request:
/// let cursor: Option<Cursor> = token.map(|t| t.parse()).transpose()?;
/// let next = Cat::scan(db).page_size(25).page(cursor).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    table: String,
    index: Option<String>,
    key: Item,
    signature: Option<Vec<u8>>,
}

impl Cursor {
    pub(crate) fn new(
        table: &str,
        index: Option<&str>,
        key: Item,
        signing: Option<&CursorKey>,
    ) -> Self {
        let mut cursor = Cursor {
            table: table.to_owned(),
            index: index.map(str::to_owned),
            key,
            signature: None,
        };
        cursor.signature = signing.map(|k| k.sign(cursor.contents().as_bytes()));
        cursor
    }

    /// The table, index and key, as the text encodes them (`t`, `i`, `k`).
    fn fields(&self) -> Map<String, Value> {
        let mut object = Map::new();
        object.insert("t".into(), Value::String(self.table.clone()));
        if let Some(index) = &self.index {
            object.insert("i".into(), Value::String(index.clone()));
        }
        object.insert("k".into(), item_to_json(&self.key));
        object
    }

    /// What a signature covers: the fields, as JSON.
    fn contents(&self) -> String {
        Value::Object(self.fields()).to_string()
    }

    /// The table (by its name in DynamoDB) the cursor belongs to.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The index the cursor belongs to, if it paged an index.
    pub fn index(&self) -> Option<&str> {
        self.index.as_deref()
    }

    /// The `ExclusiveStartKey` for a read of `table`/`index` (and, for a query, of the
    /// partition key `partition` has the value of), or an error if the cursor came from
    /// elsewhere or, with a `signing` key, is not signed by it.
    pub(crate) fn into_start_key(
        self,
        table: &str,
        index: Option<&str>,
        partition: Option<(&str, &AttributeValue)>,
        signing: Option<&CursorKey>,
    ) -> Result<Item, Error> {
        let invalid = |reason: String| Err(Error::InvalidCursor { reason });
        if let Some(key) = signing {
            match &self.signature {
                Some(signature) if key.verify(self.contents().as_bytes(), signature) => {}
                Some(_) => {
                    return invalid(
                        "its signature does not match: it was altered or forged".into(),
                    );
                }
                None => return invalid("it is not signed, and this Db signs its cursors".into()),
            }
        }
        if self.table != table || self.index.as_deref() != index {
            let place = |t: &str, i: Option<&str>| match i {
                Some(i) => format!("index `{i}` of table `{t}`"),
                None => format!("table `{t}`"),
            };
            return invalid(format!(
                "the cursor pages {}, not {}",
                place(&self.table, self.index.as_deref()),
                place(table, index)
            ));
        }
        if let Some((name, value)) = partition
            && self.key.get(name) != Some(value)
        {
            return invalid(format!(
                "the cursor pages another value of the partition key `{name}` than this query"
            ));
        }
        Ok(self.key)
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut object = self.fields();
        if let Some(signature) = &self.signature {
            object.insert(
                "s".into(),
                Value::String(base64_simd::URL_SAFE_NO_PAD.encode_to_string(signature)),
            );
        }
        let json = Value::Object(object).to_string();
        f.write_str(&base64_simd::URL_SAFE_NO_PAD.encode_to_string(json))
    }
}

impl FromStr for Cursor {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = |reason: String| Error::InvalidCursor { reason };
        if text.len() > MAX_CURSOR_LEN {
            return Err(invalid(format!(
                "it is {} characters long; a cursor is at most {MAX_CURSOR_LEN}",
                text.len()
            )));
        }
        let bytes = base64_simd::URL_SAFE_NO_PAD
            .decode_to_vec(text)
            .map_err(|_| invalid("it is not a cursor's text".into()))?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|_| invalid("it is not a cursor's text".into()))?;
        let field = |name: &str| value.get(name);
        let table = match field("t") {
            Some(Value::String(table)) => table.clone(),
            _ => return Err(invalid("it names no table".into())),
        };
        let index = match field("i") {
            Some(Value::String(index)) => Some(index.clone()),
            None => None,
            Some(_) => return Err(invalid("its index is not a name".into())),
        };
        let key = match field("k") {
            Some(key) => {
                item_from_json(key).map_err(|e| invalid(format!("its key is invalid: {e}")))?
            }
            None => return Err(invalid("it holds no key".into())),
        };
        let signature = match field("s") {
            Some(Value::String(signature)) => Some(
                base64_simd::URL_SAFE_NO_PAD
                    .decode_to_vec(signature)
                    .map_err(|_| invalid("its signature is not base64".into()))?,
            ),
            None => None,
            Some(_) => return Err(invalid("its signature is not text".into())),
        };
        Ok(Cursor {
            table,
            index,
            key,
            signature,
        })
    }
}
