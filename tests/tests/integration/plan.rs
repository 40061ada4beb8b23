//! `plan`: what `sync` would change on the live table, what it cannot change in place, and what
//! it leaves, with an exit status for CI.

use dynamo_model::prelude::*;
use dynamo_model::table::{Step, StreamViewType};
use tests::db;

#[derive(Model)]
#[dynamo(table = "orders")]
struct OrderV1 {
    #[dynamo(partition_key)]
    shop: String,
    #[dynamo(sort_key)]
    id: String,
    status: String,
}

#[derive(Model)]
#[dynamo(
    table = "orders",
    global_index(name = "by_status", partition_key = "status")
)]
struct OrderV2 {
    #[dynamo(partition_key)]
    shop: String,
    #[dynamo(sort_key)]
    id: String,
    status: String,
    #[dynamo(ttl)]
    expires: Option<u64>,
}

#[derive(Model)]
#[dynamo(table = "orders", local_index(name = "by_total", sort_key = "total"))]
struct OrderNumbered {
    #[dynamo(partition_key)]
    shop: String,
    #[dynamo(sort_key)]
    id: u64,
    total: u64,
}

#[tokio::test]
async fn a_plan_says_what_sync_adds_and_what_it_cannot_change() {
    let db = db();
    let table = db.table_name("orders");

    let missing = OrderV1::table().plan(&db).await.unwrap();
    assert_eq!(missing.to_string(), format!("+ table {table}\n"));
    assert_eq!(missing.exit_code(), 2);

    OrderV1::table().create(&db).await.unwrap();
    let plan = OrderV2::table().plan(&db).await.unwrap();
    assert_eq!(plan.to_string(), "+ index by_status\n+ ttl expires\n");
    assert_eq!(
        plan.steps[0],
        Step::AddIndex {
            index: "by_status".into()
        }
    );
    assert_eq!(plan.exit_code(), 2);

    OrderV2::table().sync(&db).await.unwrap();
    let plan = OrderV2::table().plan(&db).await.unwrap();
    assert!(plan.is_up_to_date(), "{plan}");
    assert_eq!(
        plan.to_string(),
        format!("= table {table} serves the model\n")
    );
    assert_eq!(plan.exit_code(), 0);

    // What the older model does not declare stays, and is said.
    let plan = OrderV1::table().plan(&db).await.unwrap();
    assert_eq!(
        plan.to_string(),
        format!(
            "= table {table} serves the model\n= index by_status stays: the model does not declare it\n= ttl expires stays: the model declares none\n"
        )
    );

    // A changed key and a local index cannot be changed in place.
    let plan = OrderNumbered::table().plan(&db).await.unwrap();
    assert_eq!(
        plan.to_string(),
        "! cannot change the table's sort key (id (S) → id (N)): keys are fixed when a table is made; create a new table and copy the items\n\
         ! cannot add local index by_total: local indexes are made with the table only; create a new table and copy the items\n\
         = index by_status stays: the model does not declare it\n\
         = ttl expires stays: the model declares none\n"
    );
    assert!(plan.is_blocked());
    assert_eq!(plan.exit_code(), 1);

    // Settings the table options give: a stream the table lacks.
    let plan = OrderV2::table()
        .stream(StreamViewType::NewImage)
        .plan(&db)
        .await
        .unwrap();
    assert_eq!(plan.to_string(), "~ stream off → NEW_IMAGE\n");

    // `sync` applies what the plan says, and the plan is then empty.
    let streamed = OrderV2::table().stream(StreamViewType::NewImage);
    let synced = streamed.sync(&db).await.unwrap();
    assert_eq!(synced.changed_settings, ["stream"]);
    assert!(streamed.plan(&db).await.unwrap().is_up_to_date());
    let test = "plan::a_plan_says_what_sync_adds_and_what_it_cannot_change";
    if tests::gaps::lacks(&tests::gaps::STREAM_VIEW_CHANGE, test) {
        return;
    }
    let other_view = OrderV2::table().stream(StreamViewType::NewAndOldImages);
    assert_eq!(
        other_view.plan(&db).await.unwrap().to_string(),
        "~ stream NEW_IMAGE → NEW_AND_OLD_IMAGES\n"
    );
    other_view.sync(&db).await.unwrap();
    assert!(other_view.plan(&db).await.unwrap().is_up_to_date());
}

#[tokio::test]
async fn a_plan_covers_capacity_stream_tags_and_recovery() {
    use dynamo_model::cost::Throughput;
    let db = db();
    let first = OrderV1::table()
        .provisioned(Throughput { read: 5, write: 2 })
        .stream(StreamViewType::NewImage)
        .tag("team", "orders");
    first.create(&db).await.unwrap();
    assert!(first.plan(&db).await.unwrap().is_up_to_date());

    let changed = OrderV1::table()
        .provisioned(Throughput { read: 10, write: 4 })
        .tag("team", "checkout")
        .tag("cost", "c1");
    let plan = changed.plan(&db).await.unwrap();
    assert_eq!(
        plan.to_string(),
        "~ stream NEW_IMAGE → off\n~ capacity 5/2 → 10/4\n~ tags team=orders → team=checkout, cost=c1\n"
    );
    let synced = changed.sync(&db).await.unwrap();
    assert_eq!(synced.changed_settings, ["stream", "capacity", "tags"]);
    assert!(changed.plan(&db).await.unwrap().is_up_to_date());

    let test = "plan::a_plan_covers_capacity_stream_tags_and_recovery";
    if tests::gaps::lacks(&tests::gaps::CONTINUOUS_BACKUPS, test) {
        return;
    }
    let recovered = OrderV1::table()
        .provisioned(Throughput { read: 10, write: 4 })
        .tag("team", "checkout")
        .tag("cost", "c1")
        .point_in_time_recovery(true);
    assert_eq!(
        recovered.plan(&db).await.unwrap().to_string(),
        "~ point-in-time recovery off → on\n"
    );
    recovered.sync(&db).await.unwrap();
    assert!(recovered.plan(&db).await.unwrap().is_up_to_date());
}
