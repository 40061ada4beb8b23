//! # dynamo-model-local
//!
//! A real DynamoDB for your tests and examples, started for you, with nothing to install but
//! Rust. [`LocalEngine::start`] serves an in-memory database from inside your process on a free
//! loopback port: the **embedded engine**, [Dynoxide](https://github.com/nubo-db/dynoxide)
//! (MIT OR Apache-2.0), a DynamoDB written in Rust on SQLite. It starts in milliseconds, needs
//! no child process, and ends with your process, whatever way that ends.
//!
//! Two other engines, chosen explicitly:
//! - **moto** ([`Engine::Moto`], or `DYNAMO_MODEL_ENGINE=moto` in the environment): moto's
//!   DynamoDB server (Apache-2.0, Python), installed on first use into a virtual environment in
//!   your cache folder with every Python package pinned by a list shipped in this crate, and
//!   started as a child process that ends with yours. It needs Python 3.10 or newer with its
//!   `venv` module; each missing piece is an error of one sentence saying what to install.
//!   Running a suite on a second engine shows that what passes does not rest on one emulator's
//!   quirks.
//! - **any DynamoDB you run**: when `DYNAMODB_ENDPOINT` is set, nothing is started and the
//!   handle uses that endpoint (DynamoDB Local, LocalStack, AWS itself), after checking that it
//!   answers.
//!
//! Add it as a dev-dependency for tests (a dependency for a runnable demo); the `dynamo-model`
//! crate itself holds none of this.
//!
//! ```toml
//! [dev-dependencies]
//! dynamo-model-local = "0.1"
//! ```
//!
//! ```no_run
//! use dynamo_model_local::LocalEngine;
//!
//! let engine = LocalEngine::start()?; // the embedded engine, unless the environment says otherwise
//! let db = engine.db();               // a dynamo_model::Db with fixed local credentials
//! // ... use `db` ...
//! drop(engine);                       // stops the engine
//! # Ok::<(), dynamo_model_local::LocalError>(())
//! ```
//!
//! The guide's `docs/testing.md` says how to test your own code on it and what each engine
//! does not emulate.

#![warn(missing_docs)]

mod embedded;
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

use embedded::Embedded;
use engine::Running;

/// How long [`LocalEngine::start`] waits for moto to answer by default.
pub const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long [`LocalEngine::start`] waits for `DYNAMODB_ENDPOINT` to answer by default.
pub const DEFAULT_ENDPOINT_TIMEOUT: Duration = Duration::from_secs(5);

/// The environment variable that chooses the engine [`LocalEngine::start`] and
/// [`LocalEngine::shared`] start: `embedded` (the default) or `moto`.
pub const ENGINE_ENV: &str = "DYNAMO_MODEL_ENGINE";

/// The engines this crate can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Dynoxide, served from inside this process on an in-memory SQLite database: nothing to
    /// install, started in milliseconds. The default.
    Embedded,
    /// moto's DynamoDB server, a Python child process installed on first use.
    Moto,
}

impl Engine {
    /// The engine `DYNAMO_MODEL_ENGINE` names (`embedded` or `moto`, in any case), or
    /// [`Engine::Embedded`] when it is unset or empty.
    pub fn from_env() -> Result<Engine, LocalError> {
        match std::env::var(ENGINE_ENV) {
            Ok(value) => value.parse(),
            Err(_) => Ok(Engine::Embedded),
        }
    }

    /// The name `DYNAMO_MODEL_ENGINE` gives it: `embedded` or `moto`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Embedded => "embedded",
            Engine::Moto => "moto",
        }
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Engine {
    type Err = LocalError;

    /// `embedded` (or its engine's name, `dynoxide`), `moto`, in any case; empty is the default.
    fn from_str(value: &str) -> Result<Engine, LocalError> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "embedded" | "dynoxide" => Ok(Engine::Embedded),
            "moto" => Ok(Engine::Moto),
            _ => Err(LocalError::UnknownEngine {
                value: value.to_owned(),
            }),
        }
    }
}

