//! The mapping options of the derive: tagged enums, `with`, `serde`, `flatten`, generic models,
//! and the types of the optional features, first as items and then through the local engine.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dynamo_model::{
    Attribute, AttributeValue, ConversionError, FromAttribute, Model, ModelExt, ToAttribute,
};
use tests::{db, get_raw, put_raw};

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

fn n(text: &str) -> AttributeValue {
    AttributeValue::N(text.to_owned())
}

fn m<const N: usize>(entries: [(&str, AttributeValue); N]) -> AttributeValue {
    AttributeValue::M(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Square {
    side: f64,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamo(rename_all = "snake_case")]
enum Shape {
    Circle { radius: f64 },
    Rectangle { width: u32, height: u32 },
    Square(Square),
    Point,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
#[dynamo(tag = "kind", content = "data")]
enum Event {
    Login { ip: String },
    Note(String),
    Logout,
}

#[test]
fn tagged_enums_store_the_variant_beside_its_fields() {
    let circle = Shape::Circle { radius: 1.5 };
    assert_eq!(
        circle.to_attribute().unwrap(),
        Some(m([("type", s("circle")), ("radius", n("1.5"))]))
    );
    let square = Shape::Square(Square { side: 2.0 });
    assert_eq!(
        square.to_attribute().unwrap(),
        Some(m([("type", s("square")), ("side", n("2"))]))
    );
    assert_eq!(
        Shape::Point.to_attribute().unwrap(),
        Some(m([("type", s("point"))]))
    );
    for shape in [
        circle,
        square,
        Shape::Point,
        Shape::Rectangle {
            width: 3,
            height: 4,
        },
    ] {
        let written = shape.to_attribute().unwrap().unwrap();
        assert_eq!(Shape::from_attribute(written).unwrap(), shape);
    }
}

#[test]
fn tagged_enums_with_content_nest_the_data() {
    let login = Event::Login {
        ip: "10.0.0.1".into(),
    };
    assert_eq!(
        login.to_attribute().unwrap(),
        Some(m([
            ("kind", s("Login")),
            ("data", m([("ip", s("10.0.0.1"))]))
        ]))
    );
    let note = Event::Note("hi".into());
    assert_eq!(
        note.to_attribute().unwrap(),
        Some(m([("kind", s("Note")), ("data", s("hi"))]))
    );
    for event in [login, note, Event::Logout] {
        let written = event.to_attribute().unwrap().unwrap();
        assert_eq!(Event::from_attribute(written).unwrap(), event);
    }
}

#[test]
fn tagged_enum_errors_name_the_tag_and_the_variants() {
    let unknown = Shape::from_attribute(m([("type", s("hexagon"))])).unwrap_err();
    assert_eq!(unknown.path(), "type");
    assert!(unknown.to_string().contains("hexagon"), "{unknown}");
    assert!(unknown.to_string().contains("circle"), "{unknown}");
    let missing = Shape::from_attribute(m([("radius", n("1"))])).unwrap_err();
    assert_eq!(missing.path(), "type");
    let field =
        Shape::from_attribute(m([("type", s("circle")), ("radius", s("big"))])).unwrap_err();
    assert_eq!(field.path(), "radius");
    let not_a_map = Shape::from_attribute(s("circle")).unwrap_err();
    assert!(not_a_map.to_string().contains('M'), "{not_a_map}");
}

mod tenths {
    use dynamo_model::{AttributeValue, ConversionError};

    pub fn to_attribute(celsius: &f64) -> Result<Option<AttributeValue>, ConversionError> {
        Ok(Some(AttributeValue::N(format!(
            "{}",
            (celsius * 10.0).round() as i64
        ))))
    }

    pub fn from_attribute(value: Option<AttributeValue>) -> Result<f64, ConversionError> {
        match value {
            Some(AttributeValue::N(n)) => n
                .parse::<i64>()
                .map(|tenths| tenths as f64 / 10.0)
                .map_err(|_| ConversionError::custom(format!("`{n}` is not whole tenths"))),
            Some(other) => Err(ConversionError::wrong_type("N", &other)),
            None => Err(ConversionError::missing("N")),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
struct Settings {
    theme: String,
    sizes: Vec<u8>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "readings")]
struct Reading {
    #[dynamo(partition_key)]
    sensor: String,
    #[dynamo(with = tenths)]
    celsius: f64,
    #[dynamo(with = dynamo_model::with::binary)]
    raw: Vec<u8>,
    #[dynamo(with = "dynamo_model::with::binary")]
    spare: Option<Vec<u8>>,
    #[dynamo(with = dynamo_model::with::epoch_seconds)]
    taken: SystemTime,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    checked: Option<SystemTime>,
    #[dynamo(serde)]
    settings: Settings,
    #[dynamo(serde)]
    note: Option<String>,
    shapes: Vec<Shape>,
    #[dynamo(flatten)]
    unknown: HashMap<String, AttributeValue>,
}

fn reading() -> Reading {
    Reading {
        sensor: "s1".into(),
        celsius: 21.5,
        raw: vec![0, 1, 255],
        spare: None,
        taken: UNIX_EPOCH + Duration::from_millis(1_717_245_005_250),
        checked: Some(UNIX_EPOCH + Duration::from_millis(1_717_245_005_250)),
        settings: Settings {
            theme: "dark".into(),
            sizes: vec![12, 14],
        },
        note: None,
        shapes: vec![Shape::Point, Shape::Circle { radius: 0.5 }],
        unknown: HashMap::from([("colour".into(), s("red"))]),
    }
}

#[test]
fn field_conversions_write_the_documented_shapes() {
    let item = reading().to_item().unwrap();
    assert_eq!(item["celsius"], n("215"));
    assert_eq!(item["raw"], AttributeValue::B(vec![0, 1, 255].into()));
    assert!(!item.contains_key("spare"));
    assert_eq!(item["taken"], n("1717245005.25"));
    assert_eq!(item["checked"], n("1717245005250"));
    assert!(matches!(&item["settings"], AttributeValue::M(map) if map["theme"] == s("dark")));
    assert!(!item.contains_key("note"), "serde's None is left out");
    assert_eq!(item["colour"], s("red"));
    assert!(
        !item.contains_key("unknown"),
        "a flattened map has no attribute of its own"
    );
    assert_eq!(Reading::from_item(item).unwrap(), reading());
}

#[test]
fn a_flattened_map_cannot_shadow_a_field() {
    let mut shadowing = reading();
    shadowing.unknown.insert("celsius".into(), n("1"));
    let error = shadowing.to_item().unwrap_err();
    assert_eq!(error.path(), "celsius");
    assert!(error.to_string().contains("flattened"), "{error}");
}

#[test]
fn with_errors_name_the_attribute() {
    let mut item = reading().to_item().unwrap();
    item.insert("celsius".into(), n("21.55"));
    let error = Reading::from_item(item).unwrap_err();
    assert_eq!(error.path(), "celsius");
    assert!(error.to_string().contains("whole tenths"), "{error}");
}

#[tokio::test]
async fn field_conversions_round_trip_through_dynamodb_local() {
    let db = db();
    Reading::table().create(&db).await.unwrap();
    let mut written = reading();
    written.put(&db).await.unwrap();
    assert_eq!(Reading::get(&db, "s1").await.unwrap(), Some(written));
}

#[tokio::test]
async fn attributes_written_by_other_tools_survive_a_read_modify_write() {
    let db = db();
    Reading::table().create(&db).await.unwrap();
    let mut item = reading().to_item().unwrap();
    item.insert("addedByNode".into(), m([("v", n("2"))]));
    item.insert(
        "flags".into(),
        AttributeValue::Ss(vec!["a".into(), "b".into()]),
    );
    put_raw(&db, "readings", item).await;

    let mut read = Reading::get(&db, "s1").await.unwrap().unwrap();
    read.celsius = 30.0;
    read.put(&db).await.unwrap();

    let raw = get_raw(&db, "readings", ("sensor", s("s1"))).await.unwrap();
    assert_eq!(raw["addedByNode"], m([("v", n("2"))]));
    assert_eq!(
        raw["flags"],
        AttributeValue::Ss(vec!["a".into(), "b".into()])
    );
    assert_eq!(raw["celsius"], n("300"));
}

/// A generic document: the type parameter must be storable, and the bound is inferred.
#[derive(Attribute, Debug, Clone, PartialEq)]
struct Tagged<T> {
    label: String,
    value: T,
}

/// A generic model with a lifetime and an explicit where clause.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "generic_docs")]
struct Doc<'a, T>
where
    T: Clone,
{
    #[dynamo(partition_key)]
    id: u64,
    title: Cow<'a, str>,
    payload: Tagged<T>,
}

/// `bound` replaces the inferred bounds, here with one on the field type rather than on `T`.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "boxes",
    bound = "Vec<T>: dynamo_model::ToAttribute + dynamo_model::FromAttribute"
)]
struct Boxed<T> {
    #[dynamo(partition_key)]
    id: String,
    items: Vec<T>,
}

#[tokio::test]
async fn generic_models_round_trip() {
    let db = db();
    Doc::<u32>::table().create(&db).await.unwrap();
    let mut doc: Doc<'static, u32> = Doc {
        id: 7,
        title: Cow::Borrowed("seven"),
        payload: Tagged {
            label: "answer".into(),
            value: 42,
        },
    };
    doc.put(&db).await.unwrap();
    assert_eq!(Doc::<u32>::get(&db, 7).await.unwrap(), Some(doc));

    let boxed = Boxed {
        id: "b".into(),
        items: vec![Shape::Point],
    };
    let item = boxed.to_item().unwrap();
    assert_eq!(Boxed::<Shape>::from_item(item).unwrap(), boxed);
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "typed_times")]
struct Times {
    #[dynamo(partition_key)]
    id: uuid::Uuid,
    #[dynamo(sort_key)]
    at: chrono::DateTime<chrono::Utc>,
    local: chrono::DateTime<chrono::FixedOffset>,
    day: chrono::NaiveDate,
    wall: chrono::NaiveDateTime,
    #[dynamo(with = dynamo_model::with::epoch_millis)]
    chrono_millis: chrono::DateTime<chrono::Utc>,
    odt: time::OffsetDateTime,
    date: time::Date,
    primitive: time::PrimitiveDateTime,
    #[dynamo(with = dynamo_model::with::epoch_seconds)]
    time_secs: Option<time::OffsetDateTime>,
    system: SystemTime,
    price: rust_decimal::Decimal,
    blob: bytes::Bytes,
}

fn times() -> Times {
    use chrono::TimeZone;
    let at = chrono::Utc.with_ymd_and_hms(2024, 6, 1, 12, 30, 5).unwrap()
        + chrono::TimeDelta::nanoseconds(123_456_789);
    let odt = time::OffsetDateTime::from_unix_timestamp_nanos(1_717_245_005_123_456_789)
        .unwrap()
        .to_offset(time::UtcOffset::from_hms(-5, -30, 0).unwrap());
    Times {
        id: uuid::Uuid::from_u128(0x67e5_5044_10b1_426f_9247_bb68_0e5f_e0c8),
        at,
        local: at.with_timezone(&chrono::FixedOffset::east_opt(2 * 3600).unwrap()),
        day: chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        wall: at.naive_utc(),
        chrono_millis: at,
        odt,
        date: odt.date(),
        primitive: time::PrimitiveDateTime::new(odt.date(), odt.time()),
        time_secs: Some(odt.to_offset(time::UtcOffset::UTC)),
        system: UNIX_EPOCH + Duration::from_nanos(1_717_245_005_000_000_001),
        price: "12345678901234567890.12345678".parse().unwrap(),
        blob: bytes::Bytes::from_static(b"\x00\xffbytes"),
    }
}

#[test]
fn feature_types_are_stored_as_sortable_text_and_exact_numbers() {
    let item = times().to_item().unwrap();
    assert_eq!(item["id"], s("67e55044-10b1-426f-9247-bb680e5fe0c8"));
    assert_eq!(item["at"], s("2024-06-01T12:30:05.123456789Z"));
    // Times with an offset are written in UTC: one instant, one string.
    assert_eq!(item["local"], s("2024-06-01T12:30:05.123456789Z"));
    assert_eq!(item["day"], s("2024-02-29"));
    assert_eq!(item["wall"], s("2024-06-01T12:30:05.123456789"));
    assert_eq!(item["chrono_millis"], n("1717245005123.456789"));
    assert_eq!(item["odt"], s("2024-06-01T12:30:05.123456789Z"));
    assert_eq!(item["date"], s("2024-06-01"));
    assert_eq!(item["time_secs"], n("1717245005.123456789"));
    assert_eq!(item["system"], s("2024-06-01T12:30:05.000000001Z"));
    assert_eq!(item["price"], n("12345678901234567890.12345678"));
    assert_eq!(
        item["blob"],
        AttributeValue::B(b"\x00\xffbytes".to_vec().into())
    );
    assert_eq!(Times::from_item(item).unwrap(), times());
}

#[test]
fn one_instant_at_two_offsets_is_one_stored_value_and_offsets_in_text_are_read() {
    let at = times().at;
    let east = at.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap());
    let west = at.with_timezone(&chrono::FixedOffset::west_opt(7 * 3600).unwrap());
    assert_eq!(east.to_attribute().unwrap(), west.to_attribute().unwrap());
    let odt = times().odt;
    assert_eq!(
        odt.to_attribute().unwrap(),
        odt.to_offset(time::UtcOffset::from_hms(3, 0, 0).unwrap())
            .to_attribute()
            .unwrap()
    );
    // Text another tool wrote with an offset reads at that offset, as the same instant.
    let read =
        <chrono::DateTime<chrono::FixedOffset>>::from_attribute(s("2024-06-01T14:30:05+02:00"))
            .unwrap();
    assert_eq!(read.offset().local_minus_utc(), 2 * 3600);
    assert_eq!(read.timestamp(), at.timestamp());
}

