//! The local engine launcher (`dynamo-model-local`): the embedded engine by default, moto's
//! install, start and stop when chosen, `DYNAMODB_ENDPOINT`, and the one-sentence errors for what
//! a machine lacks.
//!
//! The tests that install or run moto need Python, which the default engine does not: they run
//! in the suite's moto pass (`DYNAMO_MODEL_ENGINE=moto`), and say so when skipped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dynamo_model::Model;
use dynamo_model::ModelExt;
use dynamo_model_local::{Engine, LocalEngine, LocalError, LocalOptions, MOTO_VERSION};

const PROBE: &str = env!("CARGO_BIN_EXE_local_probe");

/// A fresh, empty folder in the system's temporary folder.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{}{name}", tests::unique_prefix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An executable shell script `name` in `dir`, standing in for a program.
///
/// A child process writes it: had this process opened it for writing, a process forked at that
/// moment by a test on another thread could still hold it open, and running it would fail with
/// "Text file busy".
#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("sh")
        .args([
            "-c",
            "printf '#!/bin/sh\\n%s\\n' \"$1\" > \"$2\" && chmod 755 \"$2\"",
        ])
        .args(["sh", body])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    path
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
        std::thread::sleep(Duration::from_millis(20));
    }
    !process_alive(pid)
}

fn spawn_probe(configure: impl FnOnce(&mut Command)) -> (Child, Vec<String>) {
    let mut command = Command::new(PROBE);
    command
        .env_remove("DYNAMODB_ENDPOINT")
        .env_remove("DYNAMO_MODEL_ENGINE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    configure(&mut command);
    let mut child = command.spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..3 {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_owned());
    }
    (child, lines)
}

fn engine_pid(lines: &[String]) -> u32 {
    lines
        .iter()
        .find_map(|l| l.strip_prefix("pid "))
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("the probe printed no engine pid: {lines:?}"))
}

/// `name==version` of a pip requirement or `pip freeze` line, as pip compares them: case and
/// `_`/`-` do not matter, extras and markers are not part of it.
fn normalized(requirement: &str) -> String {
    let requirement = requirement.split(';').next().unwrap_or(requirement).trim();
    let (name, version) = requirement.split_once("==").unwrap_or((requirement, ""));
    let name = name.split('[').next().unwrap_or(name);
    format!("{}=={version}", name.to_lowercase().replace('_', "-"))
}

/// moto, started by this test whatever the environment says.
fn own_engine() -> LocalOptions {
    LocalOptions::new()
        .engine(Engine::Moto)
        .use_endpoint_env(false)
}

/// Whether this is the suite's moto pass, where the tests that install and run moto run. On
/// other passes, says that `test` is left to it.
fn moto_pass(test: &str) -> bool {
    if tests::engine() == Some(Engine::Moto) {
        return true;
    }
    eprintln!(
        "engine::{test}: installs or runs moto, which needs Python; it runs in the moto pass: DYNAMO_MODEL_ENGINE=moto cargo test --workspace --test integration engine::"
    );
    false
}

#[test]
fn missing_python_is_one_sentence_saying_what_to_install() {
    let error = own_engine()
        .python("/nonexistent/bin/python3")
        .start()
        .unwrap_err();
    assert_eq!(
        error,
        LocalError::PythonMissing {
            program: "/nonexistent/bin/python3".into()
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("install Python 3.10 or newer"),
        "{message}"
    );
    assert!(
        message.contains("use the embedded engine, which needs no Python"),
        "{message}"
    );
    assert!(!message.contains('\n'), "one sentence, one line: {message}");
}

#[test]
fn a_path_without_python_fails_with_that_sentence_and_no_panic() {
    // An empty PATH, as on a machine without Python.
    let empty = fresh_dir("empty-path");
    let output = Command::new(PROBE)
        .env_remove("DYNAMODB_ENDPOINT")
        .env("DYNAMO_MODEL_ENGINE", "moto")
        .env("PATH", &empty)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir(&empty);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(
        stderr.trim_end(),
        "Python 3 was not found (`python3`): install Python 3.10 or newer (for example `apt-get install python3 python3-venv`) to run the moto engine, or use the embedded engine, which needs no Python (unset DYNAMO_MODEL_ENGINE)"
    );
}

#[cfg(unix)]
#[test]
fn a_python_without_venv_support_names_the_package_and_leaves_nothing() {
    if !moto_pass("a_python_without_venv_support_names_the_package_and_leaves_nothing") {
        return;
    }
    // What Debian's and Ubuntu's Python says when `python3-venv` is not installed; any other
    // command goes to the real Python.
    let bin = fresh_dir("no-venv-bin");
    let python = script(
        &bin,
        "python3",
        "if [ \"$1\" = -m ] && [ \"$2\" = venv ]; then\n\
         echo 'The virtual environment was not created successfully because ensurepip is not\n\
         available.  On Debian/Ubuntu systems, you need to install the python3-venv\n\
         package using the following command.' >&2\n\
         exit 1\n\
         fi\n\
         exec python3 \"$@\"",
    );
    let root = fresh_dir("no-venv-root");
    let error = own_engine()
        .python(&python)
        .install_dir(&root)
        .start()
        .unwrap_err();
    assert!(
        matches!(&error, LocalError::VenvMissing { detail, .. } if detail.contains("ensurepip")),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("apt-get install python3-venv"),
        "{message}"
    );
    assert!(!message.contains('\n'), "one sentence, one line: {message}");
    // A failed install leaves nothing half-done behind, only the install lock.
    let left: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [".install.lock"]);
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&bin);
}

