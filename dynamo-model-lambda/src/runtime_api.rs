//! The Lambda Runtime API on a loopback port, for a function's built `bootstrap` binary: the
//! `next` long poll, and the `response`, `error` and `init/error` posts, over HTTP/1.1 with
//! keep-alive, as the Lambda runtime client speaks it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, mpsc};

const PREFIX: &str = "/2018-06-01/runtime";

/// An invocation handed to the function by `next`.
pub(crate) struct Pending {
    pub(crate) request_id: String,
    pub(crate) deadline_ms: u64,
    pub(crate) arn: String,
    pub(crate) payload: Value,
}

/// What the function posted back, with when.
#[derive(Debug)]
pub(crate) enum Posted {
    /// The first `next` call: the function finished its init.
    Ready(Instant),
    /// `invocation/{id}/response`.
    Response(String, Value, Instant),
    /// `invocation/{id}/error`.
    Error(String, String, Instant),
    /// `init/error`.
    InitError(String),
}

/// The server: invocations go in, what the function posts comes out.
pub(crate) struct RuntimeApi {
    pub(crate) address: String,
    pub(crate) invocations: mpsc::UnboundedSender<Pending>,
    pub(crate) posted: mpsc::UnboundedReceiver<Posted>,
}

impl RuntimeApi {
    /// Listens on a free loopback port and serves until dropped.
    pub(crate) async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?.to_string();
        let (invocations, queue) = mpsc::unbounded_channel::<Pending>();
        let (post, posted) = mpsc::unbounded_channel::<Posted>();
        let queue = Arc::new(Mutex::new(queue));
        let announced = Arc::new(AtomicBool::new(false));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = (queue.clone(), post.clone(), announced.clone());
                tokio::spawn(serve(stream, shared));
            }
        });
        Ok(RuntimeApi {
            address,
            invocations,
            posted,
        })
    }
}

type Queue = Arc<Mutex<mpsc::UnboundedReceiver<Pending>>>;

/// One connection: requests one after another.
async fn serve(
    stream: TcpStream,
    (queue, post, announced): (Queue, mpsc::UnboundedSender<Posted>, Arc<AtomicBool>),
) {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    loop {
        let Ok(Some((method, path, body))) = request(&mut read).await else {
            return;
        };
        let answer = if method == "GET" && path == format!("{PREFIX}/invocation/next") {
            if !announced.swap(true, Ordering::Relaxed) {
                let _ = post.send(Posted::Ready(Instant::now()));
            }
            let next = queue.lock().await.recv().await;
            let Some(next) = next else {
                return;
            };
            let body = next.payload.to_string();
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: {}\r\nLambda-Runtime-Deadline-Ms: {}\r\nLambda-Runtime-Invoked-Function-Arn: {}\r\nLambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\nContent-Length: {}\r\n\r\n{body}",
                next.request_id,
                next.deadline_ms,
                next.arn,
                body.len()
            )
        } else if method == "POST" {
            let now = Instant::now();
            let text = String::from_utf8_lossy(&body).into_owned();
            let rest = path.strip_prefix(&format!("{PREFIX}/")).unwrap_or_default();
            let posted = match rest.split('/').collect::<Vec<_>>()[..] {
                ["invocation", id, "response"] => Some(Posted::Response(
                    id.to_owned(),
                    serde_json::from_slice(&body).unwrap_or(Value::String(text)),
                    now,
                )),
                ["invocation", id, "error"] => Some(Posted::Error(id.to_owned(), text, now)),
                ["init", "error"] => Some(Posted::InitError(text)),
                _ => None,
            };
            match posted {
                Some(posted) => {
                    let _ = post.send(posted);
                    accepted()
                }
                None => not_found(),
            }
        } else {
            not_found()
        };
        if write.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn accepted() -> String {
    let body = r#"{"status":"OK"}"#;
    format!(
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn not_found() -> String {
    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_owned()
}

/// One request: its method, path and body; `None` when the connection closed.
async fn request(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Option<(String, String, Vec<u8>)>> {
    let mut line = String::new();
    if read.read_line(&mut line).await? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if read.read_line(&mut header).await? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    read.read_exact(&mut body).await?;
    Ok(Some((method, path, body)))
}