/// A booking that keeps the zone it was made in, beside the instant to sort by.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "bookings")]
struct Booking {
    #[dynamo(partition_key)]
    id: String,
    at: chrono::DateTime<chrono::Utc>,
    local: dynamo_model::value::KeepOffset<chrono::DateTime<chrono::FixedOffset>>,
    local_time: Option<dynamo_model::value::KeepOffset<time::OffsetDateTime>>,
}

#[tokio::test]
async fn keep_offset_stores_the_offset_given_and_compares_it_for_equality() {
    use dynamo_model::expr::Conditions;
    use dynamo_model::value::KeepOffset;
    let db = tests::db();
    Booking::table().create(&db).await.unwrap();
    let at = times().at;
    let tokyo = at.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap());
    let odt = times()
        .odt
        .to_offset(time::UtcOffset::from_hms(-7, 0, 0).unwrap());
    let mut booking = Booking {
        id: "b1".into(),
        at,
        local: KeepOffset(tokyo),
        local_time: Some(KeepOffset(odt)),
    };
    booking.put(&db).await.unwrap();
    let item = get_raw(&db, "bookings", ("id", s("b1"))).await.unwrap();
    assert_eq!(item["at"], s("2024-06-01T12:30:05.123456789Z"));
    assert_eq!(item["local"], s("2024-06-01T21:30:05.123456789+09:00"));
    assert!(
        matches!(&item["local_time"], AttributeValue::S(text) if text.ends_with("-07:00")),
        "{item:?}"
    );
    let read = Booking::get(&db, "b1").await.unwrap().unwrap();
    assert_eq!(read, booking);
    assert_eq!(read.local.offset().local_minus_utc(), 9 * 3600);
    // Equality compares the instant and the offset: the same instant elsewhere is not equal.
    let f = Booking::fields();
    let same = Booking::scan(&db)
        .filter(f.local.eq(KeepOffset(tokyo)))
        .count()
        .await
        .unwrap();
    let elsewhere = at.with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap());
    let other = Booking::scan(&db)
        .filter(f.local.eq(KeepOffset(elsewhere)))
        .count()
        .await
        .unwrap();
    assert_eq!((same, other), (1, 0));
}