#[cfg(unix)]
#[test]
fn a_python_older_than_the_engine_supports_is_named_with_its_version() {
    let bin = fresh_dir("old-python");
    let python = script(&bin, "python3", "echo 3.8");
    let error = own_engine().python(&python).start().unwrap_err();
    let _ = std::fs::remove_dir_all(&bin);
    assert_eq!(
        error,
        LocalError::PythonTooOld {
            program: python.display().to_string(),
            version: "3.8".into()
        }
    );
    assert!(
        error
            .to_string()
            .contains("moto engine needs Python 3.10 or newer")
    );
}

#[test]
fn concurrent_first_installs_leave_one_complete_pinned_copy() {
    if !moto_pass("concurrent_first_installs_leave_one_complete_pinned_copy") {
        return;
    }
    let root = fresh_dir("concurrent-install");
    let starts: Vec<_> = (0..2)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || own_engine().install_dir(root).start())
        })
        .collect();
    for start in starts {
        let engine = start.join().unwrap().unwrap();
        assert!(engine.pid().is_some());
    }
    // One environment and the lock file; no staging folder is left behind.
    let entries: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".install.lock")
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        entries[0].starts_with(&format!("moto-{MOTO_VERSION}-py3.")),
        "{entries:?}"
    );
    // Exactly the pinned packages, at their pinned versions.
    let installed = std::fs::read_to_string(root.join(&entries[0]).join("installed.txt")).unwrap();
    assert!(
        installed
            .lines()
            .any(|l| l == format!("moto=={MOTO_VERSION}")),
        "{installed}"
    );
    let pinned = std::fs::read_to_string(root.join(&entries[0]).join("requirements.txt")).unwrap();
    let pins: Vec<String> = pinned
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(normalized)
        .collect();
    for package in installed.lines() {
        assert!(
            pins.contains(&normalized(package)),
            "{package} is installed but not pinned at that version"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn dropping_the_handle_stops_the_engine() {
    if !moto_pass("dropping_the_handle_stops_the_engine") {
        return;
    }
    let engine = own_engine().start().unwrap();
    let pid = engine.pid().unwrap();
    assert!(process_alive(pid));
    drop(engine);
    assert!(!process_alive(pid), "the engine {pid} outlived its handle");
}

#[test]
fn the_engine_dies_with_a_killed_process() {
    if !moto_pass("the_engine_dies_with_a_killed_process") {
        return;
    }
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMO_MODEL_ENGINE", "moto");
    });
    let pid = engine_pid(&lines);
    assert!(process_alive(pid));
    // SIGKILL: no destructor runs in the probe; only the closed pipe can stop the engine.
    probe.kill().unwrap();
    probe.wait().unwrap();
    assert!(
        wait_until_gone(pid, Duration::from_secs(10)),
        "the engine {pid} outlived its killed parent"
    );
}

#[test]
fn the_engine_dies_when_the_process_exits_without_dropping() {
    if !moto_pass("the_engine_dies_when_the_process_exits_without_dropping") {
        return;
    }
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMO_MODEL_ENGINE", "moto");
    });
    let pid = engine_pid(&lines);
    // Closing stdin lets the probe return from main normally.
    drop(probe.stdin.take());
    assert!(probe.wait().unwrap().success());
    assert!(wait_until_gone(pid, Duration::from_secs(10)));
}

#[test]
fn dynamodb_endpoint_replaces_starting_one() {
    let shared = LocalEngine::shared().unwrap();
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMODB_ENDPOINT", shared.endpoint());
    });
    drop(probe.stdin.take());
    probe.wait().unwrap();
    assert_eq!(
        lines,
        vec![
            format!("endpoint {}", shared.endpoint()),
            "pid none".into(),
            "engine none".into()
        ]
    );
}

