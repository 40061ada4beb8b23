//! Model behaviours: validation rules, a hook, timestamps and optimistic locking, on one model
//! of a wiki page, against the local engine.
//!
//! Run it with `cargo run -p examples --example behaviours`.

use std::process::ExitCode;
use std::time::SystemTime;

use dynamo_model::prelude::*;
use dynamo_model::{HookError, ValidationErrors};
use dynamo_model_local::LocalEngine;

#[derive(Model, Debug, Clone)]
#[dynamo(table = "pages", timestamps, hooks)]
struct Page {
    #[dynamo(partition_key, validate(min_length = 1, max_length = 64))]
    slug: String,
    #[dynamo(validate(non_blank, max_length = 120))]
    title: String,
    #[dynamo(validate(one_of = ["draft", "published"]))]
    status: String,
    #[dynamo(version)]
    version: u64,
    created_at: Option<SystemTime>,
    updated_at: Option<SystemTime>,
}

impl Hooks for Page {
    // Slugs are kept lower-case whatever the caller wrote.
    fn before_save(&mut self) -> Result<(), HookError> {
        self.slug = self.slug.trim().to_lowercase();
        Ok(())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("behaviours", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    Page::table().create_if_missing(&db).await?;

    // Validation: every broken rule at once, nothing written.
    let mut bad = Page {
        slug: "".into(),
        title: "  ".into(),
        status: "secret".into(),
        version: 0,
        created_at: None,
        updated_at: None,
    };
    if let Err(Error::Validation(ValidationErrors { failures, .. })) = bad.create(&db).await {
        for failure in failures {
            println!(
                "refused: `{}` breaks `{}`: {}",
                failure.path, failure.rule, failure.message
            );
        }
    }

    // The hook lower-cases the slug; timestamps and version are set by the write.
    let mut page = Page {
        slug: "Getting-Started".into(),
        title: "Getting started".into(),
        status: "draft".into(),
        version: 0,
        created_at: None,
        updated_at: None,
    };
    page.create(&db).await?;
    println!(
        "created `{}` at version {}, created_at set: {}",
        page.slug,
        page.version,
        page.created_at.is_some()
    );

    // Two editors read version 1; the first to write wins.
    let mut alice = Page::get(&db, "getting-started")
        .await?
        .ok_or(Error::NotFound {
            table: "pages".into(),
        })?;
    let mut bob = alice.clone();
    alice.status = "published".into();
    alice.put(&db).await?;
    bob.title = "Start here".into();
    match bob.put(&db).await {
        Err(Error::VersionConflict {
            expected, found, ..
        }) => println!("bob lost the race: expected version {expected}, found {found:?}"),
        other => println!("unexpected: {other:?}"),
    }

    // An update expression bumps the version and sets updated_at too.
    let f = Page::fields();
    let updated = Page::update(&db, "getting-started")
        .set(&f.title, "Start here")
        .if_version(alice.version)
        .await?;
    println!(
        "updated to version {}: {} ({})",
        updated.version, updated.title, updated.status
    );
    Ok(())
}
