//! Single-item operations and item conversion against the local engine: put, create, get, delete,
//! and what reading an item that does not fit the model reports.

use std::collections::HashMap;

use dynamo_model::{AttributeValue, ConversionProblem, Db, Error, Model, ModelExt};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
    weight: f64,
    indoor: bool,
    #[dynamo(rename = "nick")]
    nickname: Option<String>,
}

/// A table with a composite key: numeric hash, string range.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(partition_key)]
    cat: u64,
    #[dynamo(sort_key)]
    at: String,
    vet: String,
    cost_cents: i64,
}

/// Every numeric type at its extremes, with attribute names that are DynamoDB reserved words.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "numbers")]
struct Numbers {
    #[dynamo(partition_key)]
    r#name: String,
    #[dynamo(rename = "size")]
    a: i8,
    b: i16,
    c: i32,
    d: i64,
    e: i128,
    f: isize,
    g: u8,
    h: u16,
    i: u32,
    j: u64,
    k: u128,
    l: usize,
    m: f32,
    n: f64,
}

fn tom() -> Cat {
    Cat {
        id: "c1".into(),
        name: "Tom".into(),
        lives: 9,
        weight: 4.25,
        indoor: true,
        nickname: None,
    }
}

fn item_of(attributes: Vec<(&str, AttributeValue)>) -> HashMap<String, AttributeValue> {
    attributes
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

async fn cats_db() -> Db {
    let db = tests::db();
    Cat::table().create_if_missing(&db).await.unwrap();
    db
}

#[tokio::test]
async fn put_then_get_returns_the_same_model() {
    let db = cats_db().await;
    let mut cat = Cat {
        nickname: Some("Tommy".into()),
        ..tom()
    };
    cat.put(&db).await.unwrap();
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), Some(cat.clone()));
    assert_eq!(
        Cat::get(&db, "c1").consistent_read(true).await.unwrap(),
        Some(cat)
    );
}

#[tokio::test]
async fn the_stored_item_has_the_expected_attributes() {
    let db = cats_db().await;
    tom().put(&db).await.unwrap();
    let item = tests::get_raw(&db, "cats", ("id", AttributeValue::S("c1".into())))
        .await
        .unwrap();
    let expected = item_of(vec![
        ("id", AttributeValue::S("c1".into())),
        ("name", AttributeValue::S("Tom".into())),
        ("lives", AttributeValue::N("9".into())),
        ("weight", AttributeValue::N("4.25".into())),
        ("indoor", AttributeValue::Bool(true)),
    ]);
    // `nick` is None, so it is absent rather than NULL.
    assert_eq!(item, expected);
}

#[tokio::test]
async fn get_of_a_missing_key_is_none() {
    let db = cats_db().await;
    assert_eq!(Cat::get(&db, "nobody").await.unwrap(), None);
}

#[tokio::test]
async fn put_replaces_an_existing_item() {
    let db = cats_db().await;
    tom().put(&db).await.unwrap();
    let mut heavier = Cat {
        weight: 5.0,
        nickname: Some("Big Tom".into()),
        ..tom()
    };
    heavier.put(&db).await.unwrap();
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), Some(heavier));
}

#[tokio::test]
async fn create_fails_with_already_exists_and_keeps_the_first_item() {
    let db = cats_db().await;
    tom().create(&db).await.unwrap();
    let mut impostor = Cat {
        name: "Impostor".into(),
        ..tom()
    };
    match impostor.create(&db).await {
        Err(error @ Error::AlreadyExists { .. }) => {
            let Error::AlreadyExists { table, model, .. } = &error else {
                unreachable!()
            };
            assert_eq!(
                (table.as_str(), *model),
                (db.table_name("cats").as_str(), "Cat")
            );
            assert_eq!(
                error.to_string(),
                format!("a `Cat` with this key already exists in table `{table}`")
            );
        }
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), Some(tom()));
}

#[tokio::test]
async fn delete_removes_the_item_and_tolerates_absent_ones() {
    let db = cats_db().await;
    tom().put(&db).await.unwrap();
    Cat::delete(&db, "c1").await.unwrap();
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), None);
    Cat::delete(&db, "c1").await.unwrap();
}

