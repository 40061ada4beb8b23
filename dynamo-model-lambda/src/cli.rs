//! The harness from the command line (the `dynamo-model-lambda` program): a function's built
//! binary run over recorded events, out of process, and its profile printed (and written as JSON
//! or HTML).
//!
//! ```text
//! dynamo-model-lambda run --binary target/debug/examples/lambda_api --events examples/events/api \
//!     --memory 512 --timeout 3s --env DYNAMODB_ENDPOINT=http://127.0.0.1:8000 --json profile.json
//! ```
//!
//! `--events` is a folder of JSON files or a JSON-lines file (`-` for standard input). Exit
//! status: 0 when every invocation answered, 1 when one failed or timed out, 2 for a usage error.

use std::time::Duration;

use crate::{Function, Harness, Status};

const USAGE: &str = "usage: dynamo-model-lambda run --binary PATH --events DIR|FILE.jsonl|- [--name NAME] [--memory MB] [--timeout 3s|500ms] [--env KEY=VALUE]... [--json PATH] [--html PATH]";

struct Args {
    binary: String,
    events: String,
    name: String,
    memory: u32,
    timeout: Duration,
    env: Vec<(String, String)>,
    json: Option<String>,
    html: Option<String>,
}

fn duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map_or((text, "s"), |at| text.split_at(at));
    let number: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {text}"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(number)),
        "s" => Ok(Duration::from_secs(number)),
        _ => Err(format!("not a duration: {text} (say 3s or 500ms)")),
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    if args.next().as_deref() != Some("run") {
        return Err(USAGE.to_owned());
    }
    let mut parsed = Args {
        binary: String::new(),
        events: String::new(),
        name: "function".to_owned(),
        memory: 128,
        timeout: Duration::from_secs(3),
        env: Vec::new(),
        json: None,
        html: None,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or(format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--binary" => parsed.binary = value,
            "--events" => parsed.events = value,
            "--name" => parsed.name = value,
            "--memory" => {
                parsed.memory = value
                    .parse()
                    .map_err(|_| format!("--memory {value}: not a number"))?
            }
            "--timeout" => parsed.timeout = duration(&value)?,
            "--env" => {
                let (key, value) = value
                    .split_once('=')
                    .ok_or(format!("--env {value}: say KEY=VALUE"))?;
                parsed.env.push((key.to_owned(), value.to_owned()));
            }
            "--json" => parsed.json = Some(value),
            "--html" => parsed.html = Some(value),
            other => return Err(format!("unknown flag {other}\n{USAGE}")),
        }
    }
    if parsed.binary.is_empty() || parsed.events.is_empty() {
        return Err(format!("--binary and --events are needed\n{USAGE}"));
    }
    Ok(parsed)
}

fn events(source: &str) -> std::io::Result<Vec<serde_json::Value>> {
    if source == "-" {
        crate::from_json_lines(std::io::stdin().lock())
    } else if std::path::Path::new(source).is_dir() {
        crate::from_dir(source)
    } else {
        crate::from_json_lines_file(source)
    }
}

/// What a run of the command line gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The exit status: 0 every invocation answered, 1 one failed or timed out (or the run
    /// could not be made), 2 a usage error.
    pub status: u8,
    /// What it printed to standard output: the profile.
    pub output: String,
    /// What it printed to standard error.
    pub error: String,
}

/// Runs the command line on `args` (without the program's name).
pub async fn run(args: impl IntoIterator<Item = String>) -> Outcome {
    let fail = |status: u8, error: String| Outcome {
        status,
        output: String::new(),
        error,
    };
    let args = match parse(args.into_iter()) {
        Ok(args) => args,
        Err(message) => return fail(2, message),
    };
    let events = match events(&args.events) {
        Ok(events) => events,
        Err(error) => {
            return fail(
                2,
                format!("cannot read the events {}: {error}", args.events),
            );
        }
    };
    let function = Function::new(&args.name)
        .memory_mb(args.memory)
        .timeout(args.timeout);
    let mut harness = Harness::new(function);
    let profile = match harness.run_binary(&args.binary, &args.env, events).await {
        Ok(profile) => profile,
        Err(error) => return fail(1, error.to_string()),
    };
    for (path, text) in [
        (&args.json, format!("{:#}\n", profile.to_json())),
        (&args.html, profile.to_html()),
    ] {
        if let Some(path) = path
            && let Err(error) = std::fs::write(path, text)
        {
            return fail(1, format!("cannot write {path}: {error}"));
        }
    }
    let failed = profile.invocations.iter().any(|i| i.status != Status::Ok);
    Outcome {
        status: u8::from(failed),
        output: format!("{profile}\n"),
        error: String::new(),
    }
}
