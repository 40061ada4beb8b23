//! The local Lambda harness (`dynamo-model-lambda`): the examples' HTTP API and stream handler
//! driven by folders of recorded events, in this process, each invocation profiled: outcome,
//! duration, the DynamoDB units the engine reported, and cost; a timeout reported and the run
//! going on; events recorded and replayed; a regression check between runs.

use std::time::Duration;

use dynamo_model::cost::{self, Write};
use dynamo_model::prelude::*;
use dynamo_model_lambda::{Function, Harness, Recorder, Status, Thresholds};
use examples::api::{self, Task};
use lambda_http::aws_lambda_events::event::dynamodb::Event;
use lambda_http::{Adapter, Request, service_fn};
use lambda_runtime::LambdaEvent;
use serde_json::{Value, json};

/// The (read, write) units of each invocation of the recorded API events, by DynamoDB's rules.
const EXPECTED_UNITS: [(f64, f64); 9] = [
    (0.0, 2.0),
    (0.0, 2.0),
    (0.0, 0.0),
    (0.5, 0.0),
    (0.5, 0.0),
    (0.0, 2.0),
    (0.0, 0.0),
    (0.0, 2.0),
    (0.5, 0.0),
];

/// Each invocation's (read, write) units.
fn units(profile: &dynamo_model_lambda::Profile) -> Vec<(f64, f64)> {
    profile
        .invocations
        .iter()
        .map(|i| (i.dynamodb.read_units, i.dynamodb.write_units))
        .collect()
}

fn events(folder: &str) -> Vec<Value> {
    let dir = format!("{}/../examples/events/{folder}", env!("CARGO_MANIFEST_DIR"));
    dynamo_model_lambda::from_dir(dir).unwrap()
}

/// The example's tasks API, in process, through a harness of `function` over the recorded API
/// events, its requests on `db` metered per invocation.
async fn run_api(db: &Db, function: Function) -> dynamo_model_lambda::Profile {
    let mut harness = Harness::new(function);
    let metered = harness.db(db);
    let handler = Adapter::from(service_fn(move |request: Request| {
        let db = metered.clone();
        async move { Ok::<_, lambda_http::Error>(api::handle(&db, request).await) }
    }));
    harness.run(handler, events("api")).await
}

#[tokio::test]
async fn the_http_api_runs_through_the_harness_from_recorded_events() {
    let db = tests::db();
    Task::table().create(&db).await.unwrap();
    let profile = run_api(&db, Function::new("tasks-api").memory_mb(256)).await;

    let outcomes: Vec<String> = profile.invocations.iter().map(|i| i.outcome()).collect();
    assert_eq!(
        outcomes,
        [
            "201", "201", "409", "200", "200", "200", "412", "204", "404"
        ],
        "{profile}"
    );
    // Each invocation's units are what the engine reported for its requests, which are
    // DynamoDB's rules: a create writes the table and the `by_owner` index.
    let ann = Task {
        id: "t1".into(),
        owner: "ann".into(),
        title: "write the docs".into(),
        status: "open".into(),
        version: 1,
    }
    .to_item()
    .unwrap();
    let create = cost::write_cost(&Task::SCHEMA, None, Some(&ann), Write::Single);
    let first = &profile.invocations[0];
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "harness::the_http_api_runs_through_the_harness_from_recorded_events",
    ) {
        assert_eq!(first.dynamodb.write_units, create.total(), "{profile}");
    }
    assert_eq!(
        (first.dynamodb.requests, first.dynamodb.read_units),
        (1, 0.0)
    );
    // A get reads one small item, eventually consistent: half a read unit.
    assert_eq!(profile.invocations[3].dynamodb.read_units, 0.5, "{profile}");
    assert_eq!(profile.invocations[3].dynamodb.write_units, 0.0);
    // Every invocation: a create, update or delete writes the table and the index, a get or a
    // page of the index reads half a unit, a refused create or a stale update reports nothing.
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "harness::the_http_api_runs_through_the_harness_from_recorded_events",
    ) {
        assert_eq!(units(&profile), EXPECTED_UNITS, "{profile}");
    }
    // Lambda's own charge: a request and 1 ms or more of 256 MB.
    assert!(
        first.lambda_cost_usd >= 0.2e-6 && first.billed_ms >= 1,
        "{first:?}"
    );
    assert!(first.cost_usd() > first.lambda_cost_usd);

    let summary = profile.summary();
    assert_eq!(summary.invocations, 9);
    assert!(summary.by_outcome.contains(&("201".to_owned(), 2)));
    assert!(summary.p50 <= summary.p95 && summary.p95 <= summary.max);
    assert!(summary.monthly_cost(100.0) > 0.0);
    let table = profile.to_string();
    assert!(table.contains("9 invocations: 2 × 201"), "{table}");
    assert!(table.contains("per invocation:"), "{table}");
    let json = profile.to_json();
    assert_eq!(json["invocations"][0]["outcome"], "201");
    assert_eq!(json["summary"]["invocations"], 9);

    // On a provisioned table the same units cost their share of capacity-unit hours.
    let provisioned = dynamo_model_lambda::Capacity::Provisioned.cost(&first.dynamodb);
    let prices = &first.dynamodb.prices;
    assert_eq!(
        provisioned,
        (first.dynamodb.write_units * prices.write_unit_hour
            + first.dynamodb.read_units * prices.read_unit_hour)
            / 3600.0
    );
    assert_eq!(
        first.dynamodb_cost_usd, first.dynamodb.on_demand,
        "on demand by default"
    );
}

