//! Validation: every rule of every field (and of documents inside the model) is checked before
//! a write, every failure is reported at once with its path and rule, and nothing is sent.

use dynamo_model::expr::Update;
use dynamo_model::ops::{BatchWrite, Transaction};
use dynamo_model::prelude::*;
use dynamo_model::{Failure, ValidationErrors};
use tests::db;

fn no_spaces(handle: &str) -> Result<(), String> {
    if handle.contains(' ') {
        Err(format!("`{handle}` contains a space"))
    } else {
        Ok(())
    }
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    #[dynamo(validate(non_blank))]
    street: String,
    #[dynamo(validate(min = 1000, max = 99999))]
    zip: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "users")]
struct User {
    #[dynamo(partition_key, validate(min_length = 3))]
    id: String,
    #[dynamo(validate(non_blank, max_length = 20))]
    name: String,
    #[dynamo(validate(min = 18, max = 130))]
    age: u8,
    #[dynamo(validate(min = 0, max = 5))]
    rating: f64,
    #[dynamo(validate(one_of = ["free", "pro"]))]
    plan: String,
    #[dynamo(validate(regex = "^[a-z0-9.]+@[a-z0-9.]+$"))]
    email: String,
    #[dynamo(validate(custom = no_spaces))]
    handle: Option<String>,
    #[dynamo(validate(max_length = 2))]
    tags: Vec<String>,
    home: Address,
    past: Vec<Address>,
}

fn valid() -> User {
    User {
        id: "u-1".into(),
        name: "Ada".into(),
        age: 36,
        rating: 4.5,
        plan: "pro".into(),
        email: "ada@example.org".into(),
        handle: Some("ada".into()),
        tags: vec!["math".into()],
        home: Address {
            street: "1 Main St".into(),
            zip: 12345,
        },
        past: vec![],
    }
}

fn invalid() -> User {
    User {
        id: "u-2".into(),
        name: "  ".into(),
        age: 7,
        rating: 5.5,
        plan: "gold".into(),
        email: "Ada At Example".into(),
        handle: Some("a d a".into()),
        tags: vec!["a".into(), "b".into(), "c".into()],
        home: Address {
            street: "".into(),
            zip: 12,
        },
        past: vec![
            Address {
                street: "ok".into(),
                zip: 5000,
            },
            Address {
                street: "ok".into(),
                zip: 100_000,
            },
        ],
    }
}

fn rules_of(error: &ValidationErrors) -> Vec<(String, &'static str)> {
    error
        .failures
        .iter()
        .map(|Failure { path, rule, .. }| (path.clone(), *rule))
        .collect()
}

const EVERY_FAILURE: &[(&str, &str)] = &[
    ("name", "non_blank"),
    ("age", "min"),
    ("rating", "max"),
    ("plan", "one_of"),
    ("email", "regex"),
    ("handle", "no_spaces"),
    ("tags", "max_length"),
    ("home.street", "non_blank"),
    ("home.zip", "min"),
    ("past[1].zip", "max"),
];

fn expected() -> Vec<(String, &'static str)> {
    EVERY_FAILURE
        .iter()
        .map(|(path, rule)| ((*path).to_owned(), *rule))
        .collect()
}

#[test]
fn every_broken_rule_is_listed_with_its_path_and_name() {
    assert_eq!(valid().validate(), Ok(()));
    let error = invalid().validate().unwrap_err();
    assert_eq!(rules_of(&error), expected());
    let message = error.to_string();
    assert!(
        message.contains("`age` breaks `min`: must be at least 18, is 7"),
        "{message}"
    );
    assert!(
        message.contains("`handle` breaks `no_spaces`: `a d a` contains a space"),
        "{message}"
    );
    // A None optional field is not checked; a short key is.
    let mut short = valid();
    short.id = "u".into();
    short.handle = None;
    let error = short.validate().unwrap_err();
    assert_eq!(rules_of(&error), vec![("id".to_owned(), "min_length")]);
}

async fn table(db: &Db) {
    User::table().create(db).await.unwrap();
}

async fn stored(db: &Db) -> usize {
    User::scan(db).count().await.unwrap()
}

