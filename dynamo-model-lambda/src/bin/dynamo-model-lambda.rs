//! The local Lambda harness from the command line: see `dynamo_model_lambda::cli`.
//!
//! ```text
//! dynamo-model-lambda run --binary target/debug/examples/lambda_api --events examples/events/api \
//!     --memory 512 --timeout 3s --env DYNAMODB_ENDPOINT=http://127.0.0.1:8000 --json profile.json
//! ```

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let outcome = dynamo_model_lambda::cli::run(std::env::args().skip(1)).await;
    print!("{}", outcome.output);
    if !outcome.error.is_empty() {
        eprintln!("{}", outcome.error);
    }
    ExitCode::from(outcome.status)
}
