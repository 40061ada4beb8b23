use super::*;

fn text<P: KeyPart + ?Sized>(value: &P) -> String {
    let mut out = String::new();
    value.write_part(&mut out).map(|()| out).unwrap_or_default()
}

/// A time in a key is written by the same writer as a stored time: what the item holds in
/// the field is what the key holds for it.
#[cfg(all(feature = "chrono", feature = "time"))]
#[test]
fn times_in_keys_are_the_stored_iso_text() {
    use crate::value::ToAttribute;
    use aws_sdk_dynamodb::types::AttributeValue;
    let part = |value: &dyn Fn(&mut String) -> Result<(), ConversionError>| {
        let mut out = String::new();
        value(&mut out).map(|()| out)
    };
    let stored = |value: &dyn ToAttribute| match value.to_attribute() {
        Ok(Some(AttributeValue::S(text))) => text,
        other => panic!("{other:?}"),
    };
    let chrono_instant = chrono::DateTime::from_timestamp(1_717_245_005, 123_456_789).unwrap();
    let key = part(&|out| chrono_instant.write_part(out)).unwrap();
    assert_eq!(key, "2024-06-01T12:30:05.123456789Z");
    assert_eq!(key, stored(&chrono_instant));
    let chrono_day = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(
        part(&|out| chrono_day.write_part(out)).unwrap(),
        "2024-02-29"
    );
    assert_eq!(stored(&chrono_day), "2024-02-29");
    let offset = time::UtcOffset::from_hms(2, 0, 0).unwrap();
    let time_instant = time::OffsetDateTime::from_unix_timestamp_nanos(1_717_245_005_123_456_789)
        .unwrap()
        .to_offset(offset);
    // Written in UTC, whatever the offset, so that key order is time order.
    assert_eq!(
        part(&|out| time_instant.write_part(out)).unwrap(),
        "2024-06-01T12:30:05.123456789Z"
    );
    let time_day = time::Date::from_calendar_date(1970, time::Month::January, 1).unwrap();
    assert_eq!(part(&|out| time_day.write_part(out)).unwrap(), "1970-01-01");
    let far = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let error = part(&|out| far.write_part(out)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("year 10000 cannot be a key part"),
        "{error}"
    );
}

#[test]
fn integers_sort_as_their_values() {
    let values = [i64::MIN, -10, -1, 0, 1, 9, 10, i64::MAX];
    let texts: Vec<String> = values.iter().map(text).collect();
    let mut sorted = texts.clone();
    sorted.sort();
    assert_eq!(texts, sorted);
    assert!(texts.iter().all(|t| t.len() == 20));
    assert_eq!(text(&42_u32), "0000000042");
    assert_eq!(text(&0_u8), "000");
    assert_eq!(text(&u64::MAX), "18446744073709551615");
    assert_eq!(text(&-1_i32), "2147483647");
}

#[test]
fn free_text_may_not_be_empty_or_hold_a_separator() {
    let mut key = KeyText::new("sk", "#", 16);
    key.literal("ORDER#");
    let error = key.part("order_id", "a#b").err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "attribute `order_id`: contains `#`, which separates the parts of key `sk`; a part containing it would make keys ambiguous"
        )
    );
    let mut key = KeyText::new("pk", "#", 16);
    let error = key.part("customer_id", "").err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "attribute `customer_id`: an empty string cannot be a part of key `pk`: its parts must be told apart"
        )
    );
    let mut key = KeyText::new("pk", "#", 16);
    key.literal("CUSTOMER#");
    assert!(key.part("customer_id", "alice").is_ok());
    assert!(key.part("count", &-3_i8).is_ok());
    assert_eq!(key.finish(), "CUSTOMER#alice125");
}

#[test]
fn a_stored_key_matches_only_the_text_the_template_writes() {
    let check = |stored: &str, count: u32, id: &str| {
        let mut key = StoredKey::new(stored);
        key.literal("ORDER#");
        key.part(&count);
        key.literal("#");
        key.part(id);
        key.matches()
    };
    assert!(check("ORDER#0000000042#o-1", 42, "o-1"));
    assert!(!check("ORDER#0000000042#o-1", 43, "o-1"));
    assert!(!check("ORDER#42#o-1", 42, "o-1"));
    assert!(!check("ORDER#0000000042#o-1x", 42, "o-1"));
    assert!(!check("ORDER#0000000042#o", 42, "o-1"));
    assert!(!check("ORDER#", 42, "o-1"));
    for value in [0_i16, -1, i16::MIN, i16::MAX] {
        let mut text = String::new();
        assert!(value.write_part(&mut text).is_ok());
        assert_eq!(value.match_part(&text), Some(text.len()));
    }
}
