//! What the benchmarks share: a realistic 20-attribute model and a small 3-attribute one, each
//! with the derive, serde derives (for serde_dynamo) and a hand-written conversion; and a local
//! HTTP server that answers DynamoDB requests with canned responses, so that client benchmarks
//! measure the client and not a database.

pub mod client_ops;

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;

use chrono::{DateTime, TimeZone, Utc};
use dynamo_model::{Attribute, AttributeValue, Item, Model};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A nested document.
#[derive(Attribute, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub zip: u32,
}

/// A realistic model: strings, numbers, a bool, optional fields, a nested document, a list, a
/// string set and a timestamp; 20 attributes.
#[derive(Model, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamo(table = "users")]
pub struct User {
    #[dynamo(partition_key)]
    pub id: String,
    pub email: String,
    pub name: String,
    pub age: u32,
    pub score: f64,
    pub active: bool,
    pub nickname: Option<String>,
    pub phone: Option<String>,
    pub address: Address,
    pub tags: BTreeSet<String>,
    pub logins: Vec<u64>,
    pub created: DateTime<Utc>,
    pub plan: String,
    pub credits: i64,
    pub referrer: Option<String>,
    pub locale: String,
    pub timezone: String,
    pub verified: bool,
    pub visits: u64,
    pub bio: String,
}

/// A small model: three attributes.
#[derive(Model, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamo(table = "counters")]
pub struct Counter {
    #[dynamo(partition_key)]
    pub id: String,
    pub count: u64,
    pub label: String,
}

/// The table of the single-table model.
#[derive(dynamo_model::SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    entities(ShopOrder)
)]
pub struct Shop;

/// A model in a shared table: keys and an index key written from templates, the entity name
/// stored; 7 fields, 12 attributes.
#[derive(Model, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "CUSTOMER#{customer_id}",
    sort_key = "ORDER#{placed}#{order_id}",
    global_index(name = "gsi1", partition_key = "STATUS#{status}", sort_key = "ORDER#{order_id}")
)]
pub struct ShopOrder {
    pub customer_id: String,
    pub order_id: String,
    pub placed: u32,
    pub status: String,
    pub total_cents: u64,
    pub currency: String,
    pub note: Option<String>,
}

/// An order with every field set.
pub fn shop_order(n: u64) -> ShopOrder {
    ShopOrder {
        customer_id: format!("customer-{n}"),
        order_id: format!("order-{n}-0001"),
        placed: 20240601,
        status: "placed".into(),
        total_cents: 12_345 + n,
        currency: "EUR".into(),
        note: Some("leave at the door".into()),
    }
}

/// The single-table model by hand, keys formatted as a careful person would.
pub fn shop_order_to_item(order: &ShopOrder) -> Item {
    let mut item = Item::with_capacity(12);
    item.insert("customer_id".into(), s(&order.customer_id));
    item.insert("order_id".into(), s(&order.order_id));
    item.insert("placed".into(), n(order.placed));
    item.insert("status".into(), s(&order.status));
    item.insert("total_cents".into(), n(order.total_cents));
    item.insert("currency".into(), s(&order.currency));
    if let Some(note) = &order.note {
        item.insert("note".into(), s(note));
    }
    item.insert(
        "pk".into(),
        AttributeValue::S(format!("CUSTOMER#{}", order.customer_id)),
    );
    item.insert(
        "sk".into(),
        AttributeValue::S(format!("ORDER#{:010}#{}", order.placed, order.order_id)),
    );
    item.insert(
        "gsi1pk".into(),
        AttributeValue::S(format!("STATUS#{}", order.status)),
    );
    item.insert(
        "gsi1sk".into(),
        AttributeValue::S(format!("ORDER#{}", order.order_id)),
    );
    item.insert("_et".into(), s("order"));
    item
}

/// The single-table model read by hand, checking the entity name as the derive does.
pub fn shop_order_from_item(mut item: Item) -> Option<ShopOrder> {
    if take_s(&mut item, "_et").as_deref() != Some("order") {
        return None;
    }
    Some(ShopOrder {
        customer_id: take_s(&mut item, "customer_id")?,
        order_id: take_s(&mut item, "order_id")?,
        placed: take_n(&mut item, "placed")?,
        status: take_s(&mut item, "status")?,
        total_cents: take_n(&mut item, "total_cents")?,
        currency: take_s(&mut item, "currency")?,
        note: take_s(&mut item, "note"),
    })
}