#[tokio::test]
async fn composite_keys_address_one_item_each() {
    let db = tests::db();
    Visit::table().create(&db).await.unwrap();
    let mut visits: Vec<Visit> = ["2024-01-01", "2024-06-01"]
        .into_iter()
        .enumerate()
        .map(|(n, at)| Visit {
            cat: 7,
            at: at.into(),
            vet: format!("vet {n}"),
            cost_cents: -(n as i64) * 100,
        })
        .collect();
    for visit in &mut visits {
        visit.create(&db).await.unwrap();
    }
    assert_eq!(
        Visit::get(&db, (7, "2024-06-01")).await.unwrap(),
        Some(visits[1].clone())
    );
    assert_eq!(Visit::get(&db, (8, "2024-06-01")).await.unwrap(), None);
    Visit::delete(&db, (7, "2024-01-01")).await.unwrap();
    assert_eq!(Visit::get(&db, (7, "2024-01-01")).await.unwrap(), None);
    assert!(Visit::get(&db, (7, "2024-06-01")).await.unwrap().is_some());
    // The sort key is part of the identity: the same hash with a new range is a new item.
    let mut again = Visit {
        at: "2024-01-01".into(),
        ..visits[1].clone()
    };
    again.create(&db).await.unwrap();
}

#[tokio::test]
async fn numbers_round_trip_at_their_extremes() {
    let db = tests::db();
    Numbers::table().create(&db).await.unwrap();
    let mut max = Numbers {
        name: "max".into(),
        a: i8::MAX,
        b: i16::MAX,
        c: i32::MAX,
        d: i64::MAX,
        // 38 significant digits: the most DynamoDB keeps.
        e: 99_999_999_999_999_999_999_999_999_999_999_999_999,
        f: isize::MAX,
        g: u8::MAX,
        h: u16::MAX,
        i: u32::MAX,
        j: u64::MAX,
        k: 10u128.pow(38),
        l: usize::MAX,
        m: f32::MAX,
        n: 9.9e125,
    };
    let mut min = Numbers {
        name: "min".into(),
        a: i8::MIN,
        b: i16::MIN,
        c: i32::MIN,
        d: i64::MIN,
        e: -99_999_999_999_999_999_999_999_999_999_999_999_999,
        f: isize::MIN,
        g: 0,
        h: 0,
        i: 0,
        j: 0,
        k: 0,
        l: 0,
        m: -f32::MIN_POSITIVE,
        n: -1e-130,
    };
    for numbers in [&mut max, &mut min] {
        numbers.put(&db).await.unwrap();
        assert_eq!(
            Numbers::get(&db, numbers.name.as_str())
                .await
                .unwrap()
                .as_ref(),
            Some(&*numbers)
        );
    }
}

#[tokio::test]
async fn a_number_that_does_not_fit_names_the_attribute() {
    let db = cats_db().await;
    let item = item_of(vec![
        ("id", AttributeValue::S("c9".into())),
        ("name", AttributeValue::S("Nine".into())),
        ("lives", AttributeValue::N("300".into())),
        ("weight", AttributeValue::N("1".into())),
        ("indoor", AttributeValue::Bool(false)),
    ]);
    tests::put_raw(&db, "cats", item).await;
    let Err(Error::Conversion(error)) = Cat::get(&db, "c9").await else {
        panic!("a lives of 300 must not read into a u8");
    };
    assert_eq!(error.path(), "lives");
    assert_eq!(
        error.to_string(),
        "attribute `lives`: number 300 does not fit u8"
    );
}

#[tokio::test]
async fn a_missing_or_mistyped_attribute_names_it() {
    let db = cats_db().await;
    let put = |attributes| tests::put_raw(&db, "cats", item_of(attributes));
    put(vec![
        ("id", AttributeValue::S("c2".into())),
        ("lives", AttributeValue::N("1".into())),
        ("weight", AttributeValue::N("1".into())),
        ("indoor", AttributeValue::Bool(false)),
    ])
    .await;
    let Err(Error::Conversion(missing)) = Cat::get(&db, "c2").await else {
        panic!("an item without `name` must not read");
    };
    assert_eq!(missing.to_string(), "attribute `name`: missing, expected S");

    put(vec![
        ("id", AttributeValue::S("c3".into())),
        ("name", AttributeValue::S("Three".into())),
        ("lives", AttributeValue::N("3".into())),
        ("weight", AttributeValue::N("1".into())),
        ("indoor", AttributeValue::S("yes".into())),
    ])
    .await;
    let Err(Error::Conversion(mistyped)) = Cat::get(&db, "c3").await else {
        panic!("a string `indoor` must not read as bool");
    };
    assert_eq!(mistyped.path(), "indoor");
    assert_eq!(
        mistyped.problem(),
        &ConversionProblem::WrongType {
            expected: "BOOL",
            found: "S"
        }
    );
}