/// A local DynamoDB for this process: an engine we started, or the endpoint that
/// `DYNAMODB_ENDPOINT` names. Dropping it stops the engine we started.
#[derive(Debug)]
pub struct LocalEngine {
    endpoint: String,
    running: Backend,
}

/// What a [`LocalEngine`] holds on to.
#[derive(Debug)]
enum Backend {
    Embedded(Embedded),
    Moto(Running),
    /// `DYNAMODB_ENDPOINT`: started by someone else, so nothing to stop.
    Endpoint,
}

impl LocalEngine {
    /// Starts the engine with the default options (see [`LocalOptions`]): the embedded engine,
    /// or the one `DYNAMO_MODEL_ENGINE` names, or none when `DYNAMODB_ENDPOINT` is set.
    /// Blocks the calling thread until the engine answers (moto takes about a second; the
    /// embedded engine listens before this returns).
    pub fn start() -> Result<Self, LocalError> {
        LocalOptions::new().start()
    }

    /// A new, empty in-memory database on the embedded engine, whatever the environment says:
    /// a test that takes one sees no other test's tables and needs no table prefix. It is
    /// freed when the handle is dropped.
    ///
    /// Tests meant to run on every engine (`DYNAMO_MODEL_ENGINE=moto`, `DYNAMODB_ENDPOINT`)
    /// use [`shared`](Self::shared) with a table prefix instead.
    ///
    /// ```no_run
    /// use dynamo_model_local::LocalEngine;
    ///
    /// let engine = LocalEngine::memory()?;
    /// let db = engine.db(); // tables of this handle's own
    /// # Ok::<(), dynamo_model_local::LocalError>(())
    /// ```
    pub fn memory() -> Result<Self, LocalError> {
        LocalOptions::new()
            .engine(Engine::Embedded)
            .use_endpoint_env(false)
            .start()
    }

    /// moto's server, whatever `DYNAMO_MODEL_ENGINE` says (but `DYNAMODB_ENDPOINT` still
    /// wins): [`LocalOptions::new`]`.engine(Engine::Moto).start()`.
    pub fn moto() -> Result<Self, LocalError> {
        LocalOptions::new().engine(Engine::Moto).start()
    }

    /// One engine shared by the whole process, started on first call with the default options;
    /// later calls get the same instance (or the same error). Meant for test binaries: every
    /// test makes its own [`Db`] from it with [`db`](Self::db) and its own table names.
    ///
    /// It stops when the process ends (statics are never dropped: the embedded engine is a
    /// thread of this process, and moto watches a pipe from this process and ends itself when
    /// the pipe closes).
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

    /// The engine this handle started, or `None` when it uses `DYNAMODB_ENDPOINT`.
    pub fn engine(&self) -> Option<Engine> {
        match self.running {
            Backend::Embedded(_) => Some(Engine::Embedded),
            Backend::Moto(_) => Some(Engine::Moto),
            Backend::Endpoint => None,
        }
    }

    /// Deletes, now, the items whose time to live has passed, in every table of this engine that
    /// has time to live enabled, and returns how many: what DynamoDB does in the background,
    /// usually within a few days of expiry, so that a test of code that depends on it (a stream
    /// handler seeing the service's deletions, say) need not wait. The deletions are written to
    /// the tables' streams as DynamoDB writes them, by the service.
    ///
    /// The embedded engine only: moto never deletes expired items, and an engine named by
    /// `DYNAMODB_ENDPOINT` is not this crate's to drive; both are [`LocalError::Unsupported`].
    ///
    /// ```no_run
    /// use dynamo_model_local::LocalEngine;
    ///
    /// let engine = LocalEngine::memory()?;
    /// // ... write items whose time to live is in the past ...
    /// let deleted = engine.sweep_ttl()?;
    /// # Ok::<(), dynamo_model_local::LocalError>(())
    /// ```
    pub fn sweep_ttl(&self) -> Result<usize, LocalError> {
        match &self.running {
            Backend::Embedded(embedded) => embedded.sweep_ttl(),
            Backend::Moto(_) => Err(LocalError::Unsupported {
                what: "deleting expired items",
                engine: "moto",
            }),
            Backend::Endpoint => Err(LocalError::Unsupported {
                what: "deleting expired items",
                engine: "an engine named by DYNAMODB_ENDPOINT",
            }),
        }
    }

