//! DynamoDB Streams records decoded into typed changes, from recorded event JSON: a model's, and
//! a shared table's dispatched by entity name into a collection enum.

use dynamo_model::stream::{self, Change, Record};
use dynamo_model::{AttributeValue, Item};
use examples::shop::{CustomerView, Order};

const SHOP_EVENT: &str = include_str!("../../fixtures/streams/shop-event.json");

#[test]
fn a_shared_table_s_records_dispatch_by_entity_and_keep_the_unknown() {
    let records: Vec<_> = stream::records_from_json::<CustomerView>(SHOP_EVENT).unwrap();
    assert_eq!(records.len(), 4, "one result per record, none dropped");

    let Ok(Record {
        change:
            Change::Inserted {
                new: Some(CustomerView::Customer(customer)),
                ..
            },
        ..
    }) = &records[0]
    else {
        panic!("{:?}", records[0]);
    };
    assert_eq!(customer.email, "alice@example.com");

    let Ok(Record {
        change:
            Change::Modified {
                old: Some(CustomerView::Order(old)),
                new: Some(CustomerView::Order(new)),
                keys,
            },
        sequence_number,
        ..
    }) = &records[1]
    else {
        panic!("{:?}", records[1]);
    };
    assert_eq!(
        (old.status.as_str(), new.status.as_str()),
        ("placed", "shipped")
    );
    assert_eq!(
        keys.get("sk"),
        Some(&AttributeValue::S("ORDER#0020240601#alice-1".into()))
    );
    assert_eq!(
        sequence_number.as_deref(),
        Some("4421584600000000017450439092")
    );

    // An entity this version does not model is kept, not dropped.
    let Ok(Record {
        change:
            Change::Removed {
                old: Some(CustomerView::Other(item)),
                ..
            },
        ..
    }) = &records[2]
    else {
        panic!("{:?}", records[2]);
    };
    assert_eq!(
        item.get("_et"),
        Some(&AttributeValue::S("gift_card".into()))
    );

    // A record that does not decode names itself and the attribute; the others still decode.
    let Err(error) = &records[3] else {
        panic!("{:?}", records[3]);
    };
    assert_eq!(error.position, 3);
    assert_eq!(error.part, "NewImage");
    assert_eq!(
        error.sequence_number.as_deref(),
        Some("4421584800000000017450439094")
    );
    assert_eq!(
        error.to_string(),
        "stream record 3 (eventID a87ff679a2f3e71d9181a67b7542122c), NewImage: attribute `street`: expected S, found N"
    );
}

#[test]
fn a_model_s_records_decode_into_the_model() {
    // Only the order record is an order: the others are errors naming why, in place.
    let records = stream::records_from_json::<Order>(SHOP_EVENT).unwrap();
    assert!(matches!(
        &records[1],
        Ok(Record { change: Change::Modified { new: Some(Order { status, .. }), .. }, .. }) if status == "shipped"
    ));
    let Err(error) = &records[0] else {
        panic!("{:?}", records[0]);
    };
    assert!(
        error
            .to_string()
            .contains("attribute `_et`: the item is a `customer`, not a `order`"),
        "{error}"
    );
}

#[test]
fn a_keys_only_stream_gives_keys_without_images() {
    let event = r#"[{"eventID": "1", "eventName": "REMOVE",
        "dynamodb": {"Keys": {"pk": {"S": "CUSTOMER#a"}, "sk": {"S": "PROFILE"}},
                     "SequenceNumber": "9", "StreamViewType": "KEYS_ONLY"}}]"#;
    let records = stream::records_from_json::<CustomerView>(event).unwrap();
    let Ok(Record {
        change: Change::Removed { keys, old: None },
        ..
    }) = &records[0]
    else {
        panic!("{:?}", records[0]);
    };
    assert_eq!(keys.len(), 2);
    // Raw items are an image type too.
    let raw = stream::records_from_json::<Item>(event).unwrap();
    assert!(raw[0].is_ok());
}

#[test]
fn a_malformed_event_or_record_is_an_error_not_a_silent_skip() {
    assert!(stream::records_from_json::<Order>("{\"Items\": []}").is_err());
    let records =
        stream::records_from_json::<Order>(r#"[{"eventID": "x", "eventName": "TRUNCATE"}]"#)
            .unwrap();
    let Err(error) = &records[0] else {
        panic!("{:?}", records[0]);
    };
    assert_eq!(error.part, "eventName");
    assert!(error.to_string().contains("found `TRUNCATE`"), "{error}");
}

#[test]
fn the_lambda_events_types_decode_the_same_way() {
    use lambda_http::aws_lambda_events::event::dynamodb::Event;
    let event: Event = match serde_json::from_str(SHOP_EVENT) {
        Ok(event) => event,
        Err(error) => panic!("the recorded event is an aws_lambda_events Event: {error}"),
    };
    let typed = stream::records_from_event::<CustomerView>(event);
    let from_json = stream::records_from_json::<CustomerView>(SHOP_EVENT).unwrap();
    assert_eq!(typed, from_json);
}

#[test]
fn the_example_stream_handler_reports_what_it_saw_and_which_record_to_retry() {
    use lambda_http::aws_lambda_events::event::dynamodb::Event;
    let event: Event = match serde_json::from_str(SHOP_EVENT) {
        Ok(event) => event,
        Err(error) => panic!("{error}"),
    };
    let (summary, response) = examples::feed::handle(event);
    assert_eq!(
        summary,
        examples::feed::Summary {
            new_customers: vec!["alice".into()],
            shipped: vec!["alice-1".into()],
            others: 1,
        }
    );
    let retry: Vec<Option<&str>> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_deref())
        .collect();
    assert_eq!(retry, [Some("4421584800000000017450439094")]);
}