#[tokio::test]
async fn the_stream_handler_runs_through_the_harness() {
    let mut harness = Harness::new(Function::new("feed"));
    let handler = lambda_runtime::service_fn(|event: LambdaEvent<Event>| async move {
        let (summary, response) = examples::feed::handle(event.payload);
        Ok::<_, lambda_runtime::Error>(json!({
            "new_customers": summary.new_customers,
            "shipped": summary.shipped,
            "failures": response.batch_item_failures.len(),
        }))
    });
    let profile = harness.run(handler, events("stream")).await;
    let response = profile.invocations[0].response.as_ref().unwrap();
    assert_eq!(profile.invocations[0].status, Status::Ok);
    assert_eq!(response["new_customers"], json!(["alice"]), "{response}");
}

#[tokio::test]
async fn an_invocation_past_its_timeout_is_reported_and_the_run_goes_on() {
    let mut harness = Harness::new(Function::new("slow").timeout(Duration::from_millis(50)));
    let handler = lambda_runtime::service_fn(|event: LambdaEvent<Value>| async move {
        let ms = event.payload["sleep_ms"].as_u64().unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        // The context is Lambda's: a request id, a deadline, the function's name and memory.
        assert_eq!(event.context.env_config.function_name, "slow");
        assert_eq!(event.context.env_config.memory, 128);
        assert!(event.context.deadline > 0 && !event.context.request_id.is_empty());
        if event.payload["fail"] == true {
            return Err(lambda_runtime::Error::from("refused"));
        }
        Ok::<_, lambda_runtime::Error>(json!({"slept": ms}))
    });
    let profile = harness
        .run(
            handler,
            [
                json!({"sleep_ms": 1}),
                json!({"sleep_ms": 500}),
                json!({"fail": true}),
                json!("not an object"),
                json!({"sleep_ms": 2}),
            ],
        )
        .await;
    let statuses: Vec<&str> = profile
        .invocations
        .iter()
        .map(|i| i.status.name())
        .collect();
    assert_eq!(
        statuses,
        ["ok", "timeout", "error", "ok", "ok"],
        "{profile}"
    );
    let timed_out = &profile.invocations[1];
    assert!(timed_out.duration >= Duration::from_millis(50));
    assert!(
        timed_out.duration < Duration::from_millis(500),
        "cut off: {timed_out:?}"
    );
    assert!(matches!(&profile.invocations[2].status, Status::Error(e) if e.contains("refused")));
}