#[tokio::test]
async fn null_written_by_other_tools_reads_as_none() {
    let db = cats_db().await;
    let mut item = tom().to_item().unwrap();
    item.insert("nick".into(), AttributeValue::Null(true));
    tests::put_raw(&db, "cats", item).await;
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), Some(tom()));
}

/// A profile whose `nick` other clients write as NULL.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "profiles")]
struct Profile {
    #[dynamo(partition_key)]
    id: String,
    nick: dynamo_model::value::Nullable<String>,
    bio: dynamo_model::value::Nullable<String>,
    age: dynamo_model::value::Nullable<u32>,
}

#[tokio::test]
async fn nullable_keeps_null_absent_and_values_apart_through_a_read_modify_write() {
    use dynamo_model::expr::UpdateActions;
    use dynamo_model::value::Nullable;
    let db = tests::db();
    Profile::table().create(&db).await.unwrap();
    let written = [
        ("id".to_owned(), AttributeValue::S("p1".into())),
        ("nick".to_owned(), AttributeValue::Null(true)),
        ("age".to_owned(), AttributeValue::N("42".into())),
    ];
    tests::put_raw(&db, "profiles", written.clone().into()).await;
    let mut profile = Profile::get(&db, "p1").await.unwrap().unwrap();
    assert_eq!(
        (&profile.nick, &profile.bio, &profile.age),
        (&Nullable::Null, &Nullable::Absent, &Nullable::Value(42))
    );
    profile.put(&db).await.unwrap();
    let stored = tests::get_raw(&db, "profiles", ("id", AttributeValue::S("p1".into())))
        .await
        .unwrap();
    assert_eq!(
        stored,
        written.into(),
        "NULL stays NULL, absent stays absent"
    );

    // An update can set NULL, and unset the attribute.
    let f = Profile::fields();
    let updated = Profile::update(&db, "p1")
        .set(&f.bio, Nullable::Null)
        .unset(&f.age)
        .await
        .unwrap();
    assert_eq!(
        (updated.bio, updated.age),
        (Nullable::Null, Nullable::Absent)
    );
}

#[tokio::test]
async fn a_value_dynamodb_cannot_store_is_refused_before_sending() {
    let db = cats_db().await;
    let mut nan = Cat {
        weight: f64::NAN,
        ..tom()
    };
    let Err(Error::Conversion(error)) = nan.put(&db).await else {
        panic!("NaN must not be written");
    };
    assert_eq!(
        error.to_string(),
        "attribute `weight`: NaN cannot be stored: DynamoDB numbers must be finite"
    );
    assert_eq!(Cat::get(&db, "c1").await.unwrap(), None);
}

#[tokio::test]
async fn operations_on_a_missing_table_name_it_and_keep_the_sdk_error_as_source() {
    let db = tests::db();
    let error = Cat::get(&db, "c1").await.unwrap_err();
    let Error::TableNotFound {
        operation,
        table,
        source,
    } = &error
    else {
        panic!("expected a missing table, got {error:?}");
    };
    assert_eq!(
        error.to_string(),
        format!(
            "table `{table}` does not exist (GetItem): create it with `Model::table().create_if_missing(db)`, `sync`, or in your infrastructure, or check the `Db`'s table prefix"
        )
    );
    assert_eq!(*operation, dynamo_model::Operation::GetItem);
    assert_eq!(table, &db.table_name("cats"));
    assert!(matches!(
        **source,
        dynamo_model::sdk::Error::ResourceNotFoundException(_)
    ));
    let source = std::error::Error::source(&error).unwrap();
    assert!(
        source.to_string().contains("ResourceNotFoundException")
            || source.to_string().contains("resource not found"),
        "{source}"
    );
}
