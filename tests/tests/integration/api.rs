//! The HTTP API example (`examples/src/api.rs`) driven by API Gateway HTTP API (payload v2)
//! events, as Lambda delivers them, against the local engine: no Lambda runtime needed.

use examples::api::{self, Task};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use serde_json::{Value, json};

/// An API Gateway v2 request event, parsed as the Lambda runtime would.
fn event(
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> lambda_http::Request {
    let raw_query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut header_map = serde_json::Map::new();
    header_map.insert("content-type".into(), json!("application/json"));
    for (name, value) in headers {
        header_map.insert((*name).into(), json!(value));
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": header_map,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "api",
            "domainName": "api.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "api",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "test"},
            "requestId": "request",
            "routeKey": "$default",
            "stage": "$default",
            "time": "01/Jun/2024:00:00:00 +0000",
            "timeEpoch": 1717200000000_u64
        },
        "isBase64Encoded": false
    });
    if !query.is_empty() {
        let map: serde_json::Map<String, Value> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), json!(v)))
            .collect();
        event["queryStringParameters"] = Value::Object(map);
    }
    if let Some(body) = body {
        event["body"] = json!(body.to_string());
    }
    match lambda_http::request::from_str(&event.to_string()) {
        Ok(request) => request,
        Err(error) => panic!("not an API Gateway v2 event: {error}"),
    }
}

fn json_body(response: &Response<Body>) -> Value {
    match response.body() {
        Body::Text(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn etag(response: &Response<Body>) -> String {
    response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn db() -> dynamo_model::Db {
    let db = tests::db().with_cursor_key(b"a cursor secret of thirty-two bytes or more");
    use dynamo_model::ModelExt;
    Task::table().create(&db).await.unwrap();
    db
}

async fn create(db: &dynamo_model::Db, id: &str, owner: &str) -> Response<Body> {
    let body = json!({"id": id, "owner": owner, "title": format!("task {id}")});
    api::handle(db, event("POST", "/tasks", &[], &[], Some(body))).await
}

#[tokio::test]
async fn create_is_conditional_and_get_gives_the_version_as_etag() {
    let db = db().await;
    let created = create(&db, "t1", "ann").await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(etag(&created), "\"1\"");

    let again = create(&db, "t1", "bob").await;
    assert_eq!(
        again.status(),
        StatusCode::CONFLICT,
        "{:?}",
        json_body(&again)
    );

    let got = api::handle(&db, event("GET", "/tasks/t1", &[], &[], None)).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(json_body(&got)["owner"], "ann");
    assert_eq!(etag(&got), "\"1\"");

    let missing = api::handle(&db, event("GET", "/tasks/none", &[], &[], None)).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let invalid = api::handle(
        &db,
        event("POST", "/tasks", &[], &[], Some(json!({"id": 1}))),
    )
    .await;
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_status_change_needs_the_current_etag() {
    let db = db().await;
    create(&db, "t2", "ann").await;
    let put = |if_match: Option<&'static str>| {
        let headers: Vec<(&str, &str)> = if_match.into_iter().map(|v| ("if-match", v)).collect();
        event(
            "PUT",
            "/tasks/t2/status",
            &[],
            &headers,
            Some(json!({"status": "done"})),
        )
    };
    let unconditional = api::handle(&db, put(None)).await;
    assert_eq!(unconditional.status(), StatusCode::PRECONDITION_REQUIRED);

    let changed = api::handle(&db, put(Some("\"1\""))).await;
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "{:?}",
        json_body(&changed)
    );
    assert_eq!(json_body(&changed)["status"], "done");
    assert_eq!(etag(&changed), "\"2\"");

    // A client still holding version 1 lost the race: 412, and nothing changes.
    let stale = api::handle(&db, put(Some("\"1\""))).await;
    assert_eq!(
        stale.status(),
        StatusCode::PRECONDITION_FAILED,
        "{:?}",
        json_body(&stale)
    );
    let got = api::handle(&db, event("GET", "/tasks/t2", &[], &[], None)).await;
    assert_eq!(etag(&got), "\"2\"");
}

#[tokio::test]
async fn an_owner_s_tasks_come_a_page_at_a_time_with_the_cursor_in_the_query_string() {
    let db = db().await;
    for id in ["a1", "a2", "a3", "a4", "a5"] {
        create(&db, id, "cho").await;
    }
    create(&db, "b1", "dev").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut query = vec![("limit", "2")];
        if let Some(cursor) = &cursor {
            query.push(("cursor", cursor.as_str()));
        }
        let response = api::handle(&db, event("GET", "/owners/cho/tasks", &query, &[], None)).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{:?}",
            json_body(&response)
        );
        let body = json_body(&response);
        pages += 1;
        for task in body["tasks"].as_array().into_iter().flatten() {
            seen.push(task["id"].as_str().unwrap_or_default().to_owned());
        }
        match body["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(seen, ["a1", "a2", "a3", "a4", "a5"]);
    assert!(pages >= 3);

    let forged = api::handle(
        &db,
        event(
            "GET",
            "/owners/cho/tasks",
            &[("cursor", "not-a-cursor")],
            &[],
            None,
        ),
    )
    .await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn delete_removes_the_task_once() {
    let db = db().await;
    create(&db, "t3", "ann").await;
    let deleted = api::handle(&db, event("DELETE", "/tasks/t3", &[], &[], None)).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let again = api::handle(&db, event("DELETE", "/tasks/t3", &[], &[], None)).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let unknown = api::handle(&db, event("PATCH", "/tasks/t3", &[], &[], None)).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

/// Each invocation's report holds that invocation's requests alone, per model.
#[tokio::test]
async fn each_invocation_reports_what_its_requests_cost() {
    use dynamo_model::cost::Prices;
    let db = db().await;
    let prices = Prices::us_east_1();
    let body = json!({"id": "c1", "owner": "eli", "title": "costed"});
    let (created, cost) =
        api::handle_metered(&db, event("POST", "/tasks", &[], &[], Some(body)), &prices).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(
        (cost.requests, cost.writes, cost.reads),
        (1, 1, 0),
        "{cost:#}"
    );
    assert_eq!(cost.by_model.len(), 1, "{cost:#}");
    assert_eq!(cost.by_model[0].model, "Task");
    assert_eq!(cost.by_model[0].write_units, cost.write_units);
    assert!(cost.on_demand > 0.0, "{cost:#}");

    let get = event("GET", "/tasks/c1", &[], &[], None);
    let (got, cost) = api::handle_metered(&db, get, &prices).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(
        (cost.requests, cost.writes, cost.reads),
        (1, 0, 1),
        "{cost:#}"
    );
    assert_eq!(cost.write_units, 0.0, "{cost:#}");

    let list = event("GET", "/owners/eli/tasks", &[], &[], None);
    let (listed, cost) = api::handle_metered(&db, list, &prices).await;
    assert_eq!(listed.status(), StatusCode::OK);
    assert_eq!((cost.requests, cost.reads), (1, 1), "{cost:#}");
    // A query of the task's GSI is still the task's.
    assert_eq!(cost.by_model[0].model, "Task", "{cost:#}");

    // A route that sends nothing costs nothing.
    let (_, cost) =
        api::handle_metered(&db, event("GET", "/nowhere", &[], &[], None), &prices).await;
    assert_eq!((cost.requests, cost.on_demand), (0, 0.0), "{cost:#}");
}
