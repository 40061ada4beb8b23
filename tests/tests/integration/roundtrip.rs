//! Property tests: for random values of every type family, writing a model as an item and
//! reading it back gives the same value; the same holds through DynamoDB JSON, and for a sample
//! through the local engine.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dynamo_model::{Attribute, Binary, Model, ModelExt, json};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    zip: Option<u32>,
    geo: Option<Box<Geo>>,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Geo {
    lat: f64,
    lon: f64,
}

#[derive(Attribute, Debug, Clone, Copy, PartialEq, Eq)]
enum Mood {
    Calm,
    Grumpy,
    #[dynamo(rename = "so-playful")]
    Playful,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamo(tag = "kind")]
enum Pet {
    Cat { name: String, lives: u8 },
    Fish(Geo),
    Rock,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "everything")]
struct Everything {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(sort_key)]
    seq: i64,
    small: (i8, u8, i16, u16),
    word: (i32, u32),
    wide: (i64, u64, isize, usize),
    huge: (i128, u128),
    real: (f32, f64),
    flag: bool,
    text: String,
    boxed: Box<str>,
    maybe: Option<String>,
    list: Vec<i32>,
    deque: VecDeque<String>,
    holes: Vec<Option<u16>>,
    by_name: HashMap<String, f64>,
    sorted: BTreeMap<String, Vec<bool>>,
    tags: HashSet<String>,
    numbers: BTreeSet<i64>,
    blobs: BTreeSet<Binary>,
    blob: Binary,
    home: Address,
    moves: Vec<Address>,
    mood: Mood,
    moods: Vec<Mood>,
    pets: Vec<Pet>,
    price: Decimal,
    at: chrono::DateTime<chrono::Utc>,
    day: time::Date,
    seen: SystemTime,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    expires: Option<SystemTime>,
    uuid: uuid::Uuid,
    raw: bytes::Bytes,
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including the empty string, which DynamoDB accepts outside keys.
    ".{0,12}"
}

fn non_empty_text() -> impl Strategy<Value = String> {
    ".{1,12}"
}

/// Finite floats within what DynamoDB stores: zero or a magnitude in 1E-130 ..= 9.99E+125.
fn storable_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        any::<f64>().prop_filter("storable", |x| {
            x.is_finite() && (1e-130..=9.99e125).contains(&x.abs())
        }),
        -1e6..1e6f64,
    ]
}

fn storable_f32() -> impl Strategy<Value = f32> {
    any::<f32>().prop_filter("finite", |x| x.is_finite())
}

/// DynamoDB numbers carry 38 significant digits; 128-bit integers beyond that are refused.
const LIMIT_38: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;

fn geo() -> impl Strategy<Value = Geo> {
    (storable_f64(), storable_f64()).prop_map(|(lat, lon)| Geo { lat, lon })
}

fn address() -> impl Strategy<Value = Address> {
    (text(), any::<Option<u32>>(), prop::option::of(geo())).prop_map(|(street, zip, geo)| Address {
        street,
        zip,
        geo: geo.map(Box::new),
    })
}

fn mood() -> impl Strategy<Value = Mood> {
    prop_oneof![Just(Mood::Calm), Just(Mood::Grumpy), Just(Mood::Playful)]
}

fn pet() -> impl Strategy<Value = Pet> {
    prop_oneof![
        (text(), any::<u8>()).prop_map(|(name, lives)| Pet::Cat { name, lives }),
        geo().prop_map(Pet::Fish),
        Just(Pet::Rock),
    ]
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=18).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn instant() -> impl Strategy<Value = (i64, u32)> {
    // Years 0000 to 9999, the range of four-digit ISO-8601 years.
    (-62_167_219_200i64..253_402_300_799, 0u32..1_000_000_000)
}

fn system_time() -> impl Strategy<Value = SystemTime> {
    (0u64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| UNIX_EPOCH + Duration::new(secs, nanos))
}

fn binary() -> impl Strategy<Value = Binary> {
    prop::collection::vec(any::<u8>(), 0..8).prop_map(Binary)
}

prop_compose! {
    fn scalars()(
        small in (any::<i8>(), any::<u8>(), any::<i16>(), any::<u16>()),
        word in (any::<i32>(), any::<u32>()),
        wide in (any::<i64>(), any::<u64>(), any::<isize>(), any::<usize>()),
        huge in (-LIMIT_38..=LIMIT_38, 0..=LIMIT_38 as u128),
        real in (storable_f32(), storable_f64()),
        flag in any::<bool>(),
        text in text(),
        boxed in text(),
        maybe in prop::option::of(text()),
    ) -> Numbers {
        Numbers { small, word, wide, huge, real, flag, text, boxed: boxed.into(), maybe }
    }
}