/// Times kept at the precision other clients write.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "shared_events")]
struct SharedEvent {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(with = dynamo_model::with::iso8601_millis)]
    at: chrono::DateTime<chrono::Utc>,
    #[dynamo(with = dynamo_model::with::iso8601_seconds)]
    day_start: Option<SystemTime>,
    #[dynamo(with = dynamo_model::with::iso8601_micros)]
    logged: chrono::DateTime<chrono::Utc>,
}

#[tokio::test]
async fn a_time_written_by_javascript_goes_back_as_it_came() {
    let db = db();
    SharedEvent::table().create(&db).await.unwrap();
    // As Dynamoose (`toISOString`) and Python (`isoformat`) write them.
    put_raw(
        &db,
        "shared_events",
        [
            ("id".to_owned(), s("e1")),
            ("at".to_owned(), s("2024-06-01T12:34:56.789Z")),
            ("day_start".to_owned(), s("2024-06-01T00:00:00Z")),
            ("logged".to_owned(), s("2024-06-01T12:34:56.789123Z")),
        ]
        .into(),
    )
    .await;
    let before = get_raw(&db, "shared_events", ("id", s("e1")))
        .await
        .unwrap();
    let mut event = SharedEvent::get(&db, "e1").await.unwrap().unwrap();
    assert_eq!(event.at.timestamp_subsec_millis(), 789);
    event.put(&db).await.unwrap();
    let after = get_raw(&db, "shared_events", ("id", s("e1")))
        .await
        .unwrap();
    assert_eq!(
        after, before,
        "a read-modify-write leaves another client's text as it was"
    );

    // A finer time is cut to the field's digits, never rounded up to a later instant.
    let fine = event.at + chrono::TimeDelta::nanoseconds(999_999);
    let item = SharedEvent {
        at: fine,
        ..event.clone()
    }
    .to_item()
    .unwrap();
    assert_eq!(item["at"], s("2024-06-01T12:34:56.789Z"));
    // The text stays in time order, so ordered conditions still apply.
    use dynamo_model::expr::Conditions;
    let f = SharedEvent::fields();
    let later = SharedEvent::scan(&db)
        .filter(f.at.gt(event.at - chrono::TimeDelta::milliseconds(1)))
        .count()
        .await
        .unwrap();
    assert_eq!(later, 1);
}

