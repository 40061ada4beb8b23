//! Items written by other tools read into models, and models written in the same shape: the
//! fixtures under `fixtures/` are DynamoDB JSON written by hand after AWS's documented formats
//! (the AWS CLI's `get-item` and `scan` output, the Music examples of the developer guide), a
//! Dynamoose item (dates as epoch milliseconds, saveUnknown attributes) and a boto3 item (NULL
//! for None, Decimal numbers, binary).

use std::collections::{BTreeSet, HashMap};

use dynamo_model::{Attribute, AttributeValue, Binary, Item, Model, ModelExt, json};
use rust_decimal::Decimal;
use tests::{db, get_raw_key, put_raw};

fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!("cannot read fixture {path}: {error}"),
    }
}

#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamo(rename_all = "PascalCase")]
struct SongTags {
    composers: Vec<String>,
    length_in_seconds: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "Music", rename_all = "PascalCase")]
struct Song {
    #[dynamo(partition_key)]
    artist: String,
    #[dynamo(sort_key)]
    song_title: String,
    album_title: String,
    year: u16,
    price: Decimal,
    genre: String,
    tags: SongTags,
    awards: BTreeSet<String>,
    ratings: BTreeSet<Decimal>,
    cover: Option<Binary>,
    explicit: bool,
    remix: Option<String>,
}

#[test]
fn the_cli_get_item_output_reads_into_a_model() {
    let item = json::item_from_str(&fixture("cli_get_item.json")).unwrap();
    let song = Song::from_item(item.clone()).unwrap();
    assert_eq!(song.artist, "Acme Band");
    assert_eq!(song.price, Decimal::new(247, 2));
    assert_eq!(song.tags.composers, ["Smith", "Jones", "Davis"]);
    assert_eq!(song.tags.length_in_seconds, 214);
    assert_eq!(
        song.awards,
        BTreeSet::from(["Best Album".into(), "Best Song".into()])
    );
    assert_eq!(song.ratings.len(), 3);
    assert_eq!(
        song.cover,
        Some(Binary(vec![
            0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'
        ]))
    );
    assert_eq!(song.remix, None, "NULL reads as None");

    // Written back, the item has the same shape, except that None is left out rather than NULL.
    let mut expected = item;
    expected.remove("Remix");
    let written = song.to_item().unwrap();
    assert_eq!(sorted_sets(written), sorted_sets(expected));
}

#[test]
fn the_cli_scan_output_reads_into_models() {
    let items = json::items_from_str(&fixture("cli_scan.json")).unwrap();
    let songs: Vec<Song> = items
        .into_iter()
        .map(Song::from_item)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(songs.len(), 2);
    assert_eq!(
        songs[0].tags.length_in_seconds, 180,
        "1.8E+2 is read exactly"
    );
    assert!(songs[0].awards.is_empty(), "an absent set reads as empty");
    assert!(songs[1].tags.composers.is_empty());
}

/// Sets come back from DynamoDB in any order; compare them as sets.
fn sorted_sets(item: Item) -> HashMap<String, AttributeValue> {
    item.into_iter()
        .map(|(name, value)| {
            let value = match value {
                AttributeValue::Ss(mut members) => {
                    members.sort();
                    AttributeValue::Ss(members)
                }
                AttributeValue::Ns(members) => {
                    let mut numbers: Vec<Decimal> =
                        members.iter().map(|n| n.parse().unwrap()).collect();
                    numbers.sort();
                    AttributeValue::Ns(numbers.iter().map(Decimal::to_string).collect())
                }
                other => other,
            };
            (name, value)
        })
        .collect()
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Person {
    name: String,
    phone: String,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamo(rename_all = "lowercase")]
enum Shape {
    Circle { radius: f64 },
    Square { side: f64 },
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "Cat", rename_all = "camelCase")]
struct DynamooseCat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
    indoor: bool,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    born: chrono::DateTime<chrono::Utc>,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    created_at: std::time::SystemTime,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    updated_at: std::time::SystemTime,
    toys: BTreeSet<String>,
    owner: Person,
    shape: Shape,
    weights: Vec<f64>,
    #[dynamo(flatten)]
    unknown: HashMap<String, AttributeValue>,
}

#[test]
fn a_dynamoose_item_reads_and_writes_back_unchanged() {
    let item = json::item_from_str(&fixture("dynamoose_cat.json")).unwrap();
    let cat = DynamooseCat::from_item(item.clone()).unwrap();
    assert_eq!(cat.born.timestamp_millis(), 1_717_245_005_123);
    assert_eq!(cat.shape, Shape::Circle { radius: 0.5 });
    assert_eq!(cat.owner.name, "Alice");
    assert_eq!(
        cat.unknown.len(),
        1,
        "saveUnknown's extra attribute is kept"
    );
    assert_eq!(sorted_sets(cat.to_item().unwrap()), sorted_sets(item));
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Line {
    sku: String,
    qty: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "orders")]
struct Order {
    #[dynamo(partition_key)]
    pk: String,
    #[dynamo(sort_key)]
    sk: u32,
    total: Decimal,
    paid: bool,
    coupon: Option<String>,
    lines: Vec<Line>,
    quantities: BTreeSet<u32>,
    signature: bytes::Bytes,
    checksums: BTreeSet<Binary>,
    placed: chrono::DateTime<chrono::FixedOffset>,
    id: uuid::Uuid,
}

#[test]
fn a_boto3_item_reads_with_exact_numbers_and_binary() {
    let item = json::item_from_str(&fixture("boto3_order.json")).unwrap();
    let order = Order::from_item(item).unwrap();
    assert_eq!(order.total.to_string(), "1234567890123456789.123456789");
    assert_eq!(order.coupon, None);
    assert_eq!(
        order.lines[1],
        Line {
            sku: "B-7".into(),
            qty: 1
        }
    );
    assert_eq!(order.quantities, BTreeSet::from([1, 2, 10]));
    assert_eq!(&order.signature[..], &[0, 1, 2, 255]);
    assert_eq!(
        order.checksums,
        BTreeSet::from([Binary(vec![1]), Binary(vec![2])])
    );
    assert_eq!(order.placed.timestamp_micros(), 1_717_245_005_123_456);
    assert_eq!(order.placed.offset().local_minus_utc(), 0);
}

#[tokio::test]
async fn fixtures_put_by_another_client_read_through_dynamodb_local() {
    let db = db();
    Order::table().create(&db).await.unwrap();
    let item = json::item_from_str(&fixture("boto3_order.json")).unwrap();
    put_raw(&db, "orders", item.clone()).await;

    let mut order = Order::get(&db, ("ORDER#1001", 1)).await.unwrap().unwrap();
    assert_eq!(order, Order::from_item(item).unwrap());

    // Our write reads back through the raw SDK, and the JSON of it parses again.
    order.put(&db).await.unwrap();
    let raw = get_raw_key(&db, "orders", order.item_key().unwrap())
        .await
        .unwrap();
    let text = json::item_to_string(&raw);
    assert_eq!(json::item_from_str(&text).unwrap(), raw);
    assert_eq!(Order::from_item(raw).unwrap(), order);
}
