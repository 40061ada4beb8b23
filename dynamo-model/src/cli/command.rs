//! Parsing the command line and running its command on the registered tables.

use std::ffi::OsString;

use clap::{Arg, ArgAction, ArgMatches, Command as Clap};
use serde_json::{Value, json};

use super::tables::Registered;
use crate::db::Db;
use crate::error::Error;
use crate::migrate::Migrations;
use crate::table::{cloudformation_template, to_yaml};

use super::{CHANGES, DIFFERS, DONE, ERROR};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A CloudFormation template as YAML (the default).
    Yaml,
    /// A CloudFormation template as JSON.
    Json,
    /// Terraform JSON (`.tf.json`).
    Terraform,
}

/// A parsed command line.
pub(super) struct Command {
    matches: ArgMatches,
}

fn clap(name: &str) -> Clap {
    let global = |id: &'static str, help: &'static str| {
        Arg::new(id)
            .long(id)
            .global(true)
            .value_name("VALUE")
            .help(help)
    };
    let format = Arg::new("format")
        .long("format")
        .value_parser(["yaml", "json", "terraform"])
        .default_value("yaml")
        .help("a CloudFormation template as YAML or JSON, or Terraform JSON");
    Clap::new("tables")
        .bin_name(name.to_owned())
        .about("Exports, plans, applies and verifies the DynamoDB tables of the registered models, and runs their migrations")
        .subcommand_required(true)
        .arg(global(
            "endpoint",
            "a local engine's endpoint (otherwise the AWS configuration)",
        ))
        .arg(global(
            "region",
            "the AWS region (otherwise the AWS configuration's)",
        ))
        .arg(global("table-prefix", "the prefix of every table name"))
        .arg(
            Arg::new("json")
                .long("json")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("machine-readable output"),
        )
        .subcommand(
            Clap::new("export")
                .about("prints the tables as infrastructure code")
                .arg(format),
        )
        .subcommand(Clap::new("plan").about(
            "says what apply would change; exits 2 for changes, 1 for changes it cannot make",
        ))
        .subcommand(
            Clap::new("apply").about("brings each table to its model, waiting for new indexes"),
        )
        .subcommand(
            Clap::new("verify")
                .about("compares each table with its model; exits 1 on a difference"),
        )
        .subcommand(super::migrate::command())
}

impl Command {
    /// The command of `args`; `Err` with the exit status when clap printed help, the version
    /// or a usage error instead.
    pub(super) fn parse<I, S>(name: &str, args: I) -> Result<Self, u8>
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString> + Clone,
    {
        match clap(name).try_get_matches_from(args) {
            Ok(matches) => Ok(Command { matches }),
            Err(error) => {
                let _ = error.print();
                Err(if error.use_stderr() { ERROR } else { DONE })
            }
        }
    }

    fn text(&self, id: &str) -> Option<String> {
        self.matches.get_one::<String>(id).cloned()
    }

    async fn db(&self) -> Db {
        let db = match self.text("endpoint") {
            Some(endpoint) => Db::local(endpoint),
            None => Db::from_env().await,
        };
        let db = match self.text("region") {
            Some(region) => db.with_sdk_config(|config| {
                config.region(aws_sdk_dynamodb::config::Region::new(region))
            }),
            None => db,
        };
        match self.text("table-prefix") {
            Some(prefix) => db.with_table_prefix(prefix),
            None => db,
        }
    }

    /// Runs the command, writing what it prints to `out`; gives the exit status, or the error
    /// as one sentence.
    pub(super) async fn run(
        &self,
        tables: &[Registered],
        migrations: &Migrations,
        out: &mut String,
    ) -> Result<u8, String> {
        let json = self.matches.get_flag("json");
        let done = match self.matches.subcommand() {
            Some(("export", args)) => {
                let format = match args.get_one::<String>("format").map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("terraform") => Format::Terraform,
                    _ => Format::Yaml,
                };
                let prefix = self.text("table-prefix").unwrap_or_default();
                out.push_str(&export(tables, format, &prefix)?);
                Ok(DONE)
            }
            Some(("plan", _)) => plan(tables, &self.db().await, json, out).await,
            Some(("apply", _)) => apply(tables, &self.db().await, json, out).await,
            Some(("verify", _)) => verify(tables, &self.db().await, json, out).await,
            Some(("migrate", args)) => {
                super::migrate::run(args, migrations, &self.db().await, json, out).await
            }
            _ => Ok(ERROR),
        };
        done.map_err(|error: Error| error.to_string())
    }
}

