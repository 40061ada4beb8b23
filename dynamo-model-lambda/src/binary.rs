//! The function's built binary, out of process: started against the harness's Runtime API as
//! Lambda starts it, so the deployed artefact itself is exercised. Cold start, each
//! invocation's duration, the process's peak memory, and the DynamoDB units the function's log
//! reports per invocation.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use crate::runtime_api::{Pending, Posted, RuntimeApi};

/// How a binary's run went before its invocations: its start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColdStart {
    /// From the process's start to its first `next` call: the function's init.
    pub init: Duration,
    /// From the process's start to its first response.
    pub first_response: Duration,
}

/// What went wrong running a binary.
#[derive(Debug)]
pub struct BinaryError(pub(crate) String);

impl std::fmt::Display for BinaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BinaryError {}

/// One invocation of the binary, as the harness saw it.
pub(crate) struct Answered {
    pub(crate) request_id: String,
    pub(crate) outcome: Result<Value, String>,
    pub(crate) timed_out: bool,
    pub(crate) duration: Duration,
    /// The log lines the function wrote while it ran.
    pub(crate) log: Vec<String>,
}

/// A running binary with its Runtime API.
pub(crate) struct Running {
    api: RuntimeApi,
    child: Child,
    log: mpsc::UnboundedReceiver<String>,
    started: Instant,
    /// When the function first asked for an invocation.
    ready: Option<Instant>,
    pub(crate) cold_start: Option<ColdStart>,
}

impl Running {
    /// Starts `binary` with Lambda's environment for `function`, and `env` besides.
    pub(crate) async fn start(
        binary: &Path,
        function: &crate::Function,
        env: &[(String, String)],
    ) -> Result<Self, BinaryError> {
        let api = RuntimeApi::start()
            .await
            .map_err(|e| BinaryError(format!("cannot serve the Runtime API: {e}")))?;
        let mut command = Command::new(binary);
        command
            .env("AWS_LAMBDA_RUNTIME_API", &api.address)
            .env("AWS_LAMBDA_FUNCTION_NAME", &function.name)
            .env(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                function.memory_mb.to_string(),
            )
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env(
                "AWS_LAMBDA_LOG_GROUP_NAME",
                format!("/aws/lambda/{}", function.name),
            )
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "local/harness")
            .env("AWS_REGION", "us-east-1")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        let started = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| BinaryError(format!("cannot start {}: {e}", binary.display())))?;
        let (lines, log) = mpsc::unbounded_channel();
        if let Some(stdout) = child.stdout.take() {
            tokio::spawn(async move {
                let mut reader = BufReader::new(stdout).lines();
                while let Ok(Some(line)) = reader.next_line().await {
                    let _ = lines.send(line);
                }
            });
        }
        Ok(Running {
            api,
            child,
            log,
            started,
            ready: None,
            cold_start: None,
        })
    }

    /// Hands `payload` to the function as invocation `request_id` and waits for its answer, up
    /// to `timeout`.
    pub(crate) async fn invoke(
        &mut self,
        request_id: String,
        payload: Value,
        (arn, timeout): (String, Duration),
    ) -> Result<Answered, BinaryError> {
        let deadline_ms = SystemTime::now()
            .checked_add(timeout)
            .and_then(|d| d.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        let sent = Instant::now();
        self.api
            .invocations
            .send(Pending {
                request_id: request_id.clone(),
                deadline_ms,
                arn,
                payload,
            })
            .map_err(|_| BinaryError("the Runtime API stopped".to_owned()))?;
        let answer = tokio::time::timeout(timeout, self.answer(&request_id)).await;
        let (outcome, timed_out, at) = match answer {
            Err(_) => (Err("timed out".to_owned()), true, Instant::now()),
            Ok(answer) => {
                let (outcome, at) = answer?;
                (outcome, false, at)
            }
        };
        if self.cold_start.is_none()
            && let Some(init) = self.cold_start_init()
        {
            self.cold_start = Some(ColdStart {
                init,
                first_response: at.duration_since(self.started),
            });
        }
        // Give the function's last log lines of this invocation a moment to arrive.
        tokio::time::sleep(Duration::from_millis(5)).await;
        let mut log = Vec::new();
        while let Ok(line) = self.log.try_recv() {
            log.push(line);
        }
        Ok(Answered {
            request_id,
            outcome,
            timed_out,
            duration: at.duration_since(sent),
            log,
        })
    }

    fn cold_start_init(&self) -> Option<Duration> {
        self.ready.map(|at| at.duration_since(self.started))
    }

    async fn answer(
        &mut self,
        request_id: &str,
    ) -> Result<(Result<Value, String>, Instant), BinaryError> {
        loop {
            match self.api.posted.recv().await {
                None => return Err(BinaryError("the Runtime API stopped".to_owned())),
                Some(Posted::Ready(at)) => self.ready = Some(at),
                Some(Posted::InitError(text)) => {
                    return Err(BinaryError(format!("the function failed to start: {text}")));
                }
                Some(Posted::Response(id, value, at)) if id == request_id => {
                    return Ok((Ok(value), at));
                }
                Some(Posted::Error(id, text, at)) if id == request_id => {
                    return Ok((Err(text), at));
                }
                Some(_) => {}
            }
        }
    }

    /// The process's peak resident memory so far, from the operating system (Linux's
    /// `/proc/<pid>/status`, `VmHWM`).
    pub(crate) fn peak_rss_bytes(&self) -> Option<usize> {
        let pid = self.child.id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kilobytes: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kilobytes * 1024)
    }

    /// Stops the process.
    pub(crate) async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// What a function's log line reports of its DynamoDB requests, as
/// `dynamo_model::cost::CostReport` prints itself (`3 requests (2 writes, 1 read): 2 WCU, 0.5
/// RCU, $0.0000013 on demand ...`): requests, write units, read units, dollars.
pub(crate) fn units_in_log(log: &[String]) -> Option<(u64, f64, f64, f64)> {
    log.iter().find_map(|line| {
        let number_before = |unit: &str| -> Option<f64> {
            let at = line.find(unit)?;
            line[..at]
                .rsplit([' ', ':', ',', '('])
                .find(|s| !s.is_empty())?
                .trim_start_matches('$')
                .parse()
                .ok()
        };
        let requests = number_before(" request")? as u64;
        let dollars = line
            .split_whitespace()
            .find_map(|word| word.strip_prefix('$')?.parse::<f64>().ok())?;
        Some((
            requests,
            number_before(" WCU")?,
            number_before(" RCU")?,
            dollars,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cost_report_line_reads_back_as_its_figures() {
        let line = "/tasks 201 Created: 1 request (1 write, 0 reads): 2 WCU, 0 RCU, $0.0000013 on demand (us-east-1, standard)".to_owned();
        assert_eq!(
            units_in_log(&["starting".to_owned(), line]),
            Some((1, 2.0, 0.0, 0.0000013))
        );
        assert_eq!(units_in_log(&["no figures".to_owned()]), None);
    }
}