/// A user with every field set.
pub fn user(n: u64) -> User {
    User {
        id: format!("user-{n}"),
        email: format!("user{n}@example.com"),
        name: "Ada Lovelace".into(),
        age: 36,
        score: 98.25,
        active: true,
        nickname: Some("ada".into()),
        phone: None,
        address: Address {
            street: "12 St James's Square".into(),
            city: "London".into(),
            zip: 10001,
        },
        tags: BTreeSet::from(["admin".into(), "beta".into(), "math".into()]),
        logins: vec![1_700_000_000, 1_700_000_100, 1_700_000_200],
        created: Utc.with_ymd_and_hms(2024, 6, 1, 12, 30, 5).unwrap(),
        plan: "pro".into(),
        credits: 1200,
        referrer: Some("user-1".into()),
        locale: "en-GB".into(),
        timezone: "Europe/London".into(),
        verified: true,
        visits: 4821,
        bio: "Mathematician and writer, known for work on the Analytical Engine.".into(),
    }
}

/// A small item.
pub fn counter(n: u64) -> Counter {
    Counter {
        id: format!("counter-{n}"),
        count: n,
        label: "clicks".into(),
    }
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

fn n(number: impl ToString) -> AttributeValue {
    AttributeValue::N(number.to_string())
}

/// The conversion a careful person writes by hand, producing the same item as the derive.
pub fn user_to_item(user: &User) -> Item {
    let mut item = Item::with_capacity(20);
    item.insert("id".into(), s(&user.id));
    item.insert("email".into(), s(&user.email));
    item.insert("name".into(), s(&user.name));
    item.insert("age".into(), n(user.age));
    item.insert("score".into(), n(user.score));
    item.insert("active".into(), AttributeValue::Bool(user.active));
    if let Some(nickname) = &user.nickname {
        item.insert("nickname".into(), s(nickname));
    }
    if let Some(phone) = &user.phone {
        item.insert("phone".into(), s(phone));
    }
    let mut address = HashMap::with_capacity(3);
    address.insert("street".into(), s(&user.address.street));
    address.insert("city".into(), s(&user.address.city));
    address.insert("zip".into(), n(user.address.zip));
    item.insert("address".into(), AttributeValue::M(address));
    if !user.tags.is_empty() {
        item.insert(
            "tags".into(),
            AttributeValue::Ss(user.tags.iter().cloned().collect()),
        );
    }
    item.insert(
        "logins".into(),
        AttributeValue::L(user.logins.iter().map(|l| n(*l)).collect()),
    );
    item.insert(
        "created".into(),
        s(&user.created.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string()),
    );
    item.insert("plan".into(), s(&user.plan));
    item.insert("credits".into(), n(user.credits));
    if let Some(referrer) = &user.referrer {
        item.insert("referrer".into(), s(referrer));
    }
    item.insert("locale".into(), s(&user.locale));
    item.insert("timezone".into(), s(&user.timezone));
    item.insert("verified".into(), AttributeValue::Bool(user.verified));
    item.insert("visits".into(), n(user.visits));
    item.insert("bio".into(), s(&user.bio));
    item
}

fn take_s(item: &mut Item, name: &str) -> Option<String> {
    match item.remove(name) {
        Some(AttributeValue::S(text)) => Some(text),
        _ => None,
    }
}

fn take_n<T: std::str::FromStr>(item: &mut Item, name: &str) -> Option<T> {
    match item.remove(name) {
        Some(AttributeValue::N(text)) => text.parse().ok(),
        _ => None,
    }
}

fn take_bool(item: &mut Item, name: &str) -> Option<bool> {
    match item.remove(name) {
        Some(AttributeValue::Bool(b)) => Some(b),
        _ => None,
    }
}

/// The hand-written read, with the same checks as the derive (every required attribute present
/// and of the right type).
pub fn user_from_item(mut item: Item) -> Option<User> {
    let mut address = match item.remove("address") {
        Some(AttributeValue::M(map)) => map,
        _ => return None,
    };
    let tags = match item.remove("tags") {
        Some(AttributeValue::Ss(tags)) => tags.into_iter().collect(),
        None => BTreeSet::new(),
        _ => return None,
    };
    let logins = match item.remove("logins") {
        Some(AttributeValue::L(list)) => list
            .into_iter()
            .map(|v| match v {
                AttributeValue::N(text) => text.parse().ok(),
                _ => None,
            })
            .collect::<Option<Vec<u64>>>()?,
        _ => return None,
    };
    let created = DateTime::parse_from_rfc3339(&take_s(&mut item, "created")?)
        .ok()?
        .with_timezone(&Utc);
    Some(User {
        id: take_s(&mut item, "id")?,
        email: take_s(&mut item, "email")?,
        name: take_s(&mut item, "name")?,
        age: take_n(&mut item, "age")?,
        score: take_n(&mut item, "score")?,
        active: take_bool(&mut item, "active")?,
        nickname: take_s(&mut item, "nickname"),
        phone: take_s(&mut item, "phone"),
        address: Address {
            street: take_s(&mut address, "street")?,
            city: take_s(&mut address, "city")?,
            zip: take_n(&mut address, "zip")?,
        },
        tags,
        logins,
        created,
        plan: take_s(&mut item, "plan")?,
        credits: take_n(&mut item, "credits")?,
        referrer: take_s(&mut item, "referrer"),
        locale: take_s(&mut item, "locale")?,
        timezone: take_s(&mut item, "timezone")?,
        verified: take_bool(&mut item, "verified")?,
        visits: take_n(&mut item, "visits")?,
        bio: take_s(&mut item, "bio")?,
    })
}

/// The small model by hand.
pub fn counter_to_item(counter: &Counter) -> Item {
    let mut item = Item::with_capacity(3);
    item.insert("id".into(), s(&counter.id));
    item.insert("count".into(), n(counter.count));
    item.insert("label".into(), s(&counter.label));
    item
}

/// The small model read by hand.
pub fn counter_from_item(mut item: Item) -> Option<Counter> {
    Some(Counter {
        id: take_s(&mut item, "id")?,
        count: take_n(&mut item, "count")?,
        label: take_s(&mut item, "label")?,
    })
}

/// Starts an HTTP server on a free loopback port that answers every DynamoDB call with a
/// canned response chosen by the `X-Amz-Target` header: `GetItem` gives `item`, `Query` gives
/// `page` (with `Count`), `UpdateItem` gives `item` as `Attributes`, and anything else `{}`.
pub async fn canned_dynamodb(item: &Item, page: &[Item]) -> SocketAddr {
    let json_item = dynamo_model::json::item_to_string(item);
    let items: Vec<String> = page
        .iter()
        .map(dynamo_model::json::item_to_string)
        .collect();
    let get = format!(r#"{{"Item":{json_item}}}"#);
    let update = format!(r#"{{"Attributes":{json_item}}}"#);
    let query = format!(
        r#"{{"Items":[{}],"Count":{},"ScannedCount":{}}}"#,
        items.join(","),
        page.len(),
        page.len()
    );
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(error) => panic!("cannot bind the canned server: {error}"),
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => panic!("no address for the canned server: {error}"),
    };
    let responses = std::sync::Arc::new((get, update, query));
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let responses = responses.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut reader = BufReader::new(read);
                loop {
                    let mut target = String::new();
                    let mut length = 0usize;
                    let mut line = String::new();
                    // Headers until the blank line.
                    loop {
                        line.clear();
                        match reader.read_line(&mut line).await {
                            Ok(0) | Err(_) => return,
                            Ok(_) => {}
                        }
                        let trimmed = line.trim_end();
                        if trimmed.is_empty() {
                            break;
                        }
                        let lower = trimmed.to_ascii_lowercase();
                        if let Some(value) = lower.strip_prefix("content-length:") {
                            length = value.trim().parse().unwrap_or(0);
                        } else if let Some(value) = lower.strip_prefix("x-amz-target:") {
                            target = value.trim().to_owned();
                        }
                    }
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).await.is_err() {
                        return;
                    }
                    let (get, update, query) = &*responses;
                    let answer: &str = if target.ends_with(".getitem") {
                        get
                    } else if target.ends_with(".updateitem") {
                        update
                    } else if target.ends_with(".query") {
                        query
                    } else {
                        "{}"
                    };
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\n\r\n{}",
                        answer.len(),
                        answer
                    );
                    if write.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    address
}