    /// The engine's process id when it runs in a process of its own (moto); `None` for the
    /// embedded engine, which runs in this process, and for `DYNAMODB_ENDPOINT`.
    pub fn pid(&self) -> Option<u32> {
        match &self.running {
            Backend::Moto(running) => Some(running.pid()),
            Backend::Embedded(_) | Backend::Endpoint => None,
        }
    }
}

/// How to start the engine; [`LocalEngine::start`] uses the defaults.
///
/// ```no_run
/// use std::time::Duration;
/// use dynamo_model_local::{Engine, LocalOptions};
///
/// let engine = LocalOptions::new()
///     .engine(Engine::Moto)
///     .install_dir("/tmp/dynamo-model-engine")
///     .ready_timeout(Duration::from_secs(30))
///     .start()?;
/// # Ok::<(), dynamo_model_local::LocalError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LocalOptions {
    engine: Option<Engine>,
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
    /// The defaults: the engine `DYNAMO_MODEL_ENGINE` names, else the embedded one; for moto,
    /// `python3` from `PATH` (`python` on Windows), the install folder from
    /// `DYNAMO_MODEL_LOCAL_DIR` or the user's cache folder and a 60-second start-up limit; and
    /// `DYNAMODB_ENDPOINT` honoured, checked within 5 seconds.
    pub fn new() -> Self {
        LocalOptions {
            engine: None,
            python: OsString::from(if cfg!(windows) { "python" } else { "python3" }),
            install_dir: None,
            ready_timeout: DEFAULT_READY_TIMEOUT,
            endpoint_timeout: DEFAULT_ENDPOINT_TIMEOUT,
            use_endpoint_env: true,
        }
    }

    /// The engine to start, instead of the one `DYNAMO_MODEL_ENGINE` names.
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = Some(engine);
        self
    }

    /// moto: the Python 3 that makes the engine's virtual environment (a name looked up in
    /// `PATH`, or a path). Each start asks it for its version, which names the environment to
    /// use; the engine then runs on the environment's own Python.
    pub fn python(mut self, program: impl Into<OsString>) -> Self {
        self.python = program.into();
        self
    }

    /// moto: the folder the engine is installed into and reused from.
    pub fn install_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.install_dir = Some(dir.into());
        self
    }

    /// moto: how long to wait for the engine to answer before failing with
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
                running: Backend::Endpoint,
            });
        }
        let engine = match self.engine {
            Some(engine) => engine,
            None => Engine::from_env()?,
        };
        let (port, running) = match engine {
            Engine::Embedded => {
                let embedded = embedded::serve_new_database()?;
                (embedded.port(), Backend::Embedded(embedded))
            }
            Engine::Moto => {
                let root = match &self.install_dir {
                    Some(dir) => dir.clone(),
                    None => install::default_install_root()?,
                };
                let installed = install::ensure_installed(&root, &self.python)?;
                let running = engine::launch(&installed, self.ready_timeout)?;
                (running.port(), Backend::Moto(running))
            }
        };
        Ok(LocalEngine {
            endpoint: format!("http://127.0.0.1:{port}"),
            running,
        })
    }
}

/// Compiles the guide's testing page as doctests.
#[cfg(doctest)]
mod guide_doctests {
    #[doc = include_str!("../../docs/testing.md")]
    struct Testing;
}
