//! The embedded engine: Dynoxide's DynamoDB HTTP server on an in-memory SQLite database,
//! served from inside this process on a loopback port the operating system picks.
//!
//! Every embedded engine of the process is a task on one small runtime of this crate's own, so
//! that an engine outlives the async runtime of the test that started it (each `#[tokio::test]`
//! has its own, dropped when the test ends) and works from synchronous code. Being threads of
//! this process, the engines end with it whatever way it ends: nothing is left running.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::OnceLock;

use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use crate::error::LocalError;

/// Threads serving every embedded engine of the process. SQLite work is serialised per
/// database, so two threads keep one engine busy while another answers.
const WORKER_THREADS: usize = 2;

/// An embedded engine being served. Dropping it stops the server: it accepts no new
/// connection, finishes the requests under way, and frees the database.
pub(crate) struct Embedded {
    port: u16,
    stop: Option<oneshot::Sender<()>>,
    /// The served database, shared with the server, for what the API cannot ask of it.
    database: dynoxide::Database,
}

impl std::fmt::Debug for Embedded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedded")
            .field("port", &self.port)
            .finish()
    }
}

impl Embedded {
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Deletes the items whose time to live has passed, in every table that has it enabled, as
    /// DynamoDB's background process does; returns how many.
    pub(crate) fn sweep_ttl(&self) -> Result<usize, LocalError> {
        self.database.sweep_ttl().map_err(|e| LocalError::Embedded {
            detail: format!("the time-to-live sweep failed: {e}"),
        })
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may have ended already (its runtime failed); nothing to stop then.
            let _ = stop.send(());
        }
    }
}

/// Starts a new, empty in-memory database and serves it on a free loopback port. The port is
/// listening when this returns, so a request sent at once is answered.
pub(crate) fn serve_new_database() -> Result<Embedded, LocalError> {
    let database = dynoxide::Database::memory().map_err(|e| LocalError::Embedded {
        detail: format!("cannot open an in-memory database: {e}"),
    })?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
        .map_err(|e| LocalError::Embedded {
            detail: format!("cannot listen on a loopback port: {e}"),
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| LocalError::Embedded {
            detail: format!("cannot read the port it listens on: {e}"),
        })?
        .port();
    let runtime = runtime()?;
    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(|e| LocalError::Embedded {
            detail: format!("cannot serve on port {port}: {e}"),
        })?
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let served = database.clone();
    runtime.spawn(async move {
        // A dropped sender stops the server as a sent signal does.
        let shutdown = async move {
            let _ = stopped.await;
        };
        // The server only fails on an I/O error of its listener; the clients see that as a
        // refused connection, which names this endpoint.
        let _ = dynoxide::server::serve_with_shutdown(listener, served, shutdown).await;
    });
    Ok(Embedded {
        port,
        stop: Some(stop),
        database,
    })
}

/// The runtime every embedded engine runs on, made on first use.
fn runtime() -> Result<&'static Runtime, LocalError> {
    static RUNTIME: OnceLock<Result<Runtime, LocalError>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(WORKER_THREADS)
                .thread_name("dynamo-model-local")
                .enable_io()
                .build()
                .map_err(|e| LocalError::Embedded {
                    detail: format!("cannot start the threads that serve it: {e}"),
                })
        })
        .as_ref()
        .map_err(Clone::clone)
}
