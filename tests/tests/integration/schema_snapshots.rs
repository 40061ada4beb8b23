//! Drift caught in CI: a committed schema snapshot, and a check that fails when a model changed
//! in a way that breaks reading the items already stored, naming each change.

use dynamo_model::prelude::*;
use dynamo_model::schema::{Change, Snapshot, assert_compatible};

mod before {
    use dynamo_model::prelude::*;

    #[derive(Model)]
    #[dynamo(
        table = "orders",
        global_index(name = "by_customer", partition_key = "customer")
    )]
    pub struct Order {
        #[dynamo(partition_key)]
        pub id: String,
        pub customer: String,
        pub total: u32,
        pub note: Option<String>,
        pub legacy: String,
    }
}

/// Harmless changes: an optional field added, a field renamed with an alias, an optional field
/// dropped, an integer widened.
mod harmless {
    use dynamo_model::prelude::*;

    #[derive(Model)]
    #[dynamo(
        table = "orders",
        global_index(name = "by_customer", partition_key = "customer")
    )]
    pub struct Order {
        #[dynamo(partition_key)]
        pub id: String,
        pub customer: String,
        pub total: u64,
        pub coupon: Option<String>,
        #[dynamo(alias = "legacy")]
        pub origin: String,
    }
}

/// Breaking changes: a new required field, a changed type, a required field gone, another
/// index key, another key.
mod breaking {
    use dynamo_model::prelude::*;

    #[derive(Model)]
    #[dynamo(
        table = "orders",
        global_index(name = "by_customer", partition_key = "total")
    )]
    pub struct Order {
        #[dynamo(partition_key)]
        pub number: u64,
        pub customer: String,
        pub total: String,
        pub note: Option<String>,
        pub status: String,
    }
}

/// The same breaking changes with a new schema version and the old shape.
mod bumped {
    use dynamo_model::Upgrade;
    use dynamo_model::prelude::*;

    #[derive(Attribute)]
    pub struct OrderV1 {
        id: String,
        customer: String,
        total: u32,
    }

    #[derive(Model)]
    #[dynamo(table = "orders", schema_version = 2, old_shapes(1 = OrderV1))]
    pub struct Order {
        #[dynamo(partition_key)]
        pub id: String,
        pub customer: String,
        pub total: u64,
        pub status: String,
    }

    impl Upgrade for OrderV1 {
        type Next = Order;
        fn upgrade(self) -> Order {
            Order {
                id: self.id,
                customer: self.customer,
                total: u64::from(self.total),
                status: "placed".into(),
            }
        }
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(tests::unique_prefix());
    dir.join(name)
}

fn panic_text(run: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let error = std::panic::catch_unwind(run).unwrap_err();
    error.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn the_first_check_writes_the_snapshot_and_an_unchanged_model_passes() {
    let path = scratch("order.json");
    assert_compatible(&before::Order::SCHEMA, &path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"partition_key\": \"id (S)\""), "{text}");
    assert!(text.contains("\"type\": \"Option<String>\""), "{text}");
    assert_eq!(
        Snapshot::from_json(&text).unwrap(),
        Snapshot::of(&before::Order::SCHEMA)
    );
    assert_compatible(&before::Order::SCHEMA, &path);
}

#[test]
fn harmless_changes_pass_and_update_the_snapshot() {
    let path = scratch("order.json");
    assert_compatible(&before::Order::SCHEMA, &path);
    let changes =
        Snapshot::of(&before::Order::SCHEMA).changes(&Snapshot::of(&harmless::Order::SCHEMA));
    assert!(changes.iter().all(|c| !c.is_breaking()), "{changes:?}");
    assert!(changes.contains(&Change::FieldAdded {
        field: "coupon".into(),
        required: false
    }));
    assert_compatible(&harmless::Order::SCHEMA, &path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("coupon"), "updated: {text}");
}

#[test]
fn breaking_changes_fail_naming_each_one_and_what_to_do() {
    let path = scratch("order.json");
    assert_compatible(&before::Order::SCHEMA, &path);
    let message = panic_text(|| assert_compatible(&breaking::Order::SCHEMA, &path));
    for expected in [
        "`Order` changed in ways that break reading the items already stored",
        "the partition key changed from `id (S)` to `number (N)`",
        "`total` changed from `u32` to `String`",
        "the required field `legacy` is gone",
        "`status` is a new required field: items stored before do not hold it",
        "the index `by_customer` changed from `customer (S)` to `total (S)`",
        "bump `schema_version`",
    ] {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }
    assert!(!message.contains("note"), "{message}");
    // The snapshot is left as it was.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        Snapshot::from_json(&text).unwrap(),
        Snapshot::of(&before::Order::SCHEMA)
    );
}

#[test]
fn a_new_schema_version_accepts_the_changes() {
    let path = scratch("order.json");
    assert_compatible(&before::Order::SCHEMA, &path);
    assert_compatible(&bumped::Order::SCHEMA, &path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"schema_version\": 2"), "{text}");
    // A later change without a new version is measured against version 2.
    let message = panic_text(|| assert_compatible(&breaking::Order::SCHEMA, &path));
    assert!(message.contains("the partition key changed"), "{message}");
}

#[derive(Model)]
#[dynamo(table = "bookmarks", partition_key = "USER#{user}", sort_key = "{id}")]
struct Bookmark {
    user: String,
    id: String,
}

#[test]
fn key_templates_are_part_of_the_snapshot() {
    let snapshot = Snapshot::of(&Bookmark::SCHEMA);
    assert_eq!(snapshot.partition_key, "pk = USER#{user}");
    assert_eq!(snapshot.sort_key.as_deref(), Some("sk = {id}"));
}