fn assert_invalid(error: Error) {
    match error {
        Error::Validation(errors) => {
            assert_eq!(errors.table, "users");
            assert_eq!(rules_of(&errors), expected());
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn no_write_path_sends_an_invalid_model() {
    let db = db();
    table(&db).await;
    valid().put(&db).await.unwrap();

    assert_invalid(invalid().put(&db).await.unwrap_err());
    assert_invalid(invalid().create(&db).await.unwrap_err());
    assert_invalid(invalid().put(&db).request().unwrap_err());
    assert_invalid(
        BatchWrite::new(&db)
            .put(&mut valid())
            .put(&mut invalid())
            .await
            .unwrap_err(),
    );
    let mut other = valid();
    other.id = "u-3".into();
    assert_invalid(
        Transaction::new(&db)
            .put(&mut other)
            .put(&mut invalid())
            .await
            .unwrap_err(),
    );
    // Only the first valid put landed: neither the batch's nor the transaction's valid half.
    assert_eq!(stored(&db).await, 1);
}

#[tokio::test]
async fn update_values_are_checked_against_the_rules() {
    let db = db();
    table(&db).await;
    valid().put(&db).await.unwrap();
    let f = User::fields();

    let error = User::update(&db, "u-1")
        .set(&f.age, 3)
        .set(&f.plan, "gold")
        .set(
            &f.home,
            Address {
                street: " ".into(),
                zip: 20000,
            },
        )
        .await
        .unwrap_err();
    let Error::Validation(errors) = error else {
        panic!("expected a validation error, got {error:?}");
    };
    assert_eq!(
        rules_of(&errors),
        vec![
            ("age".to_owned(), "min"),
            ("plan".to_owned(), "one_of"),
            ("home.street".to_owned(), "non_blank"),
        ]
    );
    assert_eq!(User::get(&db, "u-1").await.unwrap(), Some(valid()));

    // The same in a transaction: nothing is sent.
    let error = Transaction::new(&db)
        .update::<User>("u-1", Update::new().set(&f.rating, 9.0))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Validation(_)), "{error:?}");

    // Valid values go through.
    let updated = User::update(&db, "u-1").set(&f.age, 40).await.unwrap();
    assert_eq!(updated.age, 40);
}

/// A document that holds itself: its rules are checked at every depth.
#[derive(Attribute, Debug, Clone, PartialEq)]
struct Node {
    #[dynamo(validate(non_blank))]
    name: String,
    children: Vec<Node>,
    by_name: std::collections::BTreeMap<String, Node>,
}

#[derive(Model, Debug, Clone, PartialEq)]
struct Tree {
    #[dynamo(partition_key)]
    id: String,
    root: Option<Node>,
}

fn node(name: &str, children: Vec<Node>) -> Node {
    Node {
        name: name.into(),
        children,
        by_name: Default::default(),
    }
}

#[test]
fn recursive_documents_are_checked_at_every_depth() {
    let mut leaf_map = node("b", vec![]);
    leaf_map.by_name.insert("x".into(), node(" ", vec![]));
    let tree = Tree {
        id: "t".into(),
        root: Some(node(
            "a",
            vec![node("ok", vec![node("", vec![])]), leaf_map],
        )),
    };
    let error = tree.validate().unwrap_err();
    assert_eq!(
        rules_of(&error),
        vec![
            ("root.children[0].children[0].name".to_owned(), "non_blank"),
            ("root.children[1].by_name.x.name".to_owned(), "non_blank"),
        ]
    );
    assert_eq!(
        Tree {
            id: "t".into(),
            root: None
        }
        .validate(),
        Ok(())
    );
}

/// A booking whose rule across fields lives in `validate_model`, and whose `before_save`
/// refuses a holiday with validation failures of its own.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "bookings", hooks)]
struct Booking {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(validate(non_blank))]
    guest: String,
    from_day: u32,
    to_day: u32,
}

impl Hooks for Booking {
    fn validate_model(&self, failures: &mut dynamo_model::behaviour::Failures) {
        if self.to_day < self.from_day {
            failures.add("to_day", "after_from_day", "the stay ends before it starts");
        }
    }

    fn before_save(&mut self) -> Result<(), dynamo_model::HookError> {
        if self.from_day == 359 {
            let mut failures = dynamo_model::behaviour::Failures::new();
            failures.add("from_day", "not_a_holiday", "we are closed on day 359");
            failures.into_result("bookings")?;
        }
        Ok(())
    }
}

#[tokio::test]
async fn rules_across_fields_report_with_the_field_rules() {
    let db = db();
    Booking::table().create(&db).await.unwrap();
    let mut bad = Booking {
        id: "b1".into(),
        guest: " ".into(),
        from_day: 10,
        to_day: 3,
    };
    let error = bad.put(&db).await.unwrap_err();
    let Error::Validation(errors) = &error else {
        panic!("{error:?}")
    };
    let rules: Vec<(&str, &str)> = errors
        .failures
        .iter()
        .map(|f| (f.path.as_str(), f.rule))
        .collect();
    assert_eq!(
        rules,
        [("guest", "non_blank"), ("to_day", "after_from_day")]
    );
    assert_eq!(
        Booking::get(&db, "b1").await.unwrap(),
        None,
        "nothing written"
    );

    // A hook's own validation failures are validation errors too, not hook errors.
    let mut holiday = Booking {
        id: "b2".into(),
        guest: "Ada".into(),
        from_day: 359,
        to_day: 360,
    };
    let error = holiday.put(&db).await.unwrap_err();
    let Error::Validation(errors) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(errors.failures[0].rule, "not_a_holiday");
    assert_eq!(error.http_status(), 422);
}
