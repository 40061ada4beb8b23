//! Typed expressions: the exact text and placeholder maps each builder renders, and every
//! operator and update action sent to the local engine, which judges their validity.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dynamo_model::expr::{AttributeType, Expression, Update};
use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, Binary};

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    zip: u32,
    geo: Option<Geo>,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Geo {
    lat: f64,
    lon: f64,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "things")]
struct Thing {
    #[dynamo(partition_key)]
    group: String,
    #[dynamo(sort_key)]
    n: i64,
    name: String,
    score: i32,
    flag: bool,
    note: Option<String>,
    tags: BTreeSet<String>,
    nums: Vec<i32>,
    home: Address,
    labels: BTreeMap<String, String>,
    blob: Binary,
    #[dynamo(rename = "select")]
    reserved: String,
    #[dynamo(rename = "a.b #c:d e")]
    weird: Option<u32>,
    #[dynamo(with = dynamo_model::with::epoch_seconds)]
    seen: std::time::SystemTime,
}

fn thing(n: i64) -> Thing {
    Thing {
        group: "g".into(),
        n,
        name: format!("name {n}"),
        score: n as i32 * 10,
        flag: n % 2 == 0,
        note: (n % 3 == 0).then(|| format!("note {n}")),
        tags: BTreeSet::from(["a".to_owned(), format!("t{n}")]),
        nums: vec![1, 2, n as i32],
        home: Address {
            street: "Main".into(),
            zip: 10_000 + n as u32,
            geo: None,
        },
        labels: BTreeMap::from([("en".to_owned(), "cat".to_owned())]),
        blob: Binary(vec![n as u8]),
        reserved: "r".into(),
        weird: Some(n as u32),
        seen: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000 + n as u64),
    }
}

fn names(built: &Expression) -> HashMap<String, String> {
    built.names.clone().unwrap_or_default()
}

fn values(built: &Expression) -> HashMap<String, AttributeValue> {
    built.values.clone().unwrap_or_default()
}

fn n(text: &str) -> AttributeValue {
    AttributeValue::N(text.to_owned())
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

#[test]
fn comparisons_render_with_placeholders_only() {
    let f = Thing::fields();
    let cases = [
        (f.score.eq(5), "#n0 = :v0"),
        (f.score.ne(5), "#n0 <> :v0"),
        (f.score.lt(5), "#n0 < :v0"),
        (f.score.le(5), "#n0 <= :v0"),
        (f.score.gt(5), "#n0 > :v0"),
        (f.score.ge(5), "#n0 >= :v0"),
        (f.score.between(1, 9), "#n0 BETWEEN :v0 AND :v1"),
        (f.score.is_in([1, 2, 3]), "#n0 IN (:v0, :v1, :v2)"),
    ];
    for (condition, text) in cases {
        let built = condition.build().unwrap();
        assert_eq!(built.text, text);
        assert_eq!(
            names(&built),
            HashMap::from([("#n0".to_owned(), "score".to_owned())])
        );
    }
    let built = f.score.between(1, 9).build().unwrap();
    assert_eq!(
        values(&built),
        HashMap::from([(":v0".to_owned(), n("1")), (":v1".to_owned(), n("9"))])
    );
}

#[test]
fn functions_render_with_their_operands() {
    let f = Thing::fields();
    let cases = [
        (f.name.begins_with("na"), "begins_with(#n0, :v0)"),
        (f.name.contains("me"), "contains(#n0, :v0)"),
        (f.tags.contains("a"), "contains(#n0, :v0)"),
        (f.nums.contains(2), "contains(#n0, :v0)"),
        (f.note.exists(), "attribute_exists(#n0)"),
        (f.note.not_exists(), "attribute_not_exists(#n0)"),
        (
            f.note.has_type(AttributeType::S),
            "attribute_type(#n0, :v0)",
        ),
        (f.name.size().gt(3), "size(#n0) > :v0"),
        (f.tags.size().between(1, 2), "size(#n0) BETWEEN :v0 AND :v1"),
        (f.home.zip.eq(10_001u32), "#n0.#n1 = :v0"),
        (f.nums.at(2).gt(0), "#n0[2] > :v0"),
        (f.labels.key("en").eq("cat"), "#n0.#n1 = :v0"),
        (f.home.geo.lat.gt(0.5), "#n0.#n1.#n2 > :v0"),
        (f.name.ne(&f.reserved), "#n0 <> #n1"),
        (f.blob.begins_with(Binary(vec![1])), "begins_with(#n0, :v0)"),
    ];
    for (condition, text) in cases {
        assert_eq!(condition.build().unwrap().text, text);
    }
    let typed = f.note.has_type(AttributeType::Ss).build().unwrap();
    assert_eq!(values(&typed)[":v0"], s("SS"));
}

#[test]
fn boolean_operators_parenthesise_only_where_precedence_needs_it() {
    let f = Thing::fields();
    let built = (f.score.gt(1) & f.flag.eq(true) | f.name.eq("x"))
        .build()
        .unwrap();
    assert_eq!(built.text, "#n0 > :v0 AND #n1 = :v1 OR #n2 = :v2");

    let built = (f.score.gt(1) & (f.flag.eq(true) | f.name.eq("x")))
        .build()
        .unwrap();
    assert_eq!(built.text, "#n0 > :v0 AND (#n1 = :v1 OR #n2 = :v2)");

    let built = (!(f.score.gt(1) & f.flag.eq(true))).build().unwrap();
    assert_eq!(built.text, "NOT (#n0 > :v0 AND #n1 = :v1)");

    let built = (!f.note.exists() | !!f.flag.eq(false)).build().unwrap();
    assert_eq!(built.text, "NOT attribute_exists(#n0) OR #n1 = :v0");

    let built = f
        .score
        .gt(1)
        .and(f.score.lt(9))
        .and(f.score.ne(5))
        .build()
        .unwrap();
    assert_eq!(
        built.text, "#n0 > :v0 AND #n0 < :v1 AND #n0 <> :v2",
        "flattened, names shared"
    );
}

#[test]
fn names_and_values_are_deduplicated_and_numbered_in_order() {
    let f = Thing::fields();
    let built = (f.name.eq("x") | f.reserved.eq("x") | f.name.begins_with("y"))
        .build()
        .unwrap();
    assert_eq!(
        built.text,
        "#n0 = :v0 OR #n1 = :v0 OR begins_with(#n0, :v1)"
    );
    assert_eq!(
        names(&built),
        HashMap::from([
            ("#n0".to_owned(), "name".to_owned()),
            ("#n1".to_owned(), "select".to_owned())
        ])
    );
    assert_eq!(values(&built).len(), 2);
}

#[test]
fn special_characters_never_reach_the_expression_text() {
    let f = Thing::fields();
    let built = f.weird.eq(3u32).build().unwrap();
    assert_eq!(built.text, "#n0 = :v0");
    assert_eq!(names(&built)["#n0"], "a.b #c:d e");
    let built = f.labels.key("x.y z").eq("v").build().unwrap();
    assert_eq!(built.text, "#n0.#n1 = :v0");
    assert_eq!(names(&built)["#n1"], "x.y z");
}

#[test]
fn with_fields_compare_what_is_stored() {
    let f = Thing::fields();
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_005);
    let built = f.seen.gt(at).build().unwrap();
    assert_eq!(
        values(&built)[":v0"],
        n("1700000005"),
        "epoch seconds, as stored"
    );
}

