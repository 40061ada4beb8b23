//! Index declarations: the schema the derive records, and the tables created from it in
//! the local engine.

use dynamo_model::expr::UpdateActions;
use dynamo_model::sdk::types::{KeyType as Role, ProjectionType, ScalarAttributeType};
use dynamo_model::{IndexAttributes, IndexKind, KeyScalar, Model, ModelExt};
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "pets", rename_all = "camelCase")]
#[dynamo(global_index(name = "by_owner", partition_key = "owner_id", sort_key = "born"))]
#[dynamo(global_index(name = "by_chip", partition_key = "chip", projection = "keys_only"))]
#[dynamo(local_index(name = "by_weight", sort_key = "weight", include = ["nick_name"]))]
struct Pet {
    #[dynamo(partition_key)]
    home: String,
    #[dynamo(sort_key)]
    name: String,
    owner_id: String,
    born: u32,
    chip: dynamo_model::Binary,
    weight: f64,
    nick_name: Option<String>,
}

#[test]
fn the_schema_records_each_index_with_stored_names() {
    let indexes = Pet::SCHEMA.indexes;
    assert_eq!(indexes.len(), 3);
    assert_eq!(indexes[0].name, "by_owner");
    assert_eq!(indexes[0].kind, IndexKind::Global);
    assert_eq!(indexes[0].partition_key.name, "ownerId");
    assert_eq!(indexes[0].partition_key.scalar, KeyScalar::S);
    assert_eq!(indexes[0].sort_key.map(|k| k.scalar), Some(KeyScalar::N));
    assert_eq!(indexes[0].attributes, IndexAttributes::All);
    assert_eq!(indexes[1].partition_key.scalar, KeyScalar::B);
    assert_eq!(indexes[1].attributes, IndexAttributes::KeysOnly);
    assert_eq!(indexes[2].kind, IndexKind::Local);
    assert_eq!(indexes[2].partition_key.name, "home");
    assert_eq!(
        indexes[2].attributes,
        IndexAttributes::Include(&["nickName"])
    );
}

#[tokio::test]
async fn tables_are_created_with_their_indexes() {
    let db = db();
    Pet::table().create(&db).await.unwrap();
    let table = Pet::table().describe(&db).await.unwrap().unwrap();

    let mut definitions: Vec<(String, ScalarAttributeType)> = table
        .attribute_definitions()
        .iter()
        .map(|d| (d.attribute_name().to_owned(), d.attribute_type().clone()))
        .collect();
    definitions.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        definitions,
        vec![
            ("born".to_owned(), ScalarAttributeType::N),
            ("chip".to_owned(), ScalarAttributeType::B),
            ("home".to_owned(), ScalarAttributeType::S),
            ("name".to_owned(), ScalarAttributeType::S),
            ("ownerId".to_owned(), ScalarAttributeType::S),
            ("weight".to_owned(), ScalarAttributeType::N),
        ]
    );

    let globals = table.global_secondary_indexes();
    let by_owner = globals
        .iter()
        .find(|i| i.index_name() == Some("by_owner"))
        .unwrap();
    let keys: Vec<(&str, &Role)> = by_owner
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type()))
        .collect();
    assert_eq!(keys, vec![("ownerId", &Role::Hash), ("born", &Role::Range)]);
    let by_chip = globals
        .iter()
        .find(|i| i.index_name() == Some("by_chip"))
        .unwrap();
    assert_eq!(
        by_chip.projection().and_then(|p| p.projection_type()),
        Some(&ProjectionType::KeysOnly)
    );

    let locals = table.local_secondary_indexes();
    assert_eq!(locals.len(), 1);
    let by_weight = &locals[0];
    let keys: Vec<(&str, &Role)> = by_weight
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type()))
        .collect();
    assert_eq!(keys, vec![("home", &Role::Hash), ("weight", &Role::Range)]);
    let projection = by_weight.projection().unwrap();
    assert_eq!(projection.projection_type(), Some(&ProjectionType::Include));
    assert_eq!(projection.non_key_attributes(), ["nickName".to_owned()]);
}

/// A global index keyed by an `Option` field is sparse: an item is in it only while the field
/// holds a value.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "tasks",
    global_index(name = "by_assignee", partition_key = "assignee", sort_key = "due")
)]
struct Task {
    #[dynamo(partition_key)]
    id: String,
    assignee: Option<String>,
    due: Option<u32>,
}

fn task(id: &str, assignee: Option<&str>, due: Option<u32>) -> Task {
    Task {
        id: id.into(),
        assignee: assignee.map(Into::into),
        due,
    }
}

#[tokio::test]
async fn an_index_keyed_by_an_option_field_holds_only_the_items_with_a_value() {
    let db = tests::db();
    Task::table().create(&db).await.unwrap();
    assert_eq!(Task::table().verify(&db).await.unwrap(), vec![]);
    assert!(Task::table().plan(&db).await.unwrap().is_up_to_date());
    assert_eq!(
        Task::table().sync(&db).await.unwrap().added_indexes,
        Vec::<String>::new()
    );
    assert_eq!(Task::SCHEMA.indexes[0].partition_key.scalar, KeyScalar::S);
    let exported = Task::table().definition().cloudformation();
    assert_eq!(
        exported["Properties"]["AttributeDefinitions"],
        serde_json::json!([
            { "AttributeName": "id", "AttributeType": "S" },
            { "AttributeName": "assignee", "AttributeType": "S" },
            { "AttributeName": "due", "AttributeType": "N" },
        ])
    );
    for mut t in [
        task("t1", Some("ann"), Some(3)),
        task("t2", Some("ann"), Some(1)),
        task("t3", None, None),
        task("t4", Some("bob"), Some(2)),
        task("t5", Some("ann"), None),
    ] {
        t.put(&db).await.unwrap();
    }
    let anns = Task::indexes().by_assignee.query(&db, "ann").await.unwrap();
    let ids: Vec<&str> = anns.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["t2", "t1"],
        "sorted by due; t5 has no due date, so it is not in the index"
    );
    let soon = Task::indexes()
        .by_assignee
        .query(&db, "ann")
        .sort_key(|due| due.lt(2u32))
        .await
        .unwrap();
    assert_eq!(soon.len(), 1);
    let indexed = Task::indexes().by_assignee.scan(&db).await.unwrap();
    assert_eq!(indexed.len(), 3);
    // Unassigned: out of the index.
    let f = Task::fields();
    Task::update(&db, "t1").unset(&f.assignee).await.unwrap();
    let anns = Task::indexes().by_assignee.query(&db, "ann").await.unwrap();
    assert_eq!(anns.len(), 1);
}
