//! Migrations run by the resumable runner: every item changed once in effect, history and
//! checkpoints in the control table, dry runs, the ledger of failures, time-boxed runs that a
//! later runner finishes, transforms run down, maintenance migrations on demand. The proof at
//! scale, 20,000 items under faults, is in `at_scale`.

use std::time::Duration;

use dynamo_model::migrate::{Budget, Migration, Migrations, Runner};
use dynamo_model::ops::BatchWrite;
use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, Upgrade};
use tests::db;

/// Items as the first version of the code wrote them: the weight as text.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "parcels")]
pub struct ParcelV1Writer {
    #[dynamo(partition_key)]
    pub id: u32,
    pub weight: String,
    pub moves: u32,
}

/// Version 1's shape, read by the current model.
#[derive(Attribute)]
pub struct ParcelV1 {
    id: u32,
    weight: String,
    moves: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "parcels", schema_version = 2, old_shapes(1 = ParcelV1))]
pub struct Parcel {
    #[dynamo(partition_key)]
    pub id: u32,
    pub grams: u64,
    /// How many times the item was upgraded: each upgrade adds 1, so the count shows that every
    /// item was upgraded exactly once.
    pub moves: u32,
    pub note: Option<String>,
}

impl Upgrade for ParcelV1 {
    type Next = Parcel;
    fn upgrade(self) -> Parcel {
        let kilos: f64 = self.weight.trim_end_matches("kg").parse().unwrap_or(0.0);
        Parcel {
            id: self.id,
            grams: (kilos * 1000.0).round() as u64,
            moves: self.moves + 1,
            note: None,
        }
    }
}

/// A table of `count` items written by version 1.
pub async fn seeded(db: &Db, count: u32) {
    Parcel::table().create(db).await.unwrap();
    let mut items: Vec<ParcelV1Writer> = (0..count)
        .map(|id| ParcelV1Writer {
            id,
            weight: format!("{}.5kg", id % 10),
            moves: 0,
        })
        .collect();
    let written = BatchWrite::new(db).put_all(&mut items).await.unwrap();
    assert!(written.is_complete(), "{written:?}");
}

pub fn upgrade() -> Migrations {
    Migrations::new().migration(Migration::upgrade::<Parcel>("parcels to version 2"))
}

/// Every item, read raw: its id, stamp and moves.
pub async fn stored(db: &Db) -> Vec<(u32, Option<String>, u32)> {
    use futures::TryStreamExt;
    let mut all: Vec<_> = Parcel::scan(db)
        .parallel(4, 4)
        .stream()
        .map_ok(|p| (p.id, p.moves))
        .try_collect()
        .await
        .unwrap();
    all.sort_unstable();
    let stamps = raw_stamps(db).await;
    all.into_iter()
        .map(|(id, moves)| (id, stamps.get(&id).cloned().flatten(), moves))
        .collect()
}

async fn raw_stamps(db: &Db) -> std::collections::HashMap<u32, Option<String>> {
    let mut stamps = std::collections::HashMap::new();
    let mut start = None;
    loop {
        let page = db
            .client()
            .scan()
            .table_name(db.table_name_of::<Parcel>())
            .set_exclusive_start_key(start)
            .send()
            .await
            .unwrap();
        for item in page.items.unwrap_or_default() {
            let Some(AttributeValue::N(id)) = item.get("id") else {
                continue;
            };
            let stamp = match item.get("_sv") {
                Some(AttributeValue::N(v)) => Some(v.clone()),
                _ => None,
            };
            stamps.insert(id.parse().unwrap(), stamp);
        }
        match page.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => return stamps,
        }
    }
}

