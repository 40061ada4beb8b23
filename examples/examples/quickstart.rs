//! The quickstart: starts the local DynamoDB engine, creates a table from a model, then writes,
//! updates, queries and deletes items, printing each step.
//!
//! Run it with `cargo run -p examples --example quickstart`: the engine is embedded in the
//! example's own process, so it needs nothing but Rust. `DYNAMO_MODEL_ENGINE=moto` runs it on
//! moto instead, `DYNAMODB_ENDPOINT` on a DynamoDB you run.

use std::process::ExitCode;

use dynamo_model::prelude::*;
use dynamo_model_local::LocalEngine;

/// A cat, stored as one item of the `cats` table.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
    weight_kg: f64,
    indoor: bool,
    #[dynamo(rename = "nick")]
    nickname: Option<String>,
}

/// Some fields of a cat, read without the rest.
#[derive(Projection, Debug)]
#[dynamo(model = Cat)]
#[allow(dead_code)] // the fields are read through Debug
struct CatName {
    id: String,
    name: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    examples::report("quickstart", run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = LocalEngine::start()?;
    println!(
        "the local DynamoDB engine is answering at {}",
        engine.endpoint()
    );
    let db = engine.db();

    Cat::table().create_if_missing(&db).await?;
    println!("table `cats` is ACTIVE");

    let mut tom = Cat {
        id: "cat-1".into(),
        name: "Tom".into(),
        lives: 9,
        weight_kg: 4.2,
        indoor: true,
        nickname: None,
    };
    tom.create(&db).await?;
    println!("created {tom:?}");

    match tom.create(&db).await {
        Err(error @ Error::AlreadyExists { .. }) => {
            println!("creating it again fails: {error}")
        }
        other => println!("unexpected result of a second create: {other:?}"),
    }

    let mut tommy = Cat {
        nickname: Some("Tommy".into()),
        ..tom.clone()
    };
    tommy.put(&db).await?;
    println!("put replaced it with nickname {:?}", tommy.nickname);

    let read = Cat::get(&db, "cat-1").consistent_read(true).await?;
    println!("read back {read:?}");
    assert_eq!(read.as_ref(), Some(&tommy));

    // Typed paths: a misspelt attribute or a value of the wrong type would not compile.
    let f = Cat::fields();
    let older = Cat::update(&db, "cat-1")
        .decrement(&f.lives, 1)
        .set(&f.nickname, "Old Tom")
        .condition(f.lives.gt(0))
        .await?;
    println!("an update took a life and renamed him: {older:?}");

    Cat {
        id: "cat-2".into(),
        name: "Felix".into(),
        lives: 3,
        weight_kg: 3.1,
        indoor: false,
        nickname: None,
    }
    .put(&db)
    .await?;
    let indoor_veterans = Cat::scan(&db)
        .filter(f.indoor.eq(true) & f.lives.ge(5))
        .consistent_read(true)
        .await?;
    println!("indoor cats with 5 lives or more: {indoor_veterans:?}");

    let names = Cat::scan(&db)
        .project::<CatName>()
        .consistent_read(true)
        .await?;
    println!("just the names (a projection): {names:?}");
    Cat::delete(&db, "cat-2").await?;

    Cat::delete(&db, "cat-1").await?;
    let gone = Cat::get(&db, "cat-1").await?;
    println!("deleted it; reading again gives {gone:?}");

    Cat::table().delete(&db).await?;
    println!("deleted table `cats`; stopping the local engine");
    Ok(())
}
