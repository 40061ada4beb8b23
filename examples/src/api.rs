//! An HTTP API on AWS Lambda behind API Gateway (HTTP API, payload v2): tasks with an owner,
//! created conditionally, read, listed by owner a page at a time with the cursor in the query
//! string, changed under optimistic locking (`If-Match` / `ETag`), and deleted. Errors become
//! HTTP statuses through `Error::http_status`.
//!
//! | request | does |
//! |---|---|
//! | `POST /tasks` `{"id", "owner", "title"}` | creates the task; 409 if the id is taken |
//! | `GET /tasks/{id}` | the task, with its version as `ETag`; 404 |
//! | `GET /owners/{owner}/tasks?limit=n&cursor=...` | a page of the owner's tasks and the `next` cursor |
//! | `PUT /tasks/{id}/status` `{"status"}`, `If-Match: "<version>"` | changes the status if the task is still at that version; 412 if not, 428 without `If-Match` |
//! | `DELETE /tasks/{id}` | deletes it; 404 if there is none |
//!
//! The `lambda_api` example runs it under the Lambda runtime, logging what each invocation's
//! DynamoDB requests cost ([`handle_metered`]); `tests/tests/integration/api.rs` calls the
//! handler with recorded API Gateway events against the local engine.

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::cost::{CostReport, Prices};
use dynamo_model::ops::Cursor;
use dynamo_model::prelude::*;
use lambda_http::http::{Method, StatusCode, header};
use lambda_http::{Body, Request, RequestExt, Response};
use serde_json::{Value, json};

/// A task. The version is the `ETag` clients send back in `If-Match`.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "tasks",
    global_index(name = "by_owner", partition_key = "owner", sort_key = "id")
)]
pub struct Task {
    #[dynamo(partition_key)]
    pub id: String,
    pub owner: String,
    pub title: String,
    pub status: String,
    #[dynamo(version)]
    pub version: u64,
}

fn task_json(task: &Task) -> Value {
    json!({"id": task.id, "owner": task.owner, "title": task.title, "status": task.status, "version": task.version})
}

/// A response with a JSON body.
fn respond(status: StatusCode, body: Value) -> Response<Body> {
    let mut response = Response::new(Body::Text(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}

/// A task with its version as a strong `ETag`.
fn with_etag(status: StatusCode, task: &Task) -> Response<Body> {
    let mut response = respond(status, task_json(task));
    if let Ok(etag) = header::HeaderValue::from_str(&format!("\"{}\"", task.version)) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// A failure as its HTTP status, with the error's message (never a 200).
fn failure(error: &Error) -> Response<Body> {
    let status =
        StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    respond(status, json!({"error": error.to_string()}))
}

fn bad_request(message: &str) -> Response<Body> {
    respond(StatusCode::BAD_REQUEST, json!({"error": message}))
}

fn body_json(request: &Request) -> Option<Value> {
    match request.body() {
        Body::Text(text) => serde_json::from_str(text).ok(),
        Body::Binary(bytes) => serde_json::from_slice(bytes).ok(),
        Body::Empty => None,
        _ => None,
    }
}

/// Serves one request as [`handle`] does, and prices what its DynamoDB requests consumed: a
/// meter of its own per invocation, so that the report (per model, too) is this invocation's
/// alone. The `lambda_api` example logs it after each request.
pub async fn handle_metered(
    db: &Db,
    request: Request,
    prices: &Prices,
) -> (Response<Body>, CostReport) {
    let meter = CapacityMeter::new();
    let db = db.clone().with_capacity_meter(meter.clone());
    let response = handle(&db, request).await;
    (response, meter.report(prices))
}

/// Serves one request. Every failure is a response: the function itself never fails.
pub async fn handle(db: &Db, request: Request) -> Response<Body> {
    let path: Vec<String> = request
        .uri()
        .path()
        .trim_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect();
    let segments: Vec<&str> = path.iter().map(String::as_str).collect();
    let method = request.method().clone();
    match (&method, segments.as_slice()) {
        (&Method::POST, ["tasks"]) => create(db, &request).await,
        (&Method::GET, ["tasks", id]) => match Task::get(db, id).await {
            Ok(Some(task)) => with_etag(StatusCode::OK, &task),
            Ok(None) => respond(
                StatusCode::NOT_FOUND,
                json!({"error": format!("no task `{id}`")}),
            ),
            Err(error) => failure(&error),
        },
        (&Method::GET, ["owners", owner, "tasks"]) => list(db, &request, owner).await,
        (&Method::PUT, ["tasks", id, "status"]) => change_status(db, &request, id).await,
        (&Method::DELETE, ["tasks", id]) => match Task::delete(db, id).return_old().await {
            Ok(Some(_)) => respond(StatusCode::NO_CONTENT, Value::Null),
            Ok(None) => respond(
                StatusCode::NOT_FOUND,
                json!({"error": format!("no task `{id}`")}),
            ),
            Err(error) => failure(&error),
        },
        _ => respond(StatusCode::NOT_FOUND, json!({"error": "no such route"})),
    }
}

async fn create(db: &Db, request: &Request) -> Response<Body> {
    let Some(body) = body_json(request) else {
        return bad_request("the body must be JSON: {\"id\", \"owner\", \"title\"}");
    };
    let field = |name: &str| body[name].as_str().map(str::to_owned);
    let (Some(id), Some(owner), Some(title)) = (field("id"), field("owner"), field("title")) else {
        return bad_request("`id`, `owner` and `title` are required strings");
    };
    let mut task = Task {
        id,
        owner,
        title,
        status: "open".to_owned(),
        version: 0,
    };
    match task.create(db).await {
        Ok(()) => with_etag(StatusCode::CREATED, &task),
        Err(error) => failure(&error),
    }
}

async fn list(db: &Db, request: &Request, owner: &str) -> Response<Body> {
    let params = request.query_string_parameters();
    let limit = params
        .first("limit")
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(20)
        .clamp(1, 100);
    let cursor = match params.first("cursor").map(str::parse::<Cursor>).transpose() {
        Ok(cursor) => cursor,
        Err(_) => return bad_request("`cursor` is not a cursor this API gave out"),
    };
    let page = Task::indexes()
        .by_owner
        .query(db, owner)
        .page_size(limit)
        .page(cursor)
        .await;
    match page {
        Ok(page) => respond(
            StatusCode::OK,
            json!({
                "tasks": page.items.iter().map(task_json).collect::<Vec<_>>(),
                "next": page.next.map(|cursor| cursor.to_string()),
            }),
        ),
        Err(error) => failure(&error),
    }
}

async fn change_status(db: &Db, request: &Request, id: &str) -> Response<Body> {
    let Some(version) = request
        .headers()
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_matches('"').parse::<u64>().ok())
    else {
        return respond(
            StatusCode::PRECONDITION_REQUIRED,
            json!({"error": "send the task's ETag in If-Match"}),
        );
    };
    let Some(status) = body_json(request).and_then(|b| b["status"].as_str().map(str::to_owned))
    else {
        return bad_request("the body must be {\"status\": \"...\"}");
    };
    let updated = Task::update(db, id)
        .set(Task::fields().status, status)
        .if_version(version)
        .await;
    match updated {
        Ok(task) => with_etag(StatusCode::OK, &task),
        Err(error) => failure(&error),
    }
}
