//! `#[derive(Attribute)]`: nested documents stored as maps and unit enums stored as strings,
//! inside models, lists and maps, through the local engine.

use std::collections::{BTreeMap, HashMap};

use dynamo_model::{Attribute, AttributeValue, ConversionProblem, Error, Model, ModelExt};

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    #[dynamo(rename = "postcode")]
    zip: u32,
    geo: Option<Geo>,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Geo {
    lat: f64,
    lon: f64,
}

#[derive(Attribute, Debug, Clone, Copy, PartialEq, Eq)]
enum Mood {
    Calm,
    #[dynamo(rename = "grumpy")]
    Grumpy,
    Playful,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "owners")]
struct Owner {
    #[dynamo(partition_key)]
    id: String,
    home: Address,
    previous: Vec<Address>,
    by_label: BTreeMap<String, Address>,
    mood: Mood,
    moods: Vec<Mood>,
    work: Option<Address>,
}

fn alice() -> Owner {
    let home = Address {
        street: "1 Main St".into(),
        zip: 12345,
        geo: Some(Geo {
            lat: 51.5,
            lon: -0.12,
        }),
    };
    Owner {
        id: "alice".into(),
        home: home.clone(),
        previous: vec![Address {
            street: "9 Old Rd".into(),
            zip: 1,
            geo: None,
        }],
        by_label: BTreeMap::from([("home".into(), home)]),
        mood: Mood::Grumpy,
        moods: vec![Mood::Calm, Mood::Playful, Mood::Grumpy],
        work: None,
    }
}

async fn owners_db() -> dynamo_model::Db {
    let db = tests::db();
    Owner::table().create(&db).await.unwrap();
    db
}

#[tokio::test]
async fn nested_documents_and_enums_round_trip() {
    let db = owners_db().await;
    let mut owner = alice();
    owner.put(&db).await.unwrap();
    assert_eq!(Owner::get(&db, "alice").await.unwrap(), Some(owner));
}

#[test]
fn documents_are_maps_and_unit_enums_are_strings() {
    let item = alice().to_item().unwrap();
    let AttributeValue::M(home) = &item["home"] else {
        panic!("a document is stored as M: {:?}", item["home"]);
    };
    assert_eq!(home["postcode"], AttributeValue::N("12345".into()));
    assert!(matches!(home["geo"], AttributeValue::M(_)));
    assert_eq!(item["mood"], AttributeValue::S("grumpy".into()));
    assert_eq!(
        item["moods"],
        AttributeValue::L(vec![
            AttributeValue::S("Calm".into()),
            AttributeValue::S("Playful".into()),
            AttributeValue::S("grumpy".into()),
        ])
    );
    assert!(!item.contains_key("work"));
}

/// Writes `alice` with one attribute replaced, as another tool might have, and reads it back.
async fn read_with(
    db: &dynamo_model::Db,
    name: &str,
    value: AttributeValue,
) -> Result<Option<Owner>, Error> {
    let mut item = alice().to_item().unwrap();
    item.insert(name.into(), value);
    tests::put_raw(db, "owners", item).await;
    Owner::get(db, "alice").await
}

#[tokio::test]
async fn errors_inside_documents_name_the_full_path() {
    let db = owners_db().await;
    let bad_zip = AttributeValue::L(vec![AttributeValue::M(HashMap::from([
        ("street".into(), AttributeValue::S("x".into())),
        ("postcode".into(), AttributeValue::S("not a number".into())),
    ]))]);
    let Err(Error::Conversion(error)) = read_with(&db, "previous", bad_zip).await else {
        panic!("a string postcode must not read as u32");
    };
    assert_eq!(error.path(), "previous[0].postcode");
    assert_eq!(
        error.to_string(),
        "attribute `previous[0].postcode`: expected N (u32), found S"
    );

    let no_street = AttributeValue::M(HashMap::from([(
        "postcode".into(),
        AttributeValue::N("1".into()),
    )]));
    let Err(Error::Conversion(error)) = read_with(&db, "home", no_street).await else {
        panic!("a home without street must not read");
    };
    assert_eq!(
        error.to_string(),
        "attribute `home.street`: missing, expected S"
    );
}

#[tokio::test]
async fn an_unknown_variant_lists_the_expected_ones() {
    let db = owners_db().await;
    let Err(Error::Conversion(error)) =
        read_with(&db, "mood", AttributeValue::S("Sleepy".into())).await
    else {
        panic!("Sleepy is not a Mood");
    };
    assert_eq!(
        error.problem(),
        &ConversionProblem::UnknownVariant {
            found: "Sleepy".into(),
            expected: &["Calm", "grumpy", "Playful"]
        }
    );
    assert_eq!(
        error.to_string(),
        "attribute `mood`: unknown variant `Sleepy`, expected one of `Calm`, `grumpy`, `Playful`"
    );
}

/// Dynamoose-style camelCase attributes, and a field kept only in memory.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "sessions", rename_all = "camelCase")]
struct Session {
    #[dynamo(partition_key)]
    session_id: String,
    user_name: String,
    #[dynamo(rename = "ttl")]
    expires_at: u64,
    last_mood: Mood,
    #[dynamo(skip)]
    cache_hits: u32,
}

#[derive(Attribute, Debug, Clone, Copy, PartialEq)]
#[dynamo(rename_all = "SCREAMING_SNAKE_CASE")]
enum Plan {
    Free,
    TeamPro,
}

#[test]
fn rename_all_and_skip_shape_the_item() {
    let session = Session {
        session_id: "s1".into(),
        user_name: "alice".into(),
        expires_at: 1_900_000_000,
        last_mood: Mood::Calm,
        cache_hits: 7,
    };
    let item = session.to_item().unwrap();
    let mut names: Vec<&str> = item.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["lastMood", "sessionId", "ttl", "userName"]);
    assert_eq!(Session::SCHEMA.partition_key.name, "sessionId");
    assert_eq!(
        Session::SCHEMA.attributes,
        &["sessionId", "userName", "ttl", "lastMood"]
    );
    use dynamo_model::ToAttribute;
    assert_eq!(
        Plan::TeamPro.to_attribute().unwrap(),
        Some(AttributeValue::S("TEAM_PRO".into()))
    );
}

#[tokio::test]
async fn a_skipped_field_reads_back_as_its_default() {
    let db = tests::db();
    Session::table().create(&db).await.unwrap();
    let mut session = Session {
        session_id: "s1".into(),
        user_name: "alice".into(),
        expires_at: 1_900_000_000,
        last_mood: Mood::Playful,
        cache_hits: 7,
    };
    session.create(&db).await.unwrap();
    let read = Session::get(&db, "s1").await.unwrap().unwrap();
    assert_eq!(
        read,
        Session {
            cache_hits: 0,
            ..session
        }
    );
}
