//! Running the engine: start moto's server on a port the operating system picks, read that
//! port from the process's own start-up line, wait until it answers, keep the tail of its
//! output for error messages, and make sure it ends with us.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::LocalError;
use crate::install::Installed;
use crate::probe;

/// The Python program the engine runs: moto's server, which ends itself when its stdin closes.
const BOOTSTRAP: &str = include_str!("../engine/bootstrap.py");

/// How many lines of the engine's output are kept for error messages.
const TAIL_LINES: usize = 40;

/// How long a dropped engine gets to end itself before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// What the engine prints once it has bound its port: ` * Running on http://127.0.0.1:PORT`.
const START_UP_LINE: &str = "Running on http://127.0.0.1:";

/// A running engine. Dropping it stops the engine.
#[derive(Debug)]
pub(crate) struct Running {
    process: Child,
    /// The write end of the engine's stdin: the engine ends itself when this closes, which the
    /// operating system also does when our process ends in any way.
    lifeline: Option<ChildStdin>,
    port: u16,
}

impl Running {
    pub(crate) fn pid(&self) -> u32 {
        self.process.id()
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        drop(self.lifeline.take());
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            match self.process.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                _ => return,
            }
        }
        // Still ours and not yet reaped, so the pid cannot have been reused.
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Starts the installed engine and waits until it answers a DynamoDB request.
pub(crate) fn launch(
    installed: &Installed,
    ready_timeout: Duration,
) -> Result<Running, LocalError> {
    let deadline = Instant::now() + ready_timeout;
    let mut process = Command::new(&installed.python)
        // -I: no PYTHON* variables or user site-packages of the caller's leak into the engine;
        // -u: lines reach us as they are printed.
        .args(["-I", "-u", "-c", BOOTSTRAP])
        .current_dir(&installed.dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| LocalError::io("starting", &installed.python, &e))?;
    let lifeline = process.stdin.take();
    let tail = OutputTail::default();
    let (port_found, port_seen) = mpsc::channel();
    if let Some(stdout) = process.stdout.take() {
        tail.follow(stdout, port_found.clone());
    }
    if let Some(stderr) = process.stderr.take() {
        tail.follow(stderr, port_found);
    }
    let mut running = Running {
        process,
        lifeline,
        port: 0,
    };
    // Dropping `running` on any error below stops the engine.
    let not_ready = |tail: &OutputTail| LocalError::NotReady {
        waited: ready_timeout,
        output: tail.text(),
    };
    loop {
        if let Some(exited) = exited(&mut running.process, &tail) {
            return Err(exited);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match port_seen.recv_timeout(left.min(Duration::from_millis(50))) {
            Ok(port) => {
                running.port = port;
                break;
            }
            Err(RecvTimeoutError::Timeout) if left.is_zero() => return Err(not_ready(&tail)),
            Err(RecvTimeoutError::Timeout) => {}
            // Both streams closed: the engine is exiting; the next round reports how.
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    // The port came from this process's own output and the operating system gave it to this
    // process alone, so whatever answers there is our engine.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, running.port));
    loop {
        if let Some(exited) = exited(&mut running.process, &tail) {
            return Err(exited);
        }
        if probe::list_tables(addr, Duration::from_millis(500)).is_ok_and(|status| status == 200) {
            return Ok(running);
        }
        if Instant::now() >= deadline {
            return Err(not_ready(&tail));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn exited(process: &mut Child, tail: &OutputTail) -> Option<LocalError> {
    match process.try_wait() {
        Ok(Some(status)) => Some(LocalError::Exited {
            status: status.to_string(),
            output: tail.text(),
        }),
        _ => None,
    }
}

/// The port in an engine start-up line.
fn port_in(line: &str) -> Option<u16> {
    let rest = &line[line.find(START_UP_LINE)? + START_UP_LINE.len()..];
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..digits].parse().ok().filter(|&port| port != 0)
}

/// The last lines a child process printed, collected by one thread per stream.
#[derive(Debug, Clone, Default)]
struct OutputTail(Arc<Mutex<VecDeque<String>>>);

impl OutputTail {
    fn follow(&self, stream: impl Read + Send + 'static, port_found: Sender<u16>) {
        let lines = Arc::clone(&self.0);
        // The thread ends when the engine closes the stream, i.e. when it exits. Reading on
        // keeps the pipe drained so the engine never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(port) = port_in(&line) {
                    // The launcher may have given up waiting already; nothing to tell then.
                    let _ = port_found.send(port);
                }
                let Ok(mut lines) = lines.lock() else { break };
                if lines.len() == TAIL_LINES {
                    lines.pop_front();
                }
                lines.push_back(line);
            }
        });
    }

    fn text(&self) -> String {
        // Give the reader threads a moment to pick up what a dying engine printed last.
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

#[cfg(test)]
mod tests {
    use super::port_in;

    #[test]
    fn reads_the_port_from_the_start_up_line_only() {
        assert_eq!(port_in(" * Running on http://127.0.0.1:41234"), Some(41234));
        assert_eq!(
            port_in("\u{1b}[0m * Running on http://127.0.0.1:5000\u{1b}[0m"),
            Some(5000)
        );
        assert_eq!(port_in(" * Running on http://127.0.0.1:0"), None);
        assert_eq!(port_in("127.0.0.1 - - \"POST / HTTP/1.1\" 200 -"), None);
        assert_eq!(port_in(" * Running on http://10.0.0.1:5000"), None);
    }
}