#[tokio::test]
async fn an_event_the_handler_cannot_read_is_a_bad_event() {
    let mut harness = Harness::new(Function::new("typed"));
    let handler = lambda_runtime::service_fn(|event: LambdaEvent<Event>| async move {
        Ok::<_, lambda_runtime::Error>(event.payload.records.len())
    });
    let profile = harness.run(handler, [json!({"Records": "no"})]).await;
    assert!(
        matches!(&profile.invocations[0].status, Status::BadEvent(e) if e.contains("invalid type")),
        "{:?}",
        profile.invocations[0].status
    );
}

#[tokio::test]
async fn events_recorded_by_a_function_replay_through_the_harness() {
    let recorded = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().write(bytes)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let echo = || {
        lambda_runtime::service_fn(|event: LambdaEvent<Value>| async move {
            Ok::<_, lambda_runtime::Error>(event.payload)
        })
    };
    let live = [json!({"n": 1}), json!({"n": 2, "tags": ["a"]})];
    let mut harness = Harness::new(Function::new("echo"));
    let first = harness
        .run(
            Recorder::new(echo(), Shared(recorded.clone())),
            live.clone(),
        )
        .await;
    let lines = recorded.lock().unwrap().clone();
    let replayed_events = dynamo_model_lambda::from_json_lines(&lines[..]).unwrap();
    assert_eq!(replayed_events, live);
    let mut again = Harness::new(Function::new("echo"));
    let replayed = again.run(echo(), replayed_events).await;
    let responses = |p: &dynamo_model_lambda::Profile| -> Vec<Option<Value>> {
        p.invocations.iter().map(|i| i.response.clone()).collect()
    };
    assert_eq!(responses(&first), responses(&replayed));

    // A later run is compared with this one's JSON: the same work does not regress by cost.
    let baseline = replayed.to_json();
    let thresholds = Thresholds {
        cost: 0.10,
        p95: 100.0,
    };
    assert!(replayed.regressions(&baseline, thresholds).is_empty());
    let mut costly = baseline.clone();
    costly["summary"]["cost_per_invocation_usd"] = json!(1e-12);
    let regressions = replayed.regressions(&costly, thresholds);
    assert_eq!(regressions.len(), 1, "{regressions:?}");
    assert!(
        regressions[0]
            .to_string()
            .starts_with("cost per invocation (USD) grew from")
    );
}

#[tokio::test]
async fn the_stream_handler_receives_the_records_the_apis_writes_produced() {
    use dynamo_model::sdk::types::StreamViewType;
    use dynamo_model::stream::{Change, records_from_event};
    use dynamo_model_lambda::{StreamReader, batches};
    let engine = dynamo_model_local::LocalEngine::shared().unwrap();
    let db = engine.db().with_table_prefix(tests::unique_prefix());
    Task::table()
        .stream(StreamViewType::NewAndOldImages)
        .create(&db)
        .await
        .unwrap();
    let mut stream = StreamReader::open(&db, engine.endpoint(), &db.table_name_of::<Task>())
        .await
        .unwrap();

    run_api(&db, Function::new("tasks-api")).await;

    // What the writes produced, batched as Lambda delivers a stream, to the stream handler.
    let records = stream.next_records().await.unwrap();
    let mut feed = Harness::new(Function::new("tasks-feed"));
    let consumer = lambda_runtime::service_fn(|event: LambdaEvent<Event>| async move {
        let mut seen = Vec::new();
        for record in records_from_event::<Task>(event.payload) {
            seen.push(match record?.change {
                Change::Inserted { new, .. } => {
                    format!("+{}", new.map_or_else(String::new, |t| t.id))
                }
                Change::Modified { new, .. } => {
                    format!("~{}", new.map_or_else(String::new, |t| t.status))
                }
                Change::Removed { old, .. } => {
                    format!("-{}", old.map_or_else(String::new, |t| t.id))
                }
            });
        }
        Ok::<_, lambda_runtime::Error>(seen)
    });
    let profile = feed.run(consumer, batches(records, 2)).await;
    let seen: Vec<Value> = profile
        .invocations
        .iter()
        .flat_map(|i| {
            i.response
                .clone()
                .unwrap_or_default()
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        seen,
        [json!("+t1"), json!("+t2"), json!("~done"), json!("-t2")],
        "{profile}"
    );
    assert_eq!(profile.invocations.len(), 2, "two batches of two");
    // Read once: a second read has nothing new.
    assert!(stream.next_records().await.unwrap().is_empty());
}

/// A built example binary. `cargo test --workspace` builds the examples with the workspace's
/// features; building them the same way here does nothing after it, and builds them after a
/// filtered run that did not.
fn example_binary(name: &str) -> std::path::PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = std::process::Command::new(cargo);
    build.args(["build", "-q", "--workspace", "--examples"]);
    // What cargo sets for this test (its package's name, manifest, crate) is read by crates at
    // compile time: passed on, it would make the build differ from the suite's, and rebuild.
    for (name, _) in std::env::vars() {
        let set_for_the_test = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            || [
                "CARGO_PRIMARY_PACKAGE",
                "CARGO_TARGET_TMPDIR",
                "CARGO_RUSTC_CURRENT_DIR",
                "OUT_DIR",
            ]
            .contains(&name.as_str());
        if set_for_the_test {
            build.env_remove(name);
        }
    }
    let status = build.status().unwrap();
    assert!(status.success(), "cannot build the {name} example");
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| workspace.join("target"));
    target.join("debug").join("examples").join(name)
}