#[test]
fn values_that_cannot_be_stored_fail_at_build() {
    let f = Thing::fields();
    let error = f.note.eq(None::<String>).build().unwrap_err();
    assert!(error.to_string().contains("absent"), "{error}");
    let error = f.score.is_in(Vec::<i32>::new()).build().unwrap_err();
    assert!(error.to_string().contains("IN takes 1 to 100"), "{error}");
    let error = f.score.is_in(0..101).build().unwrap_err();
    assert!(error.to_string().contains("not 101"), "{error}");
}

#[test]
fn update_actions_render_in_clause_order() {
    let f = Thing::fields();
    let update = Update::new()
        .discard(&f.tags, BTreeSet::from(["a".to_owned()]))
        .add(&f.score, 2)
        .unset(&f.note)
        .set(&f.name, "new")
        .set_if_not_exists(&f.reserved, "r2")
        .increment(&f.home.zip, 1u32)
        .decrement(&f.weird, 1u32)
        .append(&f.nums, vec![7])
        .prepend(f.nums.clone(), vec![0]);
    // `nums` twice overlaps: rendering refuses before DynamoDB would.
    let error = update.build().unwrap_err();
    assert!(
        error
            .to_string()
            .contains("overlapping paths `nums` and `nums`"),
        "{error}"
    );

    let update = Update::new()
        .discard(&f.tags, BTreeSet::from(["a".to_owned()]))
        .add(&f.score, 2)
        .unset(&f.note)
        .set(&f.name, "new")
        .set_if_not_exists(&f.reserved, "r2")
        .increment(&f.home.zip, 1u32)
        .decrement(&f.weird, 1u32)
        .append(&f.nums, vec![7])
        .unset_key(&f.labels, "en")
        .set(&f.flag, &f.flag.clone());
    let built = update.build().unwrap();
    assert_eq!(
        built.text,
        "SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1), #n2.#n3 = #n2.#n3 + :v2, \
         #n4 = #n4 - :v2, #n5 = list_append(if_not_exists(#n5, :v3), :v4), #n6 = #n6 \
         REMOVE #n7, #n8.#n9 ADD #n10 :v5 DELETE #n11 :v6"
    );
    assert_eq!(values(&built)[":v3"], AttributeValue::L(vec![]));
    assert_eq!(names(&built)["#n9"], "en");
}

#[test]
fn overlapping_update_paths_are_refused_before_sending() {
    let f = Thing::fields();
    let error = Update::new()
        .set(&f.home, thing(1).home)
        .set(&f.home.zip, 1u32)
        .build()
        .unwrap_err();
    assert!(
        error.to_string().contains("`home` and `home.zip`"),
        "{error}"
    );
    let fine = Update::new()
        .set(&f.home.zip, 1u32)
        .set(&f.home.street, "x")
        .build();
    assert!(fine.is_ok(), "siblings do not overlap");
}

#[test]
fn setting_none_removes_the_attribute() {
    let f = Thing::fields();
    let built = Update::new().set(&f.note, None::<String>).build().unwrap();
    assert_eq!(built.text, "REMOVE #n0");
}
