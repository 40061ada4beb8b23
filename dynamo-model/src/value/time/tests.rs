use super::*;

#[test]
fn civil_dates_round_trip_over_four_centuries() {
    for days in (-800_000..800_000).step_by(37) {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
}

#[test]
fn instants_are_fixed_width_and_read_any_rfc3339() {
    assert_eq!(
        format_instant(0, 0, 0).unwrap(),
        "1970-01-01T00:00:00.000000000Z"
    );
    assert_eq!(
        format_instant(1_717_245_005, 120_000_000, 7200).unwrap(),
        "2024-06-01T14:30:05.120000000+02:00"
    );
    assert_eq!(
        parse_instant("2024-06-01T12:30:05.12Z").unwrap(),
        (1_717_245_005, 120_000_000, 0)
    );
    assert_eq!(
        parse_instant("2024-06-01T14:30:05.120000000+02:00").unwrap(),
        (1_717_245_005, 120_000_000, 7200)
    );
    assert_eq!(
        parse_instant("1969-12-31T23:59:59.5z").unwrap(),
        (-1, 500_000_000, 0)
    );
    for bad in [
        "2024-02-30T00:00:00Z",
        "2024-06-01T24:00:00Z",
        "2024-06-01T12:30:05",
        "2024-06-01T12:30:05.Z",
        "2024-06-01T12:30:05.0000000001Z",
        "24-06-01T12:30:05Z",
        "2024-06-01T12:30:05Z junk",
    ] {
        assert!(parse_instant(bad).is_err(), "{bad} should not parse");
    }
}

#[test]
fn epochs_are_exact_in_both_directions() {
    assert_eq!(format_epoch(1_700_000_000, 0, 0), "1700000000");
    assert_eq!(format_epoch(1_700_000_000, 5_000_000, 0), "1700000000.005");
    assert_eq!(
        format_epoch(1_700_000_000, 5_000_001, 3),
        "1700000000005.000001"
    );
    assert_eq!(format_epoch(-1, 500_000_000, 0), "-0.5");
    assert_eq!(parse_epoch("-0.5", 0).unwrap(), (-1, 500_000_000));
    assert_eq!(
        parse_epoch("1700000000005.000001", 3).unwrap(),
        (1_700_000_000, 5_000_001)
    );
    assert_eq!(parse_epoch("1.7E9", 0).unwrap(), (1_700_000_000, 0));
    assert!(parse_epoch("0.0000000001", 0).is_err());
}

#[test]
fn system_time_before_the_epoch_round_trips() {
    let before = UNIX_EPOCH - Duration::from_millis(1500);
    assert_eq!(before.to_unix().unwrap(), (-2, 500_000_000));
    let written = before.to_attribute().unwrap().unwrap();
    assert_eq!(
        written,
        AttributeValue::S("1969-12-31T23:59:58.500000000Z".into())
    );
    assert_eq!(SystemTime::from_attribute(written).unwrap(), before);
}
