use super::*;
use aws_sdk_dynamodb::types::AttributeValue;

fn prepared(table: &str, id: &str) -> PreparedWrite<'static> {
    let key = Item::from([("id".to_owned(), AttributeValue::S(id.to_owned()))]);
    let delete = DeleteRequest::builder()
        .set_key(Some(key.clone()))
        .build()
        .unwrap();
    PreparedWrite {
        model: "Cat",
        key,
        write: BatchWriteItem {
            table: table.to_owned(),
            request: WriteRequest::builder().delete_request(delete).build(),
        },
        after_write: None,
    }
}

#[test]
fn a_later_write_of_a_key_replaces_the_earlier_ones() {
    let writes = [
        prepared("t", "a"),
        prepared("t", "b"),
        prepared("t", "a"),
        prepared("u", "a"),
        prepared("t", "a"),
    ];
    assert_eq!(
        replaced_by(&writes),
        [Some(4), None, Some(4), None, None],
        "both earlier writes of t/a point at the one that is sent; u/a is another table"
    );
}
