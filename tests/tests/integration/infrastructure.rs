//! Tables as code: a model's table exported as CloudFormation (JSON, YAML, a whole template)
//! and as Terraform JSON, with every option `Table::create` knows. CI also validates the
//! exports with `cfn-lint` (`CFN_LINT`) and deploys the CloudFormation one on moto's
//! CloudFormation (`INFRA_PYTHON`, a Python with boto3), then verifies the model against the
//! table the stack made.

use std::process::Command;

use dynamo_model::SharedTable;
use dynamo_model::cost::Throughput;
use dynamo_model::prelude::*;
use dynamo_model::table::{Difference, StreamViewType, TableClass, TableDefinition, to_yaml};
use serde_json::json;

#[derive(Model, Debug)]
#[dynamo(
    table = "orders",
    global_index(name = "by_status", partition_key = "status", sort_key = "placed", include = ["total"]),
    global_index(name = "by_customer", partition_key = "customer", projection = "keys_only"),
    local_index(name = "by_total", sort_key = "total")
)]
struct Order {
    #[dynamo(partition_key)]
    shop: String,
    #[dynamo(sort_key)]
    id: String,
    status: String,
    customer: String,
    placed: u64,
    total: i64,
    #[dynamo(ttl)]
    expires: Option<u64>,
}

fn definition() -> TableDefinition {
    Order::table()
        .provisioned(Throughput { read: 5, write: 2 })
        .stream(StreamViewType::NewAndOldImages)
        .class(TableClass::StandardInfrequentAccess)
        .deletion_protection(true)
        .point_in_time_recovery(true)
        .tag("team", "orders")
        .definition()
}

#[test]
fn cloudformation_has_every_key_index_and_option() {
    let resource = definition().cloudformation();
    let attributes = json!([
        { "AttributeName": "shop", "AttributeType": "S" },
        { "AttributeName": "id", "AttributeType": "S" },
        { "AttributeName": "status", "AttributeType": "S" },
        { "AttributeName": "placed", "AttributeType": "N" },
        { "AttributeName": "customer", "AttributeType": "S" },
        { "AttributeName": "total", "AttributeType": "N" },
    ]);
    let throughput = json!({ "ReadCapacityUnits": 5, "WriteCapacityUnits": 2 });
    assert_eq!(
        resource,
        json!({
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "TableName": "orders",
                "AttributeDefinitions": attributes,
                "KeySchema": [
                    { "AttributeName": "shop", "KeyType": "HASH" },
                    { "AttributeName": "id", "KeyType": "RANGE" },
                ],
                "BillingMode": "PROVISIONED",
                "ProvisionedThroughput": throughput,
                "GlobalSecondaryIndexes": [
                    {
                        "IndexName": "by_status",
                        "KeySchema": [
                            { "AttributeName": "status", "KeyType": "HASH" },
                            { "AttributeName": "placed", "KeyType": "RANGE" },
                        ],
                        "Projection": { "ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"] },
                        "ProvisionedThroughput": throughput,
                    },
                    {
                        "IndexName": "by_customer",
                        "KeySchema": [{ "AttributeName": "customer", "KeyType": "HASH" }],
                        "Projection": { "ProjectionType": "KEYS_ONLY" },
                        "ProvisionedThroughput": throughput,
                    },
                ],
                "LocalSecondaryIndexes": [{
                    "IndexName": "by_total",
                    "KeySchema": [
                        { "AttributeName": "shop", "KeyType": "HASH" },
                        { "AttributeName": "total", "KeyType": "RANGE" },
                    ],
                    "Projection": { "ProjectionType": "ALL" },
                }],
                "TimeToLiveSpecification": { "AttributeName": "expires", "Enabled": true },
                "StreamSpecification": { "StreamViewType": "NEW_AND_OLD_IMAGES" },
                "TableClass": "STANDARD_INFREQUENT_ACCESS",
                "DeletionProtectionEnabled": true,
                "PointInTimeRecoverySpecification": { "PointInTimeRecoveryEnabled": true },
                "Tags": [{ "Key": "team", "Value": "orders" }],
            }
        })
    );
    let template = definition()
        .named("orders-prod")
        .cloudformation_template("OrdersTable");
    assert_eq!(
        template["Resources"]["OrdersTable"]["Properties"]["TableName"],
        "orders-prod"
    );
    assert_eq!(
        template["Outputs"]["OrdersTableStreamArn"]["Value"]["Fn::GetAtt"],
        json!(["OrdersTable", "StreamArn"])
    );
    let yaml = to_yaml(&template);
    assert!(
        yaml.starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n    Type: \"AWS::DynamoDB::Table\"\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n        - AttributeName: \"shop\"\n          AttributeType: \"S\"\n"),
        "{yaml}"
    );
}

