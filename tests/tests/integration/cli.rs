//! The tables command line, run against the local engine: each subcommand, its output, its
//! exit status, and an error as one sentence.

use dynamo_model::cli::App;
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

#[derive(Model)]
#[dynamo(
    table = "cli-orders",
    global_index(name = "by_status", partition_key = "status")
)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    status: String,
}

#[derive(Model)]
#[dynamo(table = "cli-notes")]
struct Note {
    #[dynamo(partition_key)]
    id: String,
}

fn app() -> App {
    App::new("tables")
        .model::<Order>()
        .model::<Note>()
        .model::<Order>()
}

#[tokio::test]
async fn each_subcommand_runs_against_the_engine() {
    let endpoint = LocalEngine::shared().unwrap().endpoint().to_owned();
    let prefix = tests::unique_prefix();
    let app = app();
    let run = |command: &'static [&'static str]| {
        let mut args = vec!["tables".to_owned(), "--endpoint".into(), endpoint.clone()];
        args.extend(["--table-prefix".to_owned(), prefix.clone()]);
        args.extend(command.iter().map(|s| (*s).to_owned()));
        app.run_with(args)
    };
    let orders = format!("{prefix}cli-orders");
    let notes = format!("{prefix}cli-notes");

    let plan = run(&["plan"]).await;
    assert_eq!(plan.status, 2, "{plan:?}");
    assert_eq!(
        plan.output,
        format!("{orders}:\n  + table {orders}\n{notes}:\n  + table {notes}\n")
    );

    let applied = run(&["apply"]).await;
    assert_eq!(applied.status, 0, "{applied:?}");
    assert_eq!(
        applied.output,
        format!("{orders}:\n  + table {orders}\n{notes}:\n  + table {notes}\n")
    );

    let plan = run(&["plan"]).await;
    assert_eq!(
        (plan.status, plan.output.lines().nth(1)),
        (
            0,
            Some(format!("  = table {orders} serves the model").as_str())
        )
    );
    let verified = run(&["verify"]).await;
    assert_eq!(verified.status, 0);
    assert_eq!(
        verified.output,
        format!("{orders}: serves the model\n{notes}: serves the model\n")
    );

    let json = run(&["plan", "--json"]).await;
    let report: serde_json::Value = serde_json::from_str(&json.output).unwrap();
    assert_eq!(report[0]["table"], orders);
    assert_eq!(report[0]["status"], 0);

    let exported = run(&["export", "--format", "terraform"]).await;
    let document: serde_json::Value = serde_json::from_str(&exported.output).unwrap();
    let resources = &document["resource"]["aws_dynamodb_table"];
    assert_eq!(resources["cli_orders"]["name"], orders);
    assert_eq!(resources["cli_notes"]["name"], notes);
    let yaml = run(&["export"]).await;
    assert!(
        yaml.output.contains("\n  CliOrdersTable:\n"),
        "{}",
        yaml.output
    );
    let template = run(&["export", "--format", "json"]).await;
    let template: serde_json::Value = serde_json::from_str(&template.output).unwrap();
    assert_eq!(
        template["Resources"]["CliNotesTable"]["Properties"]["TableName"],
        notes
    );
}

#[tokio::test]
async fn an_error_is_one_sentence_and_a_non_zero_status() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap();
    let endpoint = format!("http://{closed}");
    let outcome = app()
        .run_with(["tables", "--endpoint", endpoint.as_str(), "verify"])
        .await;
    assert_eq!(outcome.status, 3);
    let error = outcome.error.unwrap();
    assert!(
        error.starts_with(
            "DynamoDB DescribeTable on table `cli-orders` failed: could not connect to"
        ),
        "{error}"
    );
    assert!(!error.contains('\n'), "{error}");
    let usage = app().run_with(["tables", "frobnicate"]).await;
    assert_eq!(usage.status, 3);
}

#[tokio::test]
async fn migrate_runs_the_registered_migrations_and_says_where_they_stand() {
    use super::migrations::{Parcel, seeded};
    use dynamo_model::migrate::{Migration, Migrations};
    let engine = LocalEngine::shared().unwrap();
    let endpoint = engine.endpoint().to_owned();
    let prefix = tests::unique_prefix();
    seeded(&engine.db().with_table_prefix(prefix.clone()), 50).await;
    let app = App::new("tables").model::<Parcel>().migrations(
        Migrations::new()
            .migration(Migration::upgrade::<Parcel>("parcels to version 2"))
            .maintenance(Migration::transform::<Parcel, _>("recount", |p| {
                p.moves += 1;
                Ok(())
            })),
    );
    let run = |command: &'static [&'static str]| {
        let mut args = vec!["tables".to_owned(), "--endpoint".into(), endpoint.clone()];
        args.extend(["--table-prefix".to_owned(), prefix.clone()]);
        args.extend(command.iter().map(|s| (*s).to_owned()));
        app.run_with(args)
    };

    let status = run(&["migrate", "status"]).await;
    assert_eq!(status.status, 2, "{status:?}");
    assert_eq!(
        status.output,
        "parcels to version 2 (Parcel): outstanding, 0/0 segments, 0 read, 0 changed, 0 failed\n"
    );
    let dry = run(&["migrate", "dry-run", "parcels to version 2"]).await;
    assert_eq!(dry.status, 2, "{dry:?}");
    assert!(
        dry.output.starts_with(
            "parcels to version 2: 50 read, 50 to change, 0 failing; 50.0 write units predicted"
        ),
        "{}",
        dry.output
    );
    let ran = run(&[
        "migrate",
        "run",
        "--segments",
        "2",
        "--write-budget",
        "10000",
    ])
    .await;
    assert_eq!(ran.status, 0, "{ran:?}");
    assert!(
        ran.output
            .starts_with("parcels to version 2: 50 read, 50 changed, 0 failed, 50.0 WCU in "),
        "{}",
        ran.output
    );
    let status = run(&["migrate", "status"]).await;
    assert_eq!(
        (status.status, status.output.as_str()),
        (
            0,
            "parcels to version 2 (Parcel): done, 2/2 segments, 50 read, 50 changed, 0 failed\n"
        )
    );
    let verified = run(&["migrate", "verify", "parcels to version 2"]).await;
    assert_eq!(verified.status, 0, "{verified:?}");
    let maintenance = run(&["--json", "migrate", "maintenance", "recount"]).await;
    assert_eq!(maintenance.status, 0, "{maintenance:?}");
    let report: serde_json::Value = serde_json::from_str(&maintenance.output).unwrap();
    assert_eq!(report["runs"][0]["changed"], 50);
    let unknown = run(&["migrate", "down", "nothing"]).await;
    assert_eq!(unknown.status, 3);
    assert!(
        unknown
            .error
            .as_deref()
            .is_some_and(|e| e.contains("no migration has the id `nothing`")),
        "{unknown:?}"
    );
}