/// The scalar part of `Everything`, generated together.
#[derive(Debug)]
struct Numbers {
    small: (i8, u8, i16, u16),
    word: (i32, u32),
    wide: (i64, u64, isize, usize),
    huge: (i128, u128),
    real: (f32, f64),
    flag: bool,
    text: String,
    boxed: Box<str>,
    maybe: Option<String>,
}

prop_compose! {
    fn collections()(
        list in prop::collection::vec(any::<i32>(), 0..5),
        deque in prop::collection::vec_deque(text(), 0..4),
        holes in prop::collection::vec(any::<Option<u16>>(), 0..5),
        by_name in prop::collection::hash_map(non_empty_text(), storable_f64(), 0..4),
        sorted in prop::collection::btree_map(non_empty_text(), prop::collection::vec(any::<bool>(), 0..3), 0..3),
        tags in prop::collection::hash_set(non_empty_text(), 0..4),
        numbers in prop::collection::btree_set(any::<i64>(), 0..4),
        blobs in prop::collection::btree_set(binary().prop_filter("non-empty", |b| !b.0.is_empty()), 0..3),
        blob in binary(),
    ) -> Collections {
        Collections { list, deque, holes, by_name, sorted, tags, numbers, blobs, blob }
    }
}

#[derive(Debug)]
struct Collections {
    list: Vec<i32>,
    deque: VecDeque<String>,
    holes: Vec<Option<u16>>,
    by_name: HashMap<String, f64>,
    sorted: BTreeMap<String, Vec<bool>>,
    tags: HashSet<String>,
    numbers: BTreeSet<i64>,
    blobs: BTreeSet<Binary>,
    blob: Binary,
}

prop_compose! {
    fn everything()(
        id in non_empty_text(),
        seq in any::<i64>(),
        n in scalars(),
        c in collections(),
        home in address(),
        moves in prop::collection::vec(address(), 0..3),
        mood in mood(),
        moods in prop::collection::vec(mood(), 0..4),
        pets in prop::collection::vec(pet(), 0..4),
        price in decimal(),
        at in instant(),
        day in -719_528i64..2_932_896,
        seen in system_time(),
        expires in prop::option::of(system_time()),
        uuid in any::<u128>(),
        raw in prop::collection::vec(any::<u8>(), 0..8),
    ) -> Everything {
        Everything {
            id,
            seq,
            small: n.small,
            word: n.word,
            wide: n.wide,
            huge: n.huge,
            real: n.real,
            flag: n.flag,
            text: n.text,
            boxed: n.boxed,
            maybe: n.maybe,
            list: c.list,
            deque: c.deque,
            holes: c.holes,
            by_name: c.by_name,
            sorted: c.sorted,
            tags: c.tags,
            numbers: c.numbers,
            blobs: c.blobs,
            blob: c.blob,
            home,
            moves,
            mood,
            moods,
            pets,
            price,
            at: chrono::DateTime::from_timestamp(at.0, at.1).unwrap(),
            day: time::Date::from_julian_day((day + 2_440_588) as i32).unwrap(),
            seen,
            expires,
            uuid: uuid::Uuid::from_u128(uuid),
            raw: raw.into(),
        }
    }
}

proptest! {
    #[test]
    fn every_type_family_round_trips_through_an_item(value in everything()) {
        let item = value.to_item().unwrap();
        prop_assert_eq!(Everything::from_item(item).unwrap(), value);
    }

    #[test]
    fn items_round_trip_through_dynamodb_json(value in everything()) {
        let item = value.to_item().unwrap();
        let text = json::item_to_string(&item);
        prop_assert_eq!(json::item_from_str(&text).unwrap(), item);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_sample_round_trips_through_dynamodb_local(mut value in everything()) {
        let (runtime, db) = local();
        let read = runtime.block_on(async {
            value.put(db).await.unwrap();
            Everything::get(db, (value.id.as_str(), value.seq)).consistent_read(true).await.unwrap()
        });
        prop_assert_eq!(read, Some(value));
    }
}

/// One runtime and one table for every case of the sample sent to the engine: the SDK's connections
/// belong to the runtime that opened them, so it lives as long as the test binary.
fn local() -> &'static (tokio::runtime::Runtime, dynamo_model::Db) {
    static LOCAL: std::sync::OnceLock<(tokio::runtime::Runtime, dynamo_model::Db)> =
        std::sync::OnceLock::new();
    LOCAL.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let db = tests::db();
        runtime.block_on(Everything::table().create(&db)).unwrap();
        (runtime, db)
    })
}