#[tokio::test]
async fn the_built_api_binary_runs_out_of_process_against_the_runtime_api() {
    let engine = dynamo_model_local::LocalEngine::shared().unwrap();
    let db = engine.db().with_table_prefix(tests::unique_prefix());
    Task::table().create(&db).await.unwrap();
    let binary = example_binary("lambda_api");
    let env: Vec<(String, String)> = [
        ("DYNAMODB_ENDPOINT", engine.endpoint().to_owned()),
        ("AWS_ACCESS_KEY_ID", "dynamomodel".to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "dynamomodellocal".to_owned()),
        ("TASKS_TABLE", db.table_name_of::<Task>()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let mut harness = Harness::new(Function::new("tasks-api").memory_mb(256));
    let profile = harness
        .run_binary(&binary, &env, events("api"))
        .await
        .unwrap();
    let outcomes: Vec<String> = profile.invocations.iter().map(|i| i.outcome()).collect();
    assert_eq!(
        outcomes,
        [
            "201", "201", "409", "200", "200", "200", "412", "204", "404"
        ],
        "{profile}"
    );
    let cold = profile.cold_start.expect("a cold start");
    assert!(cold.init <= cold.first_response, "{cold:?}");
    // The units come from the function's log, as Lambda's REPORT line would carry them: the
    // same the engine reported in process.
    let first = &profile.invocations[0];
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "harness::the_built_api_binary_runs_out_of_process_against_the_runtime_api",
    ) {
        // Read from the function's log, every invocation's units are the ones measured in
        // process.
        assert_eq!(first.dynamodb.write_units, 2.0, "{profile}");
        assert_eq!(units(&profile), EXPECTED_UNITS, "{profile}");
    }
    assert_eq!(profile.invocations[3].dynamodb.read_units, 0.5, "{profile}");
    // Out of process, memory is the process's peak resident set, from the operating system.
    let peak = first.peak_memory_bytes.expect("read from /proc");
    assert!(peak > 1_000_000, "{peak}");
    assert!(
        profile.to_string().contains("cold start: init"),
        "{profile}"
    );
}

#[tokio::test]
async fn the_built_stream_handler_runs_out_of_process_from_a_recorded_batch() {
    let binary = example_binary("stream_handler");
    let mut harness = Harness::new(Function::new("feed").timeout(Duration::from_secs(10)));
    let profile = harness
        .run_binary(&binary, &[], events("stream"))
        .await
        .unwrap();
    let first = &profile.invocations[0];
    assert_eq!(first.status, Status::Ok, "{profile}");
    // The partial batch response names the record to retry, as the handler does in process.
    let event: Event = serde_json::from_value(events("stream").remove(0)).unwrap();
    let (_, in_process) = examples::feed::handle(event);
    assert_eq!(
        first.response.as_ref(),
        Some(&serde_json::to_value(in_process).unwrap()),
        "{profile}"
    );
}

/// The profile as one HTML page, opened in headless Chromium when `CHROMIUM` names it (CI
/// installs Debian's `chromium` and sets it): the page's own script reports the bars the browser
/// laid out.
#[tokio::test]
async fn the_profile_page_renders_its_charts_in_a_real_browser() {
    let db = tests::db();
    Task::table().create(&db).await.unwrap();
    let profile = run_api(&db, Function::new("tasks-api").memory_mb(256)).await;
    let html = profile.to_html();
    for part in [
        "id=\"histogram\"",
        "id=\"by-table\"",
        "id=\"by-model\"",
        "<td>409</td>",
        "Task",
    ] {
        assert!(html.contains(part), "{part} in the page");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );

    let Ok(chromium) = std::env::var("CHROMIUM") else {
        eprintln!(
            "harness::the_profile_page_renders_its_charts_in_a_real_browser: not opened in a browser; set CHROMIUM=/usr/bin/chromium (Debian's chromium package) to run it"
        );
        return;
    };
    let dir = std::env::temp_dir().join(tests::unique_prefix());
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("profile.html");
    std::fs::write(&page, &html).unwrap();
    let output = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let rendered = dom
        .split("data-rendered=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the page's script did not run: {dom}"));
    // Every chart drew bars: the histogram at least one bin, the cost charts a bar per row.
    for chart in rendered.split(' ') {
        let (id, counts) = chart.split_once(':').unwrap();
        let (drawn, bars) = counts.split_once('/').unwrap();
        let (drawn, bars): (usize, usize) = (drawn.parse().unwrap(), bars.parse().unwrap());
        assert!(drawn > 0 && drawn <= bars, "{id}: {rendered}");
    }
    assert!(
        rendered.contains("histogram:") && rendered.contains("by-model:"),
        "{rendered}"
    );
}

