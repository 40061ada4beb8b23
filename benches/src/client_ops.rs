//! The four client operations of the overhead benchmarks, each through dynamo-model and as the
//! raw SDK call that sends the same request and reads the answer into the same struct. Both
//! `benches/client.rs` (criterion, time per call) and the `client_overhead` binary (ratios
//! measured side by side) run these.

use dynamo_model::AttributeValue;
use dynamo_model::prelude::*;
use dynamo_model::sdk::Client;
use dynamo_model::sdk::types::ReturnValue;

use crate::{User, user_from_item, user_to_item};

/// Puts `user` through the library.
pub async fn odm_put(db: &Db, user: &mut User) {
    user.put(db).await.unwrap_or_else(|e| panic!("{e}"));
}

/// Puts `user` with the raw SDK.
pub async fn raw_put(client: &Client, user: &User) {
    client
        .put_item()
        .table_name("users")
        .set_item(Some(user_to_item(user)))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
}

/// Gets `user-1` through the library.
pub async fn odm_get(db: &Db) -> User {
    User::get(db, "user-1")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the canned server always has the item"))
}

/// Gets `user-1` with the raw SDK.
pub async fn raw_get(client: &Client) -> User {
    let output = client
        .get_item()
        .table_name("users")
        .key("id", AttributeValue::S("user-1".into()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    output
        .item
        .and_then(user_from_item)
        .unwrap_or_else(|| panic!("the canned item reads as a user"))
}

/// Queries one page of 100 users through the library.
pub async fn odm_query(db: &Db) -> Vec<User> {
    User::query(db, "user-1")
        .page(None)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .items
}

/// Queries one page of 100 users with the raw SDK.
pub async fn raw_query(client: &Client) -> Vec<User> {
    let output = client
        .query()
        .table_name("users")
        .key_condition_expression("#n0 = :v0")
        .expression_attribute_names("#n0", "id")
        .expression_attribute_values(":v0", AttributeValue::S("user-1".into()))
        .consistent_read(false)
        .scan_index_forward(true)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    output
        .items
        .unwrap_or_default()
        .into_iter()
        .map(|item| user_from_item(item).unwrap_or_else(|| panic!("a canned user")))
        .collect()
}

/// Increments `visits` and sets `name` through the library, reading the new item.
pub async fn odm_update(db: &Db) -> User {
    let f = User::fields();
    User::update(db, "user-1")
        .increment(&f.visits, 1u64)
        .set(&f.name, "Ada")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The same update with the raw SDK.
pub async fn raw_update(client: &Client) -> User {
    let output = client
        .update_item()
        .table_name("users")
        .key("id", AttributeValue::S("user-1".into()))
        .update_expression("SET #n0 = #n0 + :v0, #n1 = :v1")
        .expression_attribute_names("#n0", "visits")
        .expression_attribute_names("#n1", "name")
        .expression_attribute_values(":v0", AttributeValue::N("1".into()))
        .expression_attribute_values(":v1", AttributeValue::S("Ada".into()))
        .return_values(ReturnValue::AllNew)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    output
        .attributes
        .and_then(user_from_item)
        .unwrap_or_else(|| panic!("the canned item reads as a user"))
}

/// Two runtimes and a `Db`/`Client` pair on a canned server: the server answers on a runtime of
/// its own, so that its work does not share the measured runtime's thread.
pub struct Setup {
    /// The runtime the measured calls run on (one worker).
    pub runtime: tokio::runtime::Runtime,
    /// Kept alive: the canned server's runtime.
    pub server: tokio::runtime::Runtime,
    /// The library's handle on the canned server.
    pub db: Db,
    /// The raw SDK client on the same server.
    pub client: Client,
}

/// Starts the canned server with one user item and a page of 100.
pub fn setup() -> Setup {
    let runtime = one_worker();
    let server = one_worker();
    let item = crate::user(1).to_item().unwrap_or_else(|e| panic!("{e}"));
    let page: Vec<_> = (0..100)
        .map(|n| crate::user(n).to_item().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let address = server.block_on(crate::canned_dynamodb(&item, &page));
    let db = Db::local(format!("http://{address}"));
    let client = db.client().clone();
    Setup {
        runtime,
        server,
        db,
        client,
    }
}

fn one_worker() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("a tokio runtime: {e}"))
}
