//! Starts the local engine the way a user's program would and reports what happened, so tests
//! can check the launcher from outside: with another PATH, or by killing this process.
//!
//! Prints `endpoint <url>`, `pid <engine pid or none>` and `engine <embedded, moto or none>` on
//! success, then waits for a line on
//! stdin (or its end) before exiting. On failure prints the error's message to stderr and exits
//! with status 2.
//!
//! With the argument `from-env` it instead builds a `Db` from the standard AWS configuration
//! chain and lists tables, printing `tables <count>`: a check that `Db::from_env` follows
//! `DYNAMODB_ENDPOINT`.

use std::io::BufRead;
use std::process::ExitCode;

use dynamo_model_local::LocalEngine;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("from-env") {
        return list_tables_from_env();
    }
    let local = match LocalEngine::start() {
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
    println!("engine {}", local.engine().map_or("none", |e| e.name()));
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    ExitCode::SUCCESS
}

fn list_tables_from_env() -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start a runtime: {error}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let db = dynamo_model::Db::from_env().await;
        match db.client().list_tables().send().await {
            Ok(output) => {
                println!("tables {}", output.table_names().len());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("ListTables failed: {error:?}");
                ExitCode::from(2)
            }
        }
    })
}
