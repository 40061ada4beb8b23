use super::*;

fn round_trip<T: ToAttribute + FromAttribute + PartialEq + std::fmt::Debug>(value: T) {
    let written = value.to_attribute().unwrap();
    let read = match written {
        Some(attribute) => T::from_attribute(attribute),
        None => T::from_missing(),
    }
    .unwrap();
    assert_eq!(read, value);
}

#[test]
fn collections_round_trip() {
    round_trip(vec![1u8, 2, 3]);
    round_trip(VecDeque::from(vec!["a".to_owned()]));
    round_trip(vec![Some(1i32), None, Some(3)]);
    round_trip(BTreeMap::from([
        ("a".to_owned(), 1.5f64),
        ("b".to_owned(), -2.0),
    ]));
    round_trip(HashMap::<String, Option<bool>>::from([(
        "gone".to_owned(),
        None,
    )]));
    round_trip(BTreeSet::from(["x".to_owned(), "y".to_owned()]));
    round_trip(HashSet::<u64>::from([1, 2, u64::MAX]));
    round_trip(BTreeSet::from([Binary(vec![1]), Binary(vec![])]));
    round_trip(vec![BTreeSet::<String>::new()]);
    round_trip(Box::new(7u8));
    round_trip(Arc::<str>::from("shared"));
    round_trip(Box::<str>::from("boxed"));
    round_trip(Cow::<str>::Owned("cow".into()));
}

#[test]
fn an_empty_set_is_left_out_and_reads_back_empty() {
    assert_eq!(BTreeSet::<String>::new().to_attribute().unwrap(), None);
    assert_eq!(HashSet::<String>::from_missing().unwrap(), HashSet::new());
    assert_eq!(
        BTreeSet::<i32>::from_attribute(AttributeValue::Null(true)).unwrap(),
        BTreeSet::new()
    );
}

#[test]
fn errors_inside_collections_carry_their_position() {
    let list = AttributeValue::L(vec![
        AttributeValue::N("1".into()),
        AttributeValue::S("two".into()),
    ]);
    let error = Vec::<u32>::from_attribute(list).unwrap_err();
    assert_eq!(
        error.to_string(),
        "attribute `[1]`: expected N (u32), found S"
    );

    let map = AttributeValue::M(HashMap::from([(
        "zip".to_owned(),
        AttributeValue::N("1e200".into()),
    )]));
    let error = BTreeMap::<String, u32>::from_attribute(map).unwrap_err();
    assert_eq!(error.in_attribute("address").path(), "address.zip");

    let set = AttributeValue::Ns(vec!["1".into(), "256".into()]);
    let error = BTreeSet::<u8>::from_attribute(set).unwrap_err();
    assert_eq!(error.to_string(), "number 256 does not fit u8");

    let nan = vec![1.0, f64::NAN].to_attribute().unwrap_err();
    assert_eq!(nan.in_attribute("scores").path(), "scores[1]");
}

#[test]
fn sets_check_their_element_type() {
    let error =
        BTreeSet::<String>::from_attribute(AttributeValue::Ns(vec!["1".into()])).unwrap_err();
    assert_eq!(error.to_string(), "expected SS, found NS");
}