#[tokio::test]
async fn a_run_upgrades_every_item_once_and_keeps_the_history() {
    let db = db();
    seeded(&db, 300).await;
    let migrations = upgrade();
    assert_eq!(
        migrations.outstanding(&db).await.unwrap(),
        ["parcels to version 2"]
    );

    let report = Runner::new(&db, &migrations)
        .segments(4)
        .page_size(25)
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(report.is_complete(), "{report:?}");
    let counts = report.counts();
    assert_eq!(
        (counts.scanned, counts.changed, counts.failed),
        (300, 300, 0)
    );
    assert!(counts.write_units >= 300.0, "{counts:?}");

    let items = stored(&db).await;
    assert_eq!(items.len(), 300);
    assert!(
        items
            .iter()
            .all(|(_, stamp, moves)| stamp.as_deref() == Some("2") && *moves == 1),
        "{items:?}"
    );

    let status = migrations.status(&db).await.unwrap();
    assert!(status[0].is_done());
    assert_eq!(status[0].segments.len(), 4);
    assert!(
        status[0]
            .segments
            .iter()
            .all(|s| s.done && !s.resumes && s.owner.is_none())
    );
    assert_eq!(status[0].counts.changed, 300);
    assert!(migrations.outstanding(&db).await.unwrap().is_empty());

    // Run again: nothing is outstanding, nothing is read.
    let again = Runner::new(&db, &migrations).run().await.unwrap();
    assert!(again.runs.is_empty(), "{again:?}");
    let verified = Runner::new(&db, &migrations)
        .verify("parcels to version 2")
        .await
        .unwrap();
    assert_eq!((verified.scanned, verified.outstanding), (300, 0));
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_predicts_counts_samples_and_cost() {
    let db = db();
    seeded(&db, 120).await;
    let migrations = upgrade();
    let dry = Runner::new(&db, &migrations)
        .dry_run("parcels to version 2")
        .await
        .unwrap();
    assert_eq!((dry.counts.scanned, dry.counts.changed), (120, 120));
    assert_eq!(dry.samples.len(), 5);
    let (before, after) = &dry.samples[0];
    assert_eq!(before.get("_sv"), None);
    assert_eq!(after.get("_sv"), Some(&AttributeValue::N("2".into())));
    assert_eq!(dry.predicted_write_units, 120.0, "one unit per small item");
    assert!(dry.predicted_cost_usd > 0.0);
    // Nothing written, no history.
    assert!(raw_stamps(&db).await.values().all(Option::is_none));
    assert_eq!(
        migrations.outstanding(&db).await.unwrap(),
        ["parcels to version 2"]
    );
}

#[tokio::test]
async fn an_item_that_cannot_be_migrated_goes_to_the_ledger_and_the_run_carries_on() {
    let db = db();
    seeded(&db, 40).await;
    let unreadable = dynamo_model::Item::from([
        ("id".to_owned(), AttributeValue::N("1000".into())),
        ("weight".to_owned(), AttributeValue::N("3".into())),
        ("moves".to_owned(), AttributeValue::N("0".into())),
    ]);
    tests::put_raw(&db, Parcel::SCHEMA.table, unreadable).await;
    let migrations = upgrade();
    let report = Runner::new(&db, &migrations)
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(report.is_complete());
    assert_eq!((report.counts().changed, report.counts().failed), (40, 1));
    let status = migrations.status(&db).await.unwrap();
    let failures = &status[0].failures;
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(
        failures[0].0.get("id"),
        Some(&AttributeValue::N("1000".into()))
    );
    assert!(
        failures[0].1.contains("weight") && failures[0].1.contains("version 1"),
        "{}",
        failures[0].1
    );
    let verified = Runner::new(&db, &migrations)
        .verify("parcels to version 2")
        .await
        .unwrap();
    assert_eq!((verified.outstanding, verified.failed), (0, 1));
}

#[tokio::test]
async fn a_time_boxed_run_stops_with_checkpoints_and_the_next_one_finishes() {
    let db = db();
    seeded(&db, 400).await;
    let migrations = upgrade();
    // 100 write units a second for 400 items: about 4 s in all, stopped after 2 s. (After 1 s
    // a busy moto, serving the rest of the suite too, had not always finished a first page.)
    let first = Runner::new(&db, &migrations)
        .segments(4)
        .page_size(10)
        .budget(Budget::new(1_000.0, 100.0))
        .time_limit(Duration::from_secs(2))
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(
        first.stopped_at_deadline && !first.is_complete(),
        "{first:?}"
    );
    let done_first = first.counts().changed;
    assert!(done_first > 0 && done_first < 400, "{first:?}");
    let status = migrations.status(&db).await.unwrap();
    assert!(!status[0].is_done());
    assert!(status[0].segments.iter().any(|s| s.resumes), "{status:?}");
    assert!(
        status[0].segments.iter().all(|s| s.owner.is_none()),
        "leases given up: {status:?}"
    );

    let second = Runner::new(&db, &migrations)
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(second.is_complete(), "{second:?}");
    let items = stored(&db).await;
    assert!(
        items
            .iter()
            .all(|(_, stamp, moves)| stamp.as_deref() == Some("2") && *moves == 1)
    );
    // Each item changed by one of the two runs; the second re-read at most the pages the first
    // was in when it stopped.
    assert_eq!(done_first + second.counts().changed, 400);
}

#[tokio::test]
async fn a_transform_applies_once_runs_down_and_maintenance_runs_on_demand() {
    let db = db();
    seeded(&db, 60).await;
    let migrations = upgrade()
        .migration(Migration::reversible::<Parcel, _, _>(
            "note heavy parcels",
            |parcel| {
                if parcel.grams >= 5_000 {
                    parcel.note = Some("heavy".into());
                }
                Ok(())
            },
            |parcel| {
                parcel.note = None;
                Ok(())
            },
        ))
        .maintenance(Migration::transform::<Parcel, _>(
            "count a move",
            |parcel| {
                parcel.moves += 1;
                Ok(())
            },
        ));
    let report = Runner::new(&db, &migrations)
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(report.is_complete());
    assert_eq!(report.runs.len(), 2);
    let heavy = |db: &Db| {
        let db = db.clone();
        async move {
            use futures::TryStreamExt;
            let all: Vec<Parcel> = Parcel::scan(&db).stream().try_collect().await.unwrap();
            all.iter().filter(|p| p.note.is_some()).count()
        }
    };
    assert_eq!(heavy(&db).await, 30);

    // Run down: the notes go, and the record of the transform with them.
    let down = Runner::new(&db, &migrations)
        .down("note heavy parcels")
        .await
        .unwrap();
    assert!(down.is_complete());
    assert_eq!(down.runs[0].counts.changed, 60);
    assert_eq!(heavy(&db).await, 0);

    // A maintenance migration runs each time it is asked, once per item each time.
    for _ in 0..2 {
        let run = Runner::new(&db, &migrations)
            .run_maintenance("count a move")
            .await
            .unwrap();
        assert_eq!(run.runs[0].counts.changed, 60, "{run:?}");
    }
    let items = stored(&db).await;
    assert!(items.iter().all(|(_, _, moves)| *moves == 3), "{items:?}");

    // A mistake in the list is refused before anything runs.
    let twice = upgrade().migration(Migration::upgrade::<Parcel>("parcels to version 2"));
    let error = Runner::new(&db, &twice).run().await.unwrap_err();
    assert!(
        error.to_string().contains("two migrations have the id"),
        "{error}"
    );
}

/// The example of `docs/migrations.md`: the shop's orders across three versions and a key
/// template move, in a shared table.
#[tokio::test]
async fn the_shops_orders_move_across_three_versions_and_a_new_sort_key() {
    use examples::evolution::{self, Order};
    let db = db();
    evolution::seed(&db, 200).await.unwrap();
    let done = evolution::migrate(&db).await.unwrap();

    assert_eq!(done.before.len(), 50, "all versions read as Order");
    assert!(done.before.iter().all(|o| o.status == "placed"));
    assert_eq!(done.before[0].total_cents, 100 + 1, "version 1's \"1.01\"");
    assert_eq!(
        (done.dry_run.counts.changed, done.dry_run.counts.failed),
        (200, 0)
    );
    let counts = done.report.counts();
    assert!(done.report.is_complete());
    assert_eq!(counts.changed, 200);
    // Predicted by DynamoDB's rules before the run, reported by the engine during it: a moved
    // key is a delete and a put in a transaction.
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "migrations::the_shops_orders_move_across_three_versions_and_a_new_sort_key",
    ) {
        assert_eq!(done.dry_run.predicted_write_units, counts.write_units);
    }
    assert_eq!(done.verified.outstanding, 0);

    // The old keys are gone; the query sorts by day now.
    assert_eq!(Order::scan(&db).count().await.unwrap(), 200);
    let days: Vec<u32> = done.after.iter().map(|o| o.placed).collect();
    assert!(days.is_sorted(), "{days:?}");
    let mut before = done.before.clone();
    before.sort_by_key(|o| (o.placed, o.order_id.clone()));
    assert_eq!(done.after, before, "the same orders, now keyed by day");
    let moved = Order::get(
        &db,
        ("customer-1", done.after[0].placed, &*done.after[0].order_id),
    )
    .await
    .unwrap();
    assert_eq!(moved.as_ref(), Some(&done.after[0]));
}

