//! Tables made from model metadata: create, create_if_missing, describe, delete, and the
//! table names a `Db` derives from the model's.

use dynamo_model::sdk::types::{BillingMode, KeyType, ScalarAttributeType, TableStatus};
use dynamo_model::{Error, KeyScalar, Model, ModelExt};

#[derive(Model, Debug, PartialEq)]
#[dynamo(table = "orders")]
struct Order {
    #[dynamo(partition_key, rename = "pk")]
    customer: String,
    #[dynamo(sort_key)]
    number: u32,
    total: f64,
}

#[test]
fn the_schema_lists_keys_and_attributes() {
    let schema = Order::SCHEMA;
    assert_eq!(schema.table, "orders");
    assert_eq!(schema.partition_key.name, "pk");
    assert_eq!(schema.partition_key.scalar, KeyScalar::S);
    let range = schema.sort_key.unwrap();
    assert_eq!((range.name, range.scalar), ("number", KeyScalar::N));
    assert_eq!(schema.attributes, &["pk", "number", "total"]);
}

#[tokio::test]
async fn create_builds_the_key_schema_from_the_model() {
    let db = tests::db();
    Order::table().create(&db).await.unwrap();
    let table = Order::table().describe(&db).await.unwrap().unwrap();
    assert_eq!(table.table_status, Some(TableStatus::Active));
    assert_eq!(
        table.table_name.as_deref(),
        Some(db.table_name("orders").as_str())
    );
    let keys: Vec<_> = table
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name().to_owned(), k.key_type().clone()))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("pk".to_owned(), KeyType::Hash),
            ("number".to_owned(), KeyType::Range)
        ]
    );
    let mut types: Vec<_> = table
        .attribute_definitions()
        .iter()
        .map(|a| (a.attribute_name().to_owned(), a.attribute_type().clone()))
        .collect();
    types.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        types,
        vec![
            ("number".to_owned(), ScalarAttributeType::N),
            ("pk".to_owned(), ScalarAttributeType::S)
        ]
    );
    assert_eq!(
        table.billing_mode_summary().and_then(|b| b.billing_mode()),
        Some(&BillingMode::PayPerRequest)
    );
}

#[tokio::test]
async fn create_if_missing_is_idempotent_and_create_is_not() {
    let db = tests::db();
    Order::table().create_if_missing(&db).await.unwrap();
    Order::table().create_if_missing(&db).await.unwrap();
    let error = Order::table().create(&db).await.unwrap_err();
    let Error::Sdk {
        operation, source, ..
    } = &error
    else {
        panic!("expected an SDK error, got {error:?}");
    };
    assert_eq!(*operation, dynamo_model::Operation::CreateTable);
    assert!(matches!(
        **source,
        dynamo_model::sdk::Error::ResourceInUseException(_)
    ));
}

#[tokio::test]
async fn concurrent_create_if_missing_calls_all_succeed() {
    let db = tests::db();
    let table = Order::table();
    let (a, b, c) = tokio::join!(
        table.create_if_missing(&db),
        table.create_if_missing(&db),
        table.create_if_missing(&db)
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
}

#[tokio::test]
async fn delete_drops_the_table() {
    let db = tests::db();
    Order::table().create(&db).await.unwrap();
    Order::table().delete(&db).await.unwrap();
    assert!(Order::table().describe(&db).await.unwrap().is_none());
    assert!(matches!(
        Order::table().delete(&db).await,
        Err(Error::TableNotFound {
            operation: dynamo_model::Operation::DeleteTable,
            ..
        })
    ));
}

#[tokio::test]
async fn prefix_and_suffix_name_separate_tables() {
    let base = tests::db();
    let dev = base.clone().with_table_suffix("-dev");
    let prod = base.clone().with_table_suffix("-prod");
    assert_eq!(
        dev.table_name_of::<Order>(),
        format!("{}-dev", base.table_name("orders"))
    );
    Order::table().create(&dev).await.unwrap();
    Order::table().create(&prod).await.unwrap();
    let mut order = Order {
        customer: "alice".into(),
        number: 1,
        total: 9.5,
    };
    order.put(&dev).await.unwrap();
    assert_eq!(Order::get(&dev, ("alice", 1)).await.unwrap(), Some(order));
    assert_eq!(Order::get(&prod, ("alice", 1)).await.unwrap(), None);
    // The unsuffixed table was never created.
    assert!(Order::table().describe(&base).await.unwrap().is_none());
}
