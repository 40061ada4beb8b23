//! Cursors: where the next page of a query or scan starts, as an opaque value that survives a
//! round trip through a string (an HTTP API's `next` token).

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::json::{item_from_json, item_to_json};
use crate::value::Item;

/// Where the next page of a query or scan starts. It remembers the table and index it came from,
/// and a page of another table or index refuses it.
///
/// `to_string()` encodes it as URL-safe text, and `parse()` decodes that text, so a cursor can
/// be handed to a client and come back. The text is not encrypted: it shows the key of the last
/// item read.
///
/// ```
/// # async fn demo(db: &dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// use dynamo_model::ops::Cursor;
/// # use dynamo_model::prelude::*;
/// # #[derive(Model)] struct Cat { #[dynamo(hash_key)] id: String }
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
}

impl Cursor {
    pub(crate) fn new(table: &str, index: Option<&str>, key: Item) -> Self {
        Cursor {
            table: table.to_owned(),
            index: index.map(str::to_owned),
            key,
        }
    }

    /// The table (as the model names it) the cursor belongs to.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The index the cursor belongs to, if it paged an index.
    pub fn index(&self) -> Option<&str> {
        self.index.as_deref()
    }

    /// The `ExclusiveStartKey` for a read of `table`/`index`, or an error if the cursor came
    /// from elsewhere.
    pub(crate) fn into_start_key(self, table: &str, index: Option<&str>) -> Result<Item, Error> {
        if self.table != table || self.index.as_deref() != index {
            let place = |t: &str, i: Option<&str>| match i {
                Some(i) => format!("index `{i}` of table `{t}`"),
                None => format!("table `{t}`"),
            };
            return Err(Error::InvalidCursor {
                reason: format!(
                    "the cursor pages {}, not {}",
                    place(&self.table, self.index.as_deref()),
                    place(table, index)
                ),
            });
        }
        Ok(self.key)
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut object = Map::new();
        object.insert("t".into(), Value::String(self.table.clone()));
        if let Some(index) = &self.index {
            object.insert("i".into(), Value::String(index.clone()));
        }
        object.insert("k".into(), item_to_json(&self.key));
        let json = Value::Object(object).to_string();
        f.write_str(&base64_simd::URL_SAFE_NO_PAD.encode_to_string(json))
    }
}

impl FromStr for Cursor {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = |reason: String| Error::InvalidCursor { reason };
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
        Ok(Cursor { table, index, key })
    }
}