/// A shared table with two entities; `Task` gains an index on its owner after items were stored.
mod board {
    use dynamo_model::SharedTable;
    use dynamo_model::prelude::*;

    #[derive(SharedTable)]
    #[dynamo(
        name = "board",
        partition_key = "pk",
        sort_key = "sk",
        global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
        entities(Task, Note)
    )]
    pub struct Board;

    /// A task as stored before the index: no `gsi1` key attributes.
    #[derive(SharedTable)]
    #[dynamo(
        name = "board",
        partition_key = "pk",
        sort_key = "sk",
        entities(TaskBefore)
    )]
    pub struct BoardBefore;

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = BoardBefore, entity = "task", partition_key = "BOARD#{board}", sort_key = "TASK#{id}")]
    pub struct TaskBefore {
        pub board: String,
        pub id: u32,
        pub owner: String,
    }

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(
        table = Board,
        entity = "task",
        partition_key = "BOARD#{board}",
        sort_key = "TASK#{id}",
        global_index(name = "gsi1", partition_key = "OWNER#{owner}", sort_key = "TASK#{id}")
    )]
    pub struct Task {
        pub board: String,
        pub id: u32,
        pub owner: String,
    }

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = Board, entity = "note", partition_key = "BOARD#{board}", sort_key = "NOTE#{id}")]
    pub struct Note {
        pub board: String,
        pub id: u32,
        pub text: String,
    }
}

