//! Starts DynamoDB Local the way a user's program would and reports what happened, so tests can
//! check the launcher from outside: with another PATH, or by killing this process.
//!
//! Prints `endpoint <url>` and `pid <jvm pid or none>` on success, then waits for a line on
//! stdin (or its end) before exiting. On failure prints the error's message to stderr and exits
//! with status 2.

use std::io::BufRead;
use std::process::ExitCode;

use dynamo_model::local::LocalDynamoDb;

fn main() -> ExitCode {
    let local = match LocalDynamoDb::start() {
        Ok(local) => local,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    println!("endpoint {}", local.endpoint());
    match local.pid() {
        Some(pid) => println!("pid {pid}"),
        None => println!("pid none"),
    }
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    ExitCode::SUCCESS
}