#[test]
fn a_dynamodb_endpoint_that_does_not_answer_is_named() {
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMODB_ENDPOINT", "http://127.0.0.1:1");
    });
    assert!(lines.is_empty(), "{lines:?}");
    let status = probe.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut probe.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "DYNAMODB_ENDPOINT is `http://127.0.0.1:1` but nothing answers at 127.0.0.1:1 ("
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .trim_end()
            .ends_with("or unset it to have the local engine started"),
        "{stderr}"
    );
}

#[test]
fn start_up_is_bounded_and_reports_the_output_tail() {
    if !moto_pass("start_up_is_bounded_and_reports_the_output_tail") {
        return;
    }
    let error = own_engine()
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
    let first = LocalEngine::shared().unwrap();
    let second = LocalEngine::shared().unwrap();
    assert!(std::ptr::eq(first, second));
    assert!(
        first.endpoint().starts_with("http://127.0.0.1:")
            || std::env::var("DYNAMODB_ENDPOINT").is_ok()
    );
}

#[test]
fn db_from_env_follows_dynamodb_endpoint() {
    let engine = LocalEngine::shared().unwrap();
    let output = Command::new(PROBE)
        .arg("from-env")
        .env("DYNAMODB_ENDPOINT", engine.endpoint())
        // The standard chain's environment provider; the engine accepts any credentials.
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

#[test]
fn the_embedded_engine_is_the_default_and_needs_no_python() {
    // An empty PATH: no Python, no program of any kind.
    let empty = fresh_dir("embedded-empty-path");
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("PATH", &empty);
    });
    drop(probe.stdin.take());
    assert!(probe.wait().unwrap().success());
    let _ = std::fs::remove_dir(&empty);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with("endpoint http://127.0.0.1:"),
        "{lines:?}"
    );
    // It runs inside the probe's own process.
    assert_eq!(lines[1..], ["pid none", "engine embedded"]);
}

#[test]
fn dynamo_model_engine_chooses_the_engine_and_a_wrong_name_is_one_sentence() {
    assert_eq!("MOTO".parse::<Engine>().unwrap(), Engine::Moto);
    assert_eq!("dynoxide".parse::<Engine>().unwrap(), Engine::Embedded);
    assert_eq!("".parse::<Engine>().unwrap(), Engine::Embedded);
    let (mut probe, lines) = spawn_probe(|command| {
        command.env("DYNAMO_MODEL_ENGINE", "dynamodb-local");
    });
    assert!(lines.is_empty(), "{lines:?}");
    let status = probe.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut probe.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "DYNAMO_MODEL_ENGINE is `dynamodb-local`, which names no local engine: set it to `embedded` (the default) or `moto`, or unset it"
    );
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "isolated")]
struct Isolated {
    #[dynamo(partition_key)]
    id: String,
}

#[tokio::test]
async fn an_in_memory_engine_is_a_database_of_its_own() {
    let first = LocalEngine::memory().unwrap();
    let second = LocalEngine::memory().unwrap();
    assert_eq!(first.engine(), Some(Engine::Embedded));
    assert_eq!(first.pid(), None);
    assert_ne!(first.endpoint(), second.endpoint());
    // The same table name, no prefix, in both: each sees only its own.
    let (a, b) = (first.db(), second.db());
    Isolated::table().create(&a).await.unwrap();
    Isolated::table().create(&b).await.unwrap();
    Isolated {
        id: "only-in-a".into(),
    }
    .put(&a)
    .await
    .unwrap();
    assert!(Isolated::get(&a, "only-in-a").await.unwrap().is_some());
    assert_eq!(Isolated::get(&b, "only-in-a").await.unwrap(), None);
    let tables = b.client().list_tables().send().await.unwrap();
    assert_eq!(tables.table_names(), ["isolated"]);
}

#[test]
fn dropping_an_embedded_engine_stops_serving_its_port() {
    let engine = LocalEngine::memory().unwrap();
    let address: std::net::SocketAddr = engine
        .endpoint()
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    assert!(std::net::TcpStream::connect(address).is_ok());
    drop(engine);
    // The server closes its listener once the stop reaches it, on another thread.
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(address).is_ok() {
        assert!(
            Instant::now() < deadline,
            "{address} still accepts connections 10 s after the engine was dropped"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn only_the_embedded_engine_deletes_expired_items_on_demand() {
    // An empty database: nothing has expired.
    assert_eq!(LocalEngine::memory().unwrap().sweep_ttl(), Ok(0));
    let shared = LocalEngine::shared().unwrap();
    if shared.engine() != Some(Engine::Embedded) {
        let error = shared.sweep_ttl().unwrap_err();
        assert!(matches!(error, LocalError::Unsupported { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("deleting expired items needs the embedded engine, and this is "),
            "{error}"
        );
    }
}
