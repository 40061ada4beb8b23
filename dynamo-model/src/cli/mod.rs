//! The tables command line, in your own binary: models are Rust types, so the command that
//! exports, plans, applies and verifies their tables is a small entry point your `xtask` (or a
//! `bin` of your service) calls with the models registered.
//!
//! ```no_run
//! use dynamo_model::prelude::*;
//!
//! #[derive(Model)]
//! #[dynamo(table = "orders")]
//! struct Order {
//!     #[dynamo(partition_key)]
//!     id: String,
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     dynamo_model::cli::App::new("tables").model::<Order>().run()
//! }
//! ```
//!
//! `tables export --format yaml`, `tables plan`, `tables apply`, `tables verify`, and with
//! migrations registered (`App::migrations`) `tables migrate status|run|dry-run|verify|down|
//! maintenance`, each with `--endpoint URL` (a local engine), `--region`, `--table-prefix` and
//! `--json`. The exit
//! status: `0` done (or nothing to do), `1` a difference (`verify`) or a change that cannot be
//! made in place (`plan`), `2` changes to apply (`plan`), `3` an error, said in one sentence.

#[cfg(not(any(feature = "rustls-ring", feature = "rustls-aws-lc")))]
compile_error!(
    "the `cli` feature needs an HTTPS client for its `Db`: keep the default `rustls-ring` feature, or turn on `rustls-aws-lc`"
);

mod command;
mod migrate;
mod tables;

use std::process::ExitCode;

use crate::model::Model;

use tables::Registered;

/// Exit statuses: done, a difference or a blocked change, changes to apply, an error.
const DONE: u8 = 0;
const DIFFERS: u8 = 1;
const CHANGES: u8 = 2;
const ERROR: u8 = 3;

/// What a run of the command line gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The exit status: `0` done, `1` a difference or a change that cannot be made in place,
    /// `2` changes to apply (`plan`), `3` an error.
    pub status: u8,
    /// What it printed to stdout.
    pub output: String,
    /// The error, as one sentence, when it failed.
    pub error: Option<String>,
}

/// The tables command line, with the models whose tables it knows.
pub struct App {
    name: String,
    tables: Vec<Registered>,
    migrations: crate::migrate::Migrations,
}

impl App {
    /// A command line named `name` (for its help) that knows no table yet.
    pub fn new(name: impl Into<String>) -> Self {
        App {
            name: name.into(),
            tables: Vec::new(),
            migrations: crate::migrate::Migrations::new(),
        }
    }

    /// Registers the migrations that `migrate status`, `run`, `dry-run`, `verify`, `down` and
    /// `maintenance` work on (see `docs/migrations.md`).
    pub fn migrations(mut self, migrations: crate::migrate::Migrations) -> Self {
        self.migrations = migrations;
        self
    }

    /// Registers model `M`'s table. For a shared table, register any model stored in it: the
    /// table is known once, with every global index it declares.
    pub fn model<M: Model + Send + Sync + 'static>(mut self) -> Self {
        if !self.tables.iter().any(|t| t.table == M::SCHEMA.table) {
            self.tables.push(Registered::of::<M>());
        }
        self
    }

    /// Runs the command line on the program's arguments, printing to stdout and stderr, and
    /// gives the exit status. Starts a runtime of its own; from async code, use
    /// [`run_with`](App::run_with).
    pub fn run(self) -> ExitCode {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        let outcome = match runtime {
            Ok(runtime) => runtime.block_on(self.run_with(std::env::args())),
            Err(error) => Outcome {
                status: ERROR,
                output: String::new(),
                error: Some(format!("could not start an async runtime: {error}")),
            },
        };
        print!("{}", outcome.output);
        if let Some(error) = &outcome.error {
            eprintln!("error: {error}");
        }
        ExitCode::from(outcome.status)
    }

    /// Runs the command line on `args` (the program's name first) and gives what it printed
    /// and its exit status. Help and usage errors are printed by the parser, as usual.
    pub async fn run_with<I, S>(&self, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: Into<std::ffi::OsString> + Clone,
    {
        let mut output = String::new();
        let (status, error) = match command::Command::parse(&self.name, args) {
            Ok(command) => match command
                .run(&self.tables, &self.migrations, &mut output)
                .await
            {
                Ok(status) => (status, None),
                Err(error) => (ERROR, Some(error.to_string())),
            },
            Err(status) => (status, None),
        };
        Outcome {
            status,
            output,
            error,
        }
    }
}
