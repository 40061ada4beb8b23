//! Why the local engine could not be had.

use std::path::Path;
use std::time::Duration;

/// Why [`LocalEngine::start`](crate::LocalEngine::start) failed. Each message is one line
/// saying what went wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LocalError {
    /// `DYNAMO_MODEL_ENGINE` names no engine this crate knows.
    #[error(
        "DYNAMO_MODEL_ENGINE is `{value}`, which names no local engine: set it to `embedded` (the default) or `moto`, or unset it"
    )]
    UnknownEngine {
        /// The variable's value.
        value: String,
    },
    /// The embedded engine could not be served.
    #[error("the embedded DynamoDB engine could not start: {detail}")]
    Embedded {
        /// What failed.
        detail: String,
    },
    /// The engine in use cannot do what was asked of it.
    #[error(
        "{what} needs the embedded engine, and this is {engine}: use LocalEngine::memory() for the test that needs it"
    )]
    Unsupported {
        /// What was asked.
        what: &'static str,
        /// The engine in use.
        engine: &'static str,
    },
    /// No Python 3 to run moto with.
    #[error(
        "Python 3 was not found (`{program}`): install Python 3.10 or newer (for example `apt-get install python3 python3-venv`) to run the moto engine, or use the embedded engine, which needs no Python (unset DYNAMO_MODEL_ENGINE)"
    )]
    PythonMissing {
        /// The program that was looked for.
        program: String,
    },
    /// Python is there but older than moto supports.
    #[error(
        "the moto engine needs Python 3.10 or newer but `{program}` is Python {version}: install a newer Python 3, or use the embedded engine, which needs no Python (unset DYNAMO_MODEL_ENGINE)"
    )]
    PythonTooOld {
        /// The program that was run.
        program: String,
        /// Its version, e.g. `3.8`.
        version: String,
    },
    /// Python cannot make a virtual environment with pip in it.
    #[error(
        "`{program}` cannot create a virtual environment with pip ({detail}): install Python's venv support (Debian and Ubuntu: `apt-get install python3-venv`) to run the moto engine, or use the embedded engine, which needs no Python (unset DYNAMO_MODEL_ENGINE)"
    )]
    VenvMissing {
        /// The Python that was run.
        program: String,
        /// What is missing, as its output says.
        detail: String,
    },
    /// Installing the engine's packages failed.
    #[error("installing the moto engine failed: {detail}")]
    Install {
        /// What pip or the file system said.
        detail: String,
    },
    /// Neither `DYNAMO_MODEL_LOCAL_DIR` nor a user cache folder is known.
    #[error(
        "no folder to install the moto engine into: set DYNAMO_MODEL_LOCAL_DIR (or HOME) to a writable folder"
    )]
    NoCacheDir,
    /// The engine exited before it answered.
    #[error("the moto engine exited during start-up ({status}); its last output:\n{output}")]
    Exited {
        /// How it exited.
        status: String,
        /// The last lines it printed.
        output: String,
    },
    /// The engine did not answer in time.
    #[error("the moto engine did not answer within {waited:?}; its last output:\n{output}")]
    NotReady {
        /// How long we waited.
        waited: Duration,
        /// The last lines it printed.
        output: String,
    },
    /// `DYNAMODB_ENDPOINT` names an endpoint that does not answer.
    #[error(
        "DYNAMODB_ENDPOINT is `{endpoint}` but {reason}: start that DynamoDB, correct the variable, or unset it to have the local engine started"
    )]
    EndpointUnreachable {
        /// The endpoint, as the variable gives it.
        endpoint: String,
        /// What happened when we tried it.
        reason: String,
    },
    /// Faults were to be installed on a `Db` whose SDK client has no HTTP client to wrap (one
    /// made with `Db::new` from a client built without `http_client`).
    #[error(
        "faults cannot be injected: the Db's SDK client has no HTTP client to wrap; make the Db with Db::local or LocalEngine::db, or set http_client on its SDK config"
    )]
    NoHttpClient,
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
    pub(crate) fn io(action: &'static str, path: &Path, error: &std::io::Error) -> Self {
        LocalError::Io {
            action,
            path: path.display().to_string(),
            message: error.to_string(),
        }
    }
}

/// The last `count` lines of `text`, for error messages that quote a program's output.
pub(crate) fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}
