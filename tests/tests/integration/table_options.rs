//! Tables from model metadata with every creation option, `verify` against live tables, and
//! table names chosen at run time.

use dynamo_model::prelude::*;
use dynamo_model::sdk::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
};
use dynamo_model::table::{Difference, StreamViewType, TableClass};
use tests::{db, unique_prefix};

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "sessions")]
#[dynamo(global_index(name = "by_user", partition_key = "user", sort_key = "expires"))]
struct Session {
    #[dynamo(partition_key)]
    id: String,
    user: String,
    expires: u64,
}

#[tokio::test]
async fn creation_options_reach_the_table() {
    let db = db();
    Session::table()
        .provisioned(dynamo_model::cost::Throughput { read: 5, write: 3 })
        .stream(StreamViewType::NewAndOldImages)
        .class(TableClass::Standard)
        .tag("team", "core")
        .ttl("expires")
        .create(&db)
        .await
        .unwrap();
    let table = Session::table().describe(&db).await.unwrap().unwrap();
    let throughput = table.provisioned_throughput().unwrap();
    assert_eq!(
        (
            throughput.read_capacity_units(),
            throughput.write_capacity_units()
        ),
        (Some(5), Some(3))
    );
    let index = &table.global_secondary_indexes()[0];
    assert_eq!(
        index
            .provisioned_throughput()
            .and_then(|t| t.read_capacity_units()),
        Some(5)
    );
    let stream = table.stream_specification().unwrap();
    assert_eq!(
        stream.stream_view_type(),
        Some(&StreamViewType::NewAndOldImages)
    );
    let ttl = db
        .client()
        .describe_time_to_live()
        .table_name(db.table_name_of::<Session>())
        .send()
        .await
        .unwrap();
    assert_eq!(
        ttl.time_to_live_description()
            .and_then(|d| d.attribute_name()),
        Some("expires")
    );
    // With TTL on, the table matches the model and its options.
    assert_eq!(
        Session::table().ttl("expires").verify(&db).await.unwrap(),
        vec![]
    );
    // A second create_if_missing finds TTL on already.
    Session::table()
        .ttl("expires")
        .create_if_missing(&db)
        .await
        .unwrap();
}

#[tokio::test]
async fn deletion_protection_guards_the_table() {
    let db = db();
    Session::table()
        .deletion_protection(true)
        .create(&db)
        .await
        .unwrap();
    let table = Session::table().describe(&db).await.unwrap().unwrap();
    assert_eq!(table.deletion_protection_enabled(), Some(true));
    assert!(
        Session::table().delete(&db).await.is_err(),
        "protected tables are not deleted"
    );
}

#[tokio::test]
async fn verify_reports_every_difference_as_data() {
    let db = db();
    assert_eq!(
        Session::table().verify(&db).await.unwrap(),
        vec![Difference::MissingTable {
            table: db.table_name_of::<Session>()
        }]
    );

    // Made "by infrastructure code": a numeric partition key, no `by_user` index.
    let definition = |name: &str, kind| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(kind)
            .build()
            .unwrap()
    };
    db.client()
        .create_table()
        .table_name(db.table_name_of::<Session>())
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(definition("id", ScalarAttributeType::N))
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("id")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let differences = Session::table().ttl("expires").verify(&db).await.unwrap();
    assert_eq!(
        differences,
        vec![
            Difference::Key {
                index: None,
                role: "partition",
                expected: Some(("id".into(), "S".into())),
                found: Some(("id".into(), "N".into())),
            },
            Difference::MissingIndex {
                index: "by_user".into()
            },
            Difference::Ttl {
                expected: Some("expires".into()),
                found: None
            },
        ]
    );
}

#[tokio::test]
async fn a_model_can_use_a_table_name_chosen_at_run_time() {
    let exact = format!("{}from-infrastructure", unique_prefix());
    let db = db().with_table_name::<Session>(exact.clone());
    assert_eq!(db.table_name_of::<Session>(), exact);
    Session::table().create(&db).await.unwrap();
    let mut session = Session {
        id: "s".into(),
        user: "u".into(),
        expires: 9,
    };
    session.put(&db).await.unwrap();
    assert_eq!(Session::get(&db, "s").await.unwrap(), Some(session.clone()));
    let page = Session::scan(&db).page(None).await.unwrap();
    assert_eq!(page.items, vec![session.clone()]);
    let by_user = Session::indexes().by_user.query(&db, "u").await.unwrap();
    assert_eq!(by_user, vec![session]);
    let listed = db.client().describe_table().table_name(&exact).send().await;
    assert!(listed.is_ok(), "the table has exactly that name");
}