#[test]
fn terraform_has_every_argument_of_the_resource() {
    let document = definition().terraform("orders").unwrap();
    let table = &document["resource"]["aws_dynamodb_table"]["orders"];
    assert_eq!(
        *table,
        json!({
            "name": "orders",
            "billing_mode": "PROVISIONED",
            "read_capacity": 5,
            "write_capacity": 2,
            "hash_key": "shop",
            "range_key": "id",
            "attribute": [
                { "name": "shop", "type": "S" },
                { "name": "id", "type": "S" },
                { "name": "status", "type": "S" },
                { "name": "placed", "type": "N" },
                { "name": "customer", "type": "S" },
                { "name": "total", "type": "N" },
            ],
            "global_secondary_index": [
                { "name": "by_status", "hash_key": "status", "range_key": "placed", "projection_type": "INCLUDE", "non_key_attributes": ["total"], "read_capacity": 5, "write_capacity": 2 },
                { "name": "by_customer", "hash_key": "customer", "projection_type": "KEYS_ONLY", "read_capacity": 5, "write_capacity": 2 },
            ],
            "local_secondary_index": [
                { "name": "by_total", "range_key": "total", "projection_type": "ALL" },
            ],
            "ttl": { "attribute_name": "expires", "enabled": true },
            "stream_enabled": true,
            "stream_view_type": "NEW_AND_OLD_IMAGES",
            "table_class": "STANDARD_INFREQUENT_ACCESS",
            "deletion_protection_enabled": true,
            "point_in_time_recovery": { "enabled": true },
            "tags": { "team": "orders" },
        })
    );
    // Every argument is one of `aws_dynamodb_table`'s (the provider's argument reference).
    let reference = [
        "name",
        "billing_mode",
        "read_capacity",
        "write_capacity",
        "hash_key",
        "range_key",
        "attribute",
        "global_secondary_index",
        "local_secondary_index",
        "ttl",
        "stream_enabled",
        "stream_view_type",
        "table_class",
        "deletion_protection_enabled",
        "point_in_time_recovery",
        "tags",
    ];
    for argument in table.as_object().unwrap().keys() {
        assert!(
            reference.contains(&argument.as_str()),
            "`{argument}` is no argument of aws_dynamodb_table"
        );
    }
}

#[test]
fn a_multi_attribute_index_key_is_refused_by_the_terraform_export() {
    #[derive(Model)]
    #[dynamo(table = "places", global_index(name = "by_place", partition_key = ["country", "city"]))]
    struct Place {
        #[dynamo(partition_key)]
        id: String,
        country: String,
        city: String,
    }
    let error = Place::table().definition().terraform("places").unwrap_err();
    assert_eq!(error.index, "by_place");
    let resource = Place::table().definition().cloudformation();
    let keys = &resource["Properties"]["GlobalSecondaryIndexes"][0]["KeySchema"];
    assert_eq!(keys.as_array().map(Vec::len), Some(2));
}