/// Every table as one document of `format`, each table named with `prefix`.
fn export(tables: &[Registered], format: Format, prefix: &str) -> Result<String, String> {
    let definitions: Vec<_> = tables
        .iter()
        .map(|t| (t, (t.definition)().named(format!("{prefix}{}", t.table))))
        .collect();
    if format == Format::Terraform {
        let mut resources = serde_json::Map::new();
        for (table, definition) in &definitions {
            let document = definition
                .terraform(&table.resource_name())
                .map_err(|e| format!("table {}: {e}", definition.name()))?;
            if let Some(one) = document["resource"]["aws_dynamodb_table"].as_object() {
                resources.extend(one.clone());
            }
        }
        let document = json!({ "resource": { "aws_dynamodb_table": resources } });
        return Ok(format!("{document:#}\n"));
    }
    let ids: Vec<String> = definitions.iter().map(|(t, _)| t.logical_id()).collect();
    let pairs: Vec<_> = ids
        .iter()
        .zip(&definitions)
        .map(|(id, (_, definition))| (id.as_str(), definition))
        .collect();
    let template = cloudformation_template(&pairs);
    Ok(match format {
        Format::Json => format!("{template:#}\n"),
        _ => to_yaml(&template),
    })
}

async fn plan(tables: &[Registered], db: &Db, json: bool, out: &mut String) -> Result<u8, Error> {
    let mut status = DONE;
    let mut report = Vec::new();
    for table in tables {
        let plan = (table.plan)(db).await?;
        status = worst(status, plan.exit_code() as u8);
        if json {
            let lines: Vec<String> = plan.to_string().lines().map(str::to_owned).collect();
            report.push(json!({ "table": plan.table, "steps": lines, "status": plan.exit_code() }));
        } else {
            out.push_str(&format!("{}:\n", plan.table));
            for line in plan.to_string().lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    if json {
        out.push_str(&format!("{:#}\n", Value::Array(report)));
    }
    Ok(status)
}

async fn apply(tables: &[Registered], db: &Db, json: bool, out: &mut String) -> Result<u8, Error> {
    let mut report = Vec::new();
    for table in tables {
        let synced = (table.apply)(db).await?;
        let name = db.table_name(table.table);
        let mut done: Vec<String> = Vec::new();
        if synced.created {
            done.push(format!("+ table {name}"));
        }
        done.extend(synced.added_indexes.iter().map(|i| format!("+ index {i}")));
        done.extend(synced.changed_settings.iter().map(|s| format!("~ {s}")));
        done.extend(
            synced
                .missing_local_indexes
                .iter()
                .map(|i| format!("! local index {i} needs a new table")),
        );
        if json {
            report.push(json!({ "table": name, "done": done }));
        } else {
            out.push_str(&format!("{name}:\n"));
            if done.is_empty() {
                out.push_str("  = nothing to do\n");
            }
            for line in done {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    if json {
        out.push_str(&format!("{:#}\n", Value::Array(report)));
    }
    Ok(DONE)
}

async fn verify(tables: &[Registered], db: &Db, json: bool, out: &mut String) -> Result<u8, Error> {
    let mut status = DONE;
    let mut report = Vec::new();
    for table in tables {
        let differences = (table.verify)(db).await?;
        let name = db.table_name(table.table);
        if !differences.is_empty() {
            status = DIFFERS;
        }
        let shown: Vec<String> = differences.iter().map(|d| format!("{d:?}")).collect();
        if json {
            report.push(json!({ "table": name, "differences": shown }));
        } else if shown.is_empty() {
            out.push_str(&format!("{name}: serves the model\n"));
        } else {
            out.push_str(&format!("{name}:\n"));
            for difference in shown {
                out.push_str(&format!("  ! {difference}\n"));
            }
        }
    }
    if json {
        out.push_str(&format!("{:#}\n", Value::Array(report)));
    }
    Ok(status)
}

/// The status that says more: a blocked change over changes, changes over none.
fn worst(a: u8, b: u8) -> u8 {
    let rank = |s: u8| match s {
        DIFFERS => 2,
        CHANGES => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}