#[test]
fn times_written_by_javascript_and_boto3_read_back() {
    let mut item = times().to_item().unwrap();
    item.insert("at".into(), s("2024-06-01T12:30:05.123Z"));
    item.insert("chrono_millis".into(), n("1717245005123"));
    item.insert("id".into(), s("67E55044-10B1-426F-9247-BB680E5FE0C8"));
    item.insert("price".into(), n("1.5E+3"));
    let read = Times::from_item(item).unwrap();
    assert_eq!(read.at.timestamp_millis(), 1_717_245_005_123);
    assert_eq!(read.chrono_millis, read.at);
    assert_eq!(read.id, times().id);
    assert_eq!(read.price, rust_decimal::Decimal::from(1500));
}

#[test]
fn feature_type_errors_are_precise() {
    let error =
        <chrono::DateTime<chrono::Utc>>::from_attribute(s("2024-02-30T00:00:00Z")).unwrap_err();
    assert!(error.to_string().contains("calendar date"), "{error}");
    let error = rust_decimal::Decimal::from_attribute(n("1234567890123456789012345678901234567"))
        .unwrap_err();
    assert!(error.to_string().contains("Decimal"), "{error}");
    let error: ConversionError = uuid::Uuid::from_attribute(s("not-a-uuid")).unwrap_err();
    assert!(error.to_string().contains("not a UUID"), "{error}");
}

#[tokio::test]
async fn feature_types_round_trip_and_key_through_dynamodb_local() {
    let db = db();
    Times::table().create(&db).await.unwrap();
    let mut written = times();
    written.put(&db).await.unwrap();
    let read = Times::get(&db, (written.id, written.at)).await.unwrap();
    assert_eq!(read, Some(written));
}

#[test]
fn maps_of_any_attribute_hold_what_they_read() {
    let mut extra = BTreeMap::new();
    extra.insert("a".to_owned(), AttributeValue::Null(true));
    let written = extra.to_attribute().unwrap().unwrap();
    assert_eq!(
        BTreeMap::<String, AttributeValue>::from_attribute(written).unwrap(),
        extra
    );
}
