//! Queries and scans: key conditions, filters, an index, a stream, pages with a cursor that goes
//! through text, a count, and a parallel scan.
//!
//! Run it with `cargo run -p examples --example queries`.

use std::process::ExitCode;

use dynamo_model::ops::Cursor;
use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;
use futures::TryStreamExt;

/// A visit of a cat to the vet: the cat's visits are one partition, ordered by day.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "visits")]
#[dynamo(global_index(name = "by_vet", partition_key = "vet", sort_key = "day"))]
struct Visit {
    #[dynamo(partition_key)]
    cat: String,
    #[dynamo(sort_key)]
    day: String,
    vet: String,
    minutes: u32,
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("queries", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    let db = engine.db();
    Visit::table().create_if_missing(&db).await?;
    for day in 1..=30 {
        Visit {
            cat: "tom".into(),
            day: format!("2024-06-{day:02}"),
            vet: if day % 2 == 0 { "dr-who" } else { "dr-no" }.into(),
            minutes: 10 + day * 2,
        }
        .put(&db)
        .await?;
    }

    let f = Visit::fields();
    let long_june_visits = Visit::query(&db, "tom")
        .sort_key(|day| day.between("2024-06-10", "2024-06-20"))
        .filter(f.minutes.ge(35))
        .await?;
    println!("long visits 10-20 June: {}", long_june_visits.len());

    let last = Visit::query(&db, "tom").reverse().first().await?;
    println!("latest visit: {last:?}");

    let by_vet = Visit::indexes()
        .by_vet
        .query(&db, "dr-who")
        .sort_key(|day| day.begins_with("2024-06-1"))
        .await?;
    println!(
        "dr-who saw tom on {:?}",
        by_vet.iter().map(|v| &v.day).collect::<Vec<_>>()
    );

    let mut minutes = 0;
    let mut stream = Visit::query(&db, "tom").page_size(7).stream();
    while let Some(visit) = stream.try_next().await? {
        minutes += visit.minutes;
    }
    println!("total minutes, read as a stream of 7-item pages: {minutes}");

    // Pages for an HTTP API: the cursor goes to the client as text and comes back.
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let cursor = token.as_deref().map(str::parse::<Cursor>).transpose()?;
        let page = Visit::query(&db, "tom").page_size(10).page(cursor).await?;
        pages += 1;
        match page.next {
            Some(next) => token = Some(next.to_string()),
            None => break,
        }
    }
    println!("read in {pages} pages of 10");

    println!(
        "visits counted by DynamoDB: {}",
        Visit::scan(&db).count().await?
    );
    let all = Visit::scan(&db).parallel(4, 2).await?;
    println!("a 4-segment parallel scan read {} visits", all.len());
    Ok(())
}