/// `cfn-lint` on the exported template, where CI installed it (`CFN_LINT`).
#[test]
fn the_exported_template_passes_cfn_lint() {
    let Some(cfn_lint) = std::env::var_os("CFN_LINT") else {
        eprintln!(
            "cfn-lint is not installed here: CI runs this check with CFN_LINT set (pip install cfn-lint)"
        );
        return;
    };
    // This file's table with every option, and every model and shared table of `examples/`.
    let shop = examples::shop::Customer::table().definition();
    let tasks = examples::api::Task::table().definition();
    let examples = [("ShopTable", &shop), ("TasksTable", &tasks)];
    let templates = [
        (
            "orders",
            definition().cloudformation_template("OrdersTable"),
        ),
        (
            "examples",
            dynamo_model::table::cloudformation_template(&examples),
        ),
    ];
    for (name, template) in templates {
        let path = std::env::temp_dir().join(format!("{}{name}.yaml", tests::unique_prefix()));
        std::fs::write(&path, to_yaml(&template)).unwrap();
        let output = Command::new(&cfn_lint).arg(&path).output().unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(
            output.status.success(),
            "cfn-lint on {name}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// What `checkov` (where CI installed it: `CHECKOV`) finds in `document`, written to `file`
/// and read as `framework`: the ids of the checks passed and failed on `resource`.
fn checkov(
    checkov: &std::ffi::OsStr,
    file: &str,
    framework: &str,
    document: &serde_json::Value,
) -> (Vec<String>, Vec<String>) {
    let dir = std::env::temp_dir().join(tests::unique_prefix());
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, document.to_string()).unwrap();
    let output = Command::new(checkov)
        .args([
            "--framework",
            framework,
            "--output",
            "json",
            "--compact",
            "--skip-download",
            "-f",
        ])
        .arg(&path)
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "checkov gave no report ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(report["summary"]["parsing_errors"], 0, "{report:#}");
    let ids = |list: &str| -> Vec<String> {
        let checks = report["results"][list]
            .as_array()
            .cloned()
            .unwrap_or_default();
        checks
            .iter()
            .map(|c| c["check_id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    (ids("passed_checks"), ids("failed_checks"))
}

/// `checkov` reads both exports as a DynamoDB table: its point-in-time recovery check passes on
/// each, and the only checks failing are the customer-managed KMS key (an option the export
/// does not offer yet) and, for provisioned capacity, auto scaling (resources of their own,
/// beside the table).
#[test]
fn checkov_reads_the_terraform_and_cloudformation_exports() {
    let Some(path) = std::env::var_os("CHECKOV") else {
        eprintln!(
            "checkov is not installed here: CI runs this check with CHECKOV set (pip install checkov)"
        );
        return;
    };
    let table = definition();
    let exports = [
        (
            "orders.tf.json",
            "terraform_json",
            table.terraform("orders").unwrap(),
        ),
        (
            "orders.json",
            "cloudformation",
            table.cloudformation_template("OrdersTable"),
        ),
    ];
    for (file, framework, document) in exports {
        let (passed, failed) = checkov(&path, file, framework, &document);
        assert!(
            passed.iter().any(|id| id == "CKV_AWS_28"),
            "{framework}: passed {passed:?}, failed {failed:?}"
        );
        assert!(
            failed
                .iter()
                .all(|id| ["CKV_AWS_119", "CKV2_AWS_16"].contains(&id.as_str())),
            "{framework}: failed {failed:?}"
        );
    }
}

/// A moto server with CloudFormation, started from `python` (a virtual environment with
/// `moto[server,cloudformation]`), ended when dropped.
struct CloudFormation {
    server: std::process::Child,
    endpoint: String,
}

impl CloudFormation {
    fn start(python: &std::ffi::OsStr) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|address| address.port())
            .unwrap();
        let server = Command::new(python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed().as_secs() < 60,
                "moto with CloudFormation did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        CloudFormation {
            server,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Creates stack `name` from `template` and gives its final status.
    fn deploy(&self, python: &std::ffi::OsStr, name: &str, template: &serde_json::Value) -> String {
        let script = r#"
import sys, time, boto3
cf = boto3.client("cloudformation", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="local", aws_secret_access_key="local")
cf.create_stack(StackName=sys.argv[2], TemplateBody=sys.stdin.read())
for _ in range(600):
    status = cf.describe_stacks(StackName=sys.argv[2])["Stacks"][0]["StackStatus"]
    if not status.endswith("IN_PROGRESS"):
        break
    time.sleep(0.1)
print(status)
"#;
        let mut child = Command::new(python)
            .args(["-c", script, &self.endpoint, name])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(template.to_string().as_bytes()).unwrap();
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        let status = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        assert_eq!(
            status,
            "CREATE_COMPLETE",
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        status
    }
}

impl Drop for CloudFormation {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The CloudFormation export deploys: a stack made from it on moto's CloudFormation makes a
/// table the model verifies against with no difference; the same for the example shop's
/// shared table.
#[tokio::test]
async fn the_exported_template_deploys_and_verifies() {
    let Some(python) = std::env::var_os("INFRA_PYTHON") else {
        eprintln!(
            "deploying needs moto's CloudFormation: CI runs it with INFRA_PYTHON, a Python with moto[server,cloudformation] and boto3"
        );
        return;
    };
    let cloudformation = CloudFormation::start(&python);
    let db = Db::local(cloudformation.endpoint.clone());
    let orders = Order::table().definition();
    cloudformation.deploy(
        &python,
        "orders",
        &orders.cloudformation_template("OrdersTable"),
    );
    // moto 5.2.5's CloudFormation makes the table without its TimeToLiveSpecification, which
    // DynamoDB's applies; the export of TTL is held by the tests above and by cfn-lint.
    eprintln!(
        "moto's CloudFormation ignores TimeToLiveSpecification: the TTL is not verified on the deployed table"
    );
    let differences: Vec<_> = Order::table()
        .verify(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|difference| !matches!(difference, Difference::Ttl { .. }))
        .collect();
    assert!(differences.is_empty(), "{differences:#?}");

    let shop = Customer::table().definition();
    cloudformation.deploy(&python, "shop", &shop.cloudformation_template("ShopTable"));
    assert_eq!(Customer::table().verify(&db).await.unwrap(), vec![]);

    // Every model and shared table of `examples/`, each under a stage's name.
    let stage = Db::local(cloudformation.endpoint.clone()).with_table_prefix("example-");
    let exported = [
        (
            "ExampleShop",
            examples::shop::Customer::table().definition(),
        ),
        ("ExampleTasks", examples::api::Task::table().definition()),
    ];
    for (id, table) in exported {
        let name = stage.table_name(table.name());
        let table = table.named(name);
        cloudformation.deploy(&python, id, &table.cloudformation_template(id));
    }
    assert_eq!(
        examples::shop::Order::table().verify(&stage).await.unwrap(),
        vec![]
    );
    assert_eq!(
        examples::api::Task::table().verify(&stage).await.unwrap(),
        vec![]
    );
}

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    entities(Customer, Purchase)
)]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "customer", partition_key = "CUSTOMER#{name}", sort_key = "PROFILE")]
struct Customer {
    name: String,
}

#[derive(Model)]
#[dynamo(
    table = Shop,
    entity = "purchase",
    partition_key = "CUSTOMER#{customer}",
    sort_key = "PURCHASE#{id}",
    global_index(name = "gsi1", partition_key = "PURCHASE#{id}", sort_key = "PURCHASE")
)]
struct Purchase {
    customer: String,
    id: String,
}

/// `point_in_time_recovery(true)` turns continuous backups on when the table is created, as
/// the export declares them.
#[tokio::test]
async fn a_table_is_created_with_point_in_time_recovery_when_asked() {
    let test = "infrastructure::a_table_is_created_with_point_in_time_recovery_when_asked";
    if tests::gaps::lacks(&tests::gaps::CONTINUOUS_BACKUPS, test) {
        return;
    }
    let db = tests::db();
    Order::table()
        .point_in_time_recovery(true)
        .create(&db)
        .await
        .unwrap();
    let backups = db
        .client()
        .describe_continuous_backups()
        .table_name(db.table_name("orders"))
        .send()
        .await
        .unwrap();
    let recovery = backups
        .continuous_backups_description()
        .and_then(|d| d.point_in_time_recovery_description())
        .and_then(|d| d.point_in_time_recovery_status())
        .map(|status| status.as_str().to_owned());
    assert_eq!(recovery.as_deref(), Some("ENABLED"));
}