#[tokio::test]
async fn the_harness_command_line_runs_a_built_binary_over_recorded_events() {
    let engine = dynamo_model_local::LocalEngine::shared().unwrap();
    let db = engine.db().with_table_prefix(tests::unique_prefix());
    Task::table().create(&db).await.unwrap();
    let api = example_binary("lambda_api");
    let dir = std::env::temp_dir().join(tests::unique_prefix());
    std::fs::create_dir_all(&dir).unwrap();
    let json_path = dir.join("profile.json");
    let events = format!("{}/../examples/events/api", env!("CARGO_MANIFEST_DIR"));
    let args = [
        "run".to_owned(),
        "--binary".into(),
        api.to_string_lossy().into_owned(),
        "--events".into(),
        events,
        "--name".into(),
        "tasks-api".into(),
        "--memory".into(),
        "256".into(),
        "--timeout".into(),
        "3s".into(),
        "--env".into(),
        format!("DYNAMODB_ENDPOINT={}", engine.endpoint()),
        "--env".into(),
        "AWS_ACCESS_KEY_ID=dynamomodel".into(),
        "--env".into(),
        "AWS_SECRET_ACCESS_KEY=dynamomodel".into(),
        "--env".into(),
        format!("TASKS_TABLE={}", db.table_name_of::<Task>()),
        "--json".into(),
        json_path.to_string_lossy().into_owned(),
    ];
    let outcome = dynamo_model_lambda::cli::run(args).await;
    assert_eq!(outcome.status, 0, "{outcome:?}");
    assert!(
        outcome.output.starts_with("tasks-api (256 MB, 3s timeout)"),
        "{outcome:?}"
    );
    assert!(outcome.output.contains("cold start: init"), "{outcome:?}");
    let profile: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(profile["summary"]["invocations"], 9);
    assert_eq!(profile["invocations"][2]["outcome"], "409");

    // A usage mistake says how to call it.
    let wrong = dynamo_model_lambda::cli::run(["walk".to_owned()]).await;
    assert_eq!(wrong.status, 2);
    assert!(
        wrong.error.starts_with("usage: dynamo-model-lambda run"),
        "{wrong:?}"
    );
    let no_events = dynamo_model_lambda::cli::run(
        ["run", "--binary", "x", "--events", "/no/such/folder"].map(str::to_owned),
    )
    .await;
    assert_eq!(no_events.status, 2, "{no_events:?}");
    assert!(
        no_events
            .error
            .starts_with("cannot read the events /no/such/folder"),
        "{no_events:?}"
    );
}