#[tokio::test]
async fn a_rewrite_populates_a_new_index_for_the_items_stored_before_it() {
    use board::{Note, Task, TaskBefore};
    use futures::TryStreamExt;
    let db = db();
    Task::table().sync(&db).await.unwrap();
    for id in 0..30 {
        let mut task = TaskBefore {
            board: "b1".into(),
            id,
            owner: if id % 3 == 0 { "ann" } else { "bob" }.into(),
        };
        task.put(&db).await.unwrap();
        let mut note = Note {
            board: "b1".into(),
            id,
            text: "n".into(),
        };
        note.put(&db).await.unwrap();
    }
    let anns = |db: &Db| {
        let db = db.clone();
        async move {
            let tasks: Vec<Task> = Task::indexes()
                .gsi1
                .query(&db, "ann")
                .stream()
                .try_collect()
                .await
                .unwrap();
            tasks.len()
        }
    };
    assert_eq!(anns(&db).await, 0, "stored before the index: not in it");

    let migrations = Migrations::new().migration(Migration::rewrite::<Task>("tasks by owner"));
    let dry = Runner::new(&db, &migrations)
        .dry_run("tasks by owner")
        .await
        .unwrap();
    assert_eq!(
        (dry.counts.scanned, dry.counts.changed),
        (30, 30),
        "tasks only"
    );
    let report = Runner::new(&db, &migrations)
        .progress_bar(false)
        .run()
        .await
        .unwrap();
    assert!(report.is_complete());
    assert_eq!(report.counts().changed, 30);
    // DynamoDB charges the index write too.
    if !tests::gaps::lacks(
        &tests::gaps::INDEX_CAPACITY,
        "migrations::a_rewrite_populates_a_new_index_for_the_items_stored_before_it",
    ) {
        assert_eq!(report.counts().write_units, dry.predicted_write_units);
    }
    assert_eq!(anns(&db).await, 10);

    // The notes were not touched; a second run has nothing to do.
    let notes: Vec<Note> = Note::scan(&db).stream().try_collect().await.unwrap();
    assert_eq!(notes.len(), 30);
    let verified = Runner::new(&db, &migrations)
        .verify("tasks by owner")
        .await
        .unwrap();
    assert_eq!((verified.scanned, verified.outstanding), (30, 0));
}

#[test]
fn a_stream_record_of_an_old_item_reads_as_the_current_model() {
    use dynamo_model::stream::{self, Change};
    let event = r#"{"Records": [{
        "eventID": "1", "eventName": "INSERT",
        "dynamodb": {
            "Keys": {"id": {"N": "7"}},
            "NewImage": {"id": {"N": "7"}, "weight": {"S": "2.5kg"}, "moves": {"N": "0"}},
            "SequenceNumber": "1", "StreamViewType": "NEW_IMAGE"
        }
    }]}"#;
    let records = stream::records_from_json::<Parcel>(event).unwrap();
    let Change::Inserted { new, .. } = records.into_iter().next().unwrap().unwrap().change else {
        panic!("an insert")
    };
    assert_eq!(
        new,
        Some(Parcel {
            id: 7,
            grams: 2500,
            moves: 1,
            note: None
        })
    );
}
