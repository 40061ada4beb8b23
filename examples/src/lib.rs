//! Runnable examples of dynamo-model live in `examples/`; run one with
//! `cargo run -p examples --example quickstart`. Each starts the local engine of
//! `dynamo-model-local` (the embedded engine, or moto with `DYNAMO_MODEL_ENGINE=moto`), or uses
//! `DYNAMODB_ENDPOINT` when it is set.

use std::error::Error;
use std::process::ExitCode;

/// Turns an example's outcome into its exit status, printing a failure with every cause
/// below it (a refused connection, a throttled request, a missing Python).
pub fn report(example: &str, outcome: Result<(), Box<dyn Error>>) -> ExitCode {
    let Err(error) = outcome else {
        return ExitCode::SUCCESS;
    };
    eprintln!("{example} failed: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        eprintln!("  caused by: {cause}");
        source = cause.source();
    }
    ExitCode::FAILURE
}

pub mod api;
pub mod evolution;
pub mod feed;
pub mod shop;
