//! The tables command line with this repository's example models registered: the shop's shared
//! table (through any of its models) and the API's tasks.
//!
//! `cargo run -p examples --example infra -- plan` (then `apply`, `verify`, `export --format
//! yaml`). Without `--endpoint`, it starts a local engine for the run; give `--endpoint URL`,
//! or nothing and `--region` with your AWS configuration for a real account.

use std::process::ExitCode;

use dynamo_model::cli::App;
use dynamo_model_local::LocalEngine;

fn main() -> ExitCode {
    let app = App::new("infra")
        .model::<examples::shop::Customer>()
        .model::<examples::api::Task>();
    let mut args: Vec<String> = std::env::args().collect();
    let exporting = args.iter().any(|a| a == "export");
    let engine = if args.iter().any(|a| a == "--endpoint" || a == "--region") || exporting {
        None
    } else {
        match LocalEngine::start() {
            Ok(engine) => Some(engine),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(3);
            }
        }
    };
    if let Some(engine) = &engine {
        args.splice(
            1..1,
            ["--endpoint".to_owned(), engine.endpoint().to_owned()],
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let Ok(runtime) = runtime else {
        eprintln!("error: could not start an async runtime");
        return ExitCode::from(3);
    };
    let outcome = runtime.block_on(app.run_with(args));
    print!("{}", outcome.output);
    if let Some(error) = &outcome.error {
        eprintln!("error: {error}");
    }
    ExitCode::from(outcome.status)
}
