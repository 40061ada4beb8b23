//! # dynamo-model-local
//!
//! A real DynamoDB for your tests and examples, started for you: [`LocalEngine::start`]
//! installs [moto](https://github.com/getmoto/moto)'s DynamoDB server (open source,
//! Apache-2.0) on first use into a virtual environment in your cache folder, with every Python
//! package pinned by a list shipped in this crate, starts it on a free loopback port, waits
//! until it answers, and stops it when the handle is dropped or your process ends. When
//! `DYNAMODB_ENDPOINT` is set it starts nothing and uses that endpoint instead (DynamoDB Local,
//! LocalStack, AWS itself), after checking that it answers.
//!
//! Add it as a dev-dependency; the `dynamo-model` crate itself holds none of this.
//!
//! ```toml
//! [dev-dependencies]
//! dynamo-model-local = "0.1"
//! ```
//!
//! ```no_run
//! use dynamo_model_local::LocalEngine;
//!
//! let engine = LocalEngine::start()?; // the first run installs the engine (seconds)
//! let db = engine.db();               // a dynamo_model::Db with fixed local credentials
//! // ... use `db` ...
//! drop(engine);                       // stops the engine
//! # Ok::<(), dynamo_model_local::LocalError>(())
//! ```
//!
//! What it needs: Python 3.10 or newer with its `venv` module (Debian and Ubuntu package that
//! as `python3-venv`), and the Python package index once, for the first install. Each missing
//! piece is an error of one sentence saying what to install. The guide's `docs/testing.md`
//! says how to test your own code on it and what the engine does not emulate.

#![warn(missing_docs)]

mod engine;
mod error;
mod faults;
mod install;
mod probe;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use dynamo_model::Db;
use dynamo_model::db::ENDPOINT_ENV;

pub use error::LocalError;
pub use faults::{FaultLog, Faults};
pub use install::{LOCAL_DIR_ENV, MOTO_VERSION};

use engine::Running;

/// How long [`LocalEngine::start`] waits for the engine to answer by default.
pub const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long [`LocalEngine::start`] waits for `DYNAMODB_ENDPOINT` to answer by default.
pub const DEFAULT_ENDPOINT_TIMEOUT: Duration = Duration::from_secs(5);

/// A local DynamoDB for this process: either an engine we started, or the endpoint that
/// `DYNAMODB_ENDPOINT` names. Dropping it stops the engine we started.
#[derive(Debug)]
pub struct LocalEngine {
    endpoint: String,
    running: Option<Running>,
}

impl LocalEngine {
    /// Starts the engine with the default options (see [`LocalOptions`]), or uses
    /// `DYNAMODB_ENDPOINT` when it is set. Blocks the calling thread until the engine answers.
    pub fn start() -> Result<Self, LocalError> {
        LocalOptions::new().start()
    }

    /// One engine shared by the whole process, started on first call; later calls get the
    /// same instance (or the same error). Meant for test binaries: every test makes its own
    /// [`Db`] from it with [`db`](Self::db) and its own table names.
    ///
    /// It stops when the process ends (statics are never dropped, but the engine watches a
    /// pipe from this process and ends itself when the pipe closes).
    pub fn shared() -> Result<&'static LocalEngine, LocalError> {
        static SHARED: OnceLock<Result<LocalEngine, LocalError>> = OnceLock::new();
        SHARED
            .get_or_init(LocalEngine::start)
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

    /// The engine's process id, or `None` when `DYNAMODB_ENDPOINT` was used.
    pub fn pid(&self) -> Option<u32> {
        self.running.as_ref().map(Running::pid)
    }
}

/// How to start the engine; [`LocalEngine::start`] uses the defaults.
///
/// ```no_run
/// use std::time::Duration;
/// use dynamo_model_local::LocalOptions;
///
/// let engine = LocalOptions::new()
///     .install_dir("/tmp/dynamo-model-engine")
///     .ready_timeout(Duration::from_secs(30))
///     .start()?;
/// # Ok::<(), dynamo_model_local::LocalError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LocalOptions {
    python: OsString,
    install_dir: Option<PathBuf>,
    ready_timeout: Duration,
    endpoint_timeout: Duration,
    use_endpoint_env: bool,
}

impl Default for LocalOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl LocalOptions {
    /// The defaults: `python3` from `PATH` (`python` on Windows), the install folder from
    /// `DYNAMO_MODEL_LOCAL_DIR` or the user's cache folder, a 60-second start-up limit, and
    /// `DYNAMODB_ENDPOINT` honoured, checked within 5 seconds.
    pub fn new() -> Self {
        LocalOptions {
            python: OsString::from(if cfg!(windows) { "python" } else { "python3" }),
            install_dir: None,
            ready_timeout: DEFAULT_READY_TIMEOUT,
            endpoint_timeout: DEFAULT_ENDPOINT_TIMEOUT,
            use_endpoint_env: true,
        }
    }

    /// The Python 3 that makes the engine's virtual environment (a name looked up in `PATH`,
    /// or a path). Each start asks it for its version, which names the environment to use;
    /// the engine then runs on the environment's own Python.
    pub fn python(mut self, program: impl Into<OsString>) -> Self {
        self.python = program.into();
        self
    }

    /// The folder the engine is installed into and reused from.
    pub fn install_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.install_dir = Some(dir.into());
        self
    }

    /// How long to wait for the engine to answer before failing with
    /// [`LocalError::NotReady`]. The first install is not counted.
    pub fn ready_timeout(mut self, timeout: Duration) -> Self {
        self.ready_timeout = timeout;
        self
    }

    /// How long to wait for `DYNAMODB_ENDPOINT` to answer before failing with
    /// [`LocalError::EndpointUnreachable`].
    pub fn endpoint_timeout(mut self, timeout: Duration) -> Self {
        self.endpoint_timeout = timeout;
        self
    }

    /// Whether a set `DYNAMODB_ENDPOINT` replaces starting the engine (default `true`).
    pub fn use_endpoint_env(mut self, use_it: bool) -> Self {
        self.use_endpoint_env = use_it;
        self
    }

    /// Starts the engine (or checks and uses `DYNAMODB_ENDPOINT`), blocking until it answers.
    pub fn start(self) -> Result<LocalEngine, LocalError> {
        if self.use_endpoint_env
            && let Some(endpoint) = std::env::var(ENDPOINT_ENV).ok().filter(|e| !e.is_empty())
        {
            probe::check_endpoint(&endpoint, self.endpoint_timeout)?;
            return Ok(LocalEngine {
                endpoint,
                running: None,
            });
        }
        let root = match &self.install_dir {
            Some(dir) => dir.clone(),
            None => install::default_install_root()?,
        };
        let installed = install::ensure_installed(&root, &self.python)?;
        let running = engine::launch(&installed, self.ready_timeout)?;
        Ok(LocalEngine {
            endpoint: format!("http://127.0.0.1:{}", running.port()),
            running: Some(running),
        })
    }
}

/// Compiles the guide's testing page as doctests.
#[cfg(doctest)]
mod guide_doctests {
    #[doc = include_str!("../../docs/testing.md")]
    struct Testing;
}
