//! Running the DynamoDB Local JVM: start it on a free port, wait until it answers, keep the
//! tail of its output for error messages, and make sure it dies with us.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::LocalError;

/// How many lines of the JVM's output are kept for error messages.
const TAIL_LINES: usize = 40;
/// Start-up attempts when the free port we picked was taken before the JVM bound it.
const PORT_ATTEMPTS: usize = 3;

/// A running DynamoDB Local JVM. Dropping it stops the JVM.
#[derive(Debug)]
pub(crate) struct Running {
    jvm: Child,
    port: u16,
    watchdog: Option<Watchdog>,
}

impl Running {
    pub(crate) fn pid(&self) -> u32 {
        self.jvm.id()
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // The watchdog goes first so that it cannot signal a pid the system has reused after we
        // reap the JVM.
        if let Some(watchdog) = self.watchdog.take() {
            watchdog.stop();
        }
        let _ = self.jvm.kill();
        let _ = self.jvm.wait();
    }
}

/// Runs `java -version` to tell "no Java" and "too old a Java" apart from other failures
/// before anything is installed.
pub(crate) fn check_java(java: &OsStr) -> Result<(), LocalError> {
    let program = java.to_string_lossy().into_owned();
    let output = match Command::new(java)
        .arg("-version")
        .stdin(Stdio::null())
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(LocalError::JavaMissing { program });
        }
        Err(e) => {
            return Err(LocalError::Io {
                action: "running",
                path: program,
                message: e.to_string(),
            });
        }
    };
    // `java -version` prints e.g. `openjdk version "17.0.15" 2025-04-15` (or "1.8.0_292").
    let text = String::from_utf8_lossy(&output.stderr);
    match java_major_version(&text) {
        Some(major) if major < 17 => Err(LocalError::JavaTooOld { program, major }),
        _ => Ok(()),
    }
}

fn java_major_version(version_output: &str) -> Option<u32> {
    let quoted = version_output.split('"').nth(1)?;
    let mut parts = quoted.split(['.', '_', '-', '+']);
    let first: u32 = parts.next()?.parse().ok()?;
    if first == 1 {
        parts.next()?.parse().ok()
    } else {
        Some(first)
    }
}

/// Starts DynamoDB Local from `jar_dir` in memory on a free loopback port and waits until it
/// answers an HTTP request.
pub(crate) fn launch(
    java: &OsStr,
    jar_dir: &Path,
    ready_timeout: Duration,
) -> Result<Running, LocalError> {
    let deadline = Instant::now() + ready_timeout;
    let mut attempt = 0;
    loop {
        attempt += 1;
        match launch_once(java, jar_dir, deadline, ready_timeout) {
            Err(LocalError::Exited { output, .. })
                if attempt < PORT_ATTEMPTS && output.contains("Address already in use") =>
            {
                continue;
            }
            result => return result,
        }
    }
}

fn launch_once(
    java: &OsStr,
    jar_dir: &Path,
    deadline: Instant,
    ready_timeout: Duration,
) -> Result<Running, LocalError> {
    let port = free_port().map_err(|e| LocalError::io("finding a free port on", jar_dir, &e))?;
    let mut jvm = Command::new(java)
        .arg(format!(
            "-Djava.library.path={}",
            jar_dir.join("DynamoDBLocal_lib").display()
        ))
        .arg("-jar")
        .arg(jar_dir.join("DynamoDBLocal.jar"))
        .args(["-inMemory", "-port", &port.to_string()])
        .current_dir(jar_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => LocalError::JavaMissing {
                program: java.to_string_lossy().into_owned(),
            },
            _ => LocalError::io("starting", Path::new(java), &e),
        })?;
    let tail = OutputTail::default();
    if let Some(stdout) = jvm.stdout.take() {
        tail.follow(stdout);
    }
    if let Some(stderr) = jvm.stderr.take() {
        tail.follow(stderr);
    }
    let watchdog = Watchdog::guard(jvm.id());
    let mut running = Running {
        jvm,
        port,
        watchdog,
    };

    loop {
        if let Ok(Some(status)) = running.jvm.try_wait() {
            return Err(LocalError::Exited {
                status: status.to_string(),
                output: tail.text(),
            });
        }
        if answers_http(port) {
            return Ok(running);
        }
        if Instant::now() >= deadline {
            // Dropping `running` stops the JVM.
            return Err(LocalError::NotReady {
                waited: ready_timeout,
                output: tail.text(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A port the operating system just handed out, released again for the JVM to bind.
fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// True once something on `port` answers an HTTP request with an HTTP status line; DynamoDB
/// Local only opens its port when it is ready to serve.
fn answers_http(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(250)) else {
        return false;
    };
    let request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/x-amz-json-1.0\r\n\
         X-Amz-Target: DynamoDB_20120810.ListTables\r\n\
         Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    );
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 8];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

/// The last lines a child process printed, collected by one thread per stream.
#[derive(Debug, Clone, Default)]
struct OutputTail(Arc<Mutex<VecDeque<String>>>);

impl OutputTail {
    fn follow(&self, stream: impl Read + Send + 'static) {
        let lines = Arc::clone(&self.0);
        // The thread ends when the JVM closes the stream, i.e. when it exits. Reading on keeps
        // the pipe drained so the JVM never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                let Ok(mut lines) = lines.lock() else { break };
                if lines.len() == TAIL_LINES {
                    lines.pop_front();
                }
                lines.push_back(line);
            }
        });
    }

    fn text(&self) -> String {
        // Give the reader threads a moment to pick up what a dying JVM printed last.
        std::thread::sleep(Duration::from_millis(200));
        match self.0.lock() {
            Ok(lines) => lines
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            Err(_) => String::new(),
        }
    }
}

/// A `sh` process that kills the JVM once its stdin reaches end of file. We hold the write end
/// of that pipe; the operating system closes it when our process ends for any reason, so the
/// JVM cannot outlive us even when we never get to run `Drop`.
#[derive(Debug)]
struct Watchdog {
    process: Child,
    pipe: Option<ChildStdin>,
}

/// `$1` is the JVM's pid. `read` returns non-zero at end of file, ending the loop.
const WATCHDOG_SCRIPT: &str = "while read -r _; do :; done; kill -9 \"$1\" 2>/dev/null";

impl Watchdog {
    #[cfg(unix)]
    fn guard(jvm_pid: u32) -> Option<Self> {
        let mut process = Command::new("sh")
            .args(["-c", WATCHDOG_SCRIPT, "dynamo-model-watchdog"])
            .arg(jvm_pid.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let pipe = process.stdin.take();
        Some(Watchdog { process, pipe })
    }

    /// Without `sh` the JVM is still stopped on drop, but not when the process is killed.
    #[cfg(not(unix))]
    fn guard(_jvm_pid: u32) -> Option<Self> {
        None
    }

    fn stop(mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        drop(self.pipe.take());
    }
}

#[cfg(test)]
mod tests {
    use super::java_major_version;

    #[test]
    fn reads_java_major_versions_of_both_schemes() {
        assert_eq!(
            java_major_version("openjdk version \"17.0.15\" 2025-04-15"),
            Some(17)
        );
        assert_eq!(java_major_version("java version \"1.8.0_292\""), Some(8));
        assert_eq!(
            java_major_version("openjdk version \"21\" 2023-09-19"),
            Some(21)
        );
        assert_eq!(java_major_version("no version here"), None);
    }
}