/// Every format the harness reads events in, each as the handler's own type: API Gateway REST
/// (v1) through `lambda_http`, SQS and EventBridge through `aws_lambda_events`.
#[tokio::test]
async fn events_of_each_format_reach_a_handler_of_their_type() {
    use aws_lambda_events::event::eventbridge::EventBridgeEvent;
    use aws_lambda_events::event::sqs::SqsEvent;
    let sample = |name: &str| -> Value {
        let path = format!(
            "{}/../examples/events/formats/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };

    let mut harness = Harness::new(Function::new("queue"));
    let sqs = lambda_runtime::service_fn(|event: LambdaEvent<SqsEvent>| async move {
        let bodies: Vec<String> = event
            .payload
            .records
            .into_iter()
            .filter_map(|r| r.body)
            .collect();
        Ok::<_, lambda_runtime::Error>(bodies)
    });
    let profile = harness.run(sqs, [sample("sqs.json")]).await;
    assert_eq!(
        profile.invocations[0].response,
        Some(json!(["{\"task\":\"t1\",\"action\":\"remind\"}"]))
    );

    let mut harness = Harness::new(Function::new("schedule"));
    let scheduled = lambda_runtime::service_fn(|event: LambdaEvent<EventBridgeEvent>| async move {
        Ok::<_, lambda_runtime::Error>(json!({
            "type": event.payload.detail_type,
            "detail": event.payload.detail,
        }))
    });
    let profile = harness.run(scheduled, [sample("eventbridge.json")]).await;
    assert_eq!(
        profile.invocations[0].response,
        Some(json!({"type": "Scheduled Event", "detail": {"report": "nightly"}}))
    );

    // A REST API (v1) request reaches an HTTP handler as a request (its path with the stage,
    // as lambda_http gives it), and its response goes back as a REST API response.
    let mut harness = Harness::new(Function::new("rest"));
    let echo = Adapter::from(service_fn(|request: Request| async move {
        let seen = format!("{} {}", request.method(), request.uri().path());
        Ok::<_, lambda_http::Error>(lambda_http::Response::new(lambda_http::Body::Text(seen)))
    }));
    let profile = harness.run(echo, [sample("apigw-rest-v1.json")]).await;
    let response = profile.invocations[0].response.clone().unwrap();
    assert_eq!(profile.invocations[0].outcome(), "200", "{response}");
    assert_eq!(response["body"], "GET /prod/tasks/t1", "{response}");
}

/// A function in shell (`tests/fixtures/bootstrap.sh`, AWS's custom-runtime pattern, with curl):
/// the Runtime API serves another client than Rust's, and an invocation past the timeout stops
/// the process; the next event starts a new one.
#[tokio::test]
async fn a_built_function_past_its_timeout_is_stopped_and_the_next_event_starts_a_new_one() {
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "harness::a_built_function_past_its_timeout_is_stopped_and_the_next_event_starts_a_new_one: not run; it needs curl (apt-get install curl)"
        );
        return;
    }
    let script = format!("{}/fixtures/bootstrap.sh", env!("CARGO_MANIFEST_DIR"));
    let mut harness = Harness::new(Function::new("shell").timeout(Duration::from_millis(500)));
    let profile = harness
        .run_binary(
            &script,
            &[],
            [
                json!({"n": 1}),
                json!({"n": 2, "sleep": 2}),
                json!({"n": 3}),
            ],
        )
        .await
        .unwrap();
    let statuses: Vec<&str> = profile
        .invocations
        .iter()
        .map(|i| i.status.name())
        .collect();
    assert_eq!(statuses, ["ok", "timeout", "ok"], "{profile}");
    assert_eq!(profile.invocations[0].response, Some(json!({"n": 1})));
    assert_eq!(
        profile.invocations[2].response,
        Some(json!({"n": 3})),
        "{profile}"
    );
    assert!(profile.invocations[1].duration >= Duration::from_millis(500));
    assert!(
        profile.invocations[1].duration < Duration::from_secs(2),
        "{profile}"
    );
}
