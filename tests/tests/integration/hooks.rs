//! Hooks: before_save may change or refuse a write, after_save runs after it, after_load on
//! every model read, before_delete may refuse a delete. Each runs on every path.

use std::sync::atomic::{AtomicUsize, Ordering};

use dynamo_model::ops::{BatchWrite, Transaction, TransactionGet};
use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, HookError, Item};
use futures::TryStreamExt;
use tests::{db, get_raw};

static SAVED: AtomicUsize = AtomicUsize::new(0);

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "members", hooks)]
struct Member {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(validate(non_blank))]
    email: String,
    #[dynamo(skip)]
    loaded: bool,
    #[dynamo(default)]
    protected: bool,
}

impl Hooks for Member {
    fn before_save(&mut self) -> Result<(), HookError> {
        // Runs before validation: a blank email becomes a placeholder that validation accepts,
        // and a banned one is refused.
        self.email = self.email.trim().to_lowercase();
        if self.email.ends_with("@banned.example") {
            return Err(format!("{} is banned", self.email).into());
        }
        Ok(())
    }

    fn after_save(&self) -> Result<(), HookError> {
        SAVED.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    fn after_load(&mut self) -> Result<(), HookError> {
        self.loaded = true;
        Ok(())
    }

    fn before_delete(key: &Item) -> Result<(), HookError> {
        match key.get("id") {
            Some(AttributeValue::S(id)) if id == "root" => Err("root cannot be deleted".into()),
            _ => Ok(()),
        }
    }
}

fn member(id: &str, email: &str) -> Member {
    Member {
        id: id.into(),
        email: email.into(),
        loaded: false,
        protected: false,
    }
}

fn hook_of(error: &Error) -> Option<&'static str> {
    match error {
        Error::Hook { hook, .. } => Some(hook),
        _ => None,
    }
}

#[tokio::test]
async fn before_save_changes_or_refuses_every_kind_of_write() {
    let db = db();
    Member::table().create(&db).await.unwrap();

    let mut ada = member("ada", "  ADA@Example.org ");
    ada.create(&db).await.unwrap();
    assert_eq!(
        ada.email, "ada@example.org",
        "the hook changed the caller's model"
    );
    let stored = get_raw(&db, "members", ("id", AttributeValue::S("ada".into())))
        .await
        .unwrap();
    assert_eq!(stored["email"], AttributeValue::S("ada@example.org".into()));

    let mut bad = member("eve", "eve@banned.example");
    let error = bad.put(&db).await.unwrap_err();
    assert_eq!(hook_of(&error), Some("before_save"));
    let source = std::error::Error::source(&error).unwrap().to_string();
    assert_eq!(source, "eve@banned.example is banned");
    let error = BatchWrite::new(&db)
        .put(&mut member("bob", "B@x.org"))
        .put(&mut member("eve", "eve@banned.example"))
        .await
        .unwrap_err();
    assert_eq!(hook_of(&error), Some("before_save"));
    let error = Transaction::new(&db)
        .put(&mut member("eve", "eve@banned.example"))
        .await
        .unwrap_err();
    assert_eq!(hook_of(&error), Some("before_save"));
    assert_eq!(
        Member::scan(&db).count().await.unwrap(),
        1,
        "only ada was written"
    );

    // The hook runs before validation: whitespace trimmed to nothing fails `non_blank`.
    let error = member("blank", "   ").put(&db).await.unwrap_err();
    assert!(matches!(error, Error::Validation(_)), "{error:?}");

    // The batch path runs the hook too.
    let written = BatchWrite::new(&db)
        .put(&mut member("bob", "  BOB@x.org"))
        .await
        .unwrap();
    assert!(written.is_complete(), "{written:?}");
    let bob = Member::get(&db, "bob").await.unwrap().unwrap();
    assert_eq!(bob.email, "bob@x.org");
}

#[tokio::test]
async fn after_save_and_after_load_run_on_every_path() {
    let db = db();
    Member::table().create(&db).await.unwrap();
    let before = SAVED.load(Ordering::SeqCst);
    member("a", "a@x.org").put(&db).await.unwrap();
    Transaction::new(&db)
        .put(&mut member("b", "b@x.org"))
        .await
        .unwrap();
    assert!(SAVED.load(Ordering::SeqCst) >= before + 2);

    let got = Member::get(&db, "a").await.unwrap().unwrap();
    assert!(got.loaded, "get");
    let scanned: Vec<Member> = Member::scan(&db).stream().try_collect().await.unwrap();
    assert!(
        scanned.len() == 2 && scanned.iter().all(|m| m.loaded),
        "scan"
    );
    let queried = Member::query(&db, "a").await.unwrap();
    assert!(queried[0].loaded, "query");
    let batch = Member::batch_get(&db, ["a", "b"]).await.unwrap();
    assert!(batch.items.iter().all(|m| m.loaded), "batch get");
    let mut items = TransactionGet::new(&db).get::<Member>("b").await.unwrap();
    assert!(
        items.take::<Member>(0).unwrap().unwrap().loaded,
        "transaction get"
    );
    let f = Member::fields();
    let updated = Member::update(&db, "a")
        .set(&f.protected, true)
        .await
        .unwrap();
    assert!(updated.loaded, "update");
    // What a put replaced is a loaded model too.
    let old = member("a", "a2@x.org").put(&db).return_old().await.unwrap();
    assert!(old.unwrap().loaded, "put return_old");
}

#[tokio::test]
async fn before_delete_can_refuse_a_delete() {
    let db = db();
    Member::table().create(&db).await.unwrap();
    member("root", "root@x.org").put(&db).await.unwrap();
    member("guest", "guest@x.org").put(&db).await.unwrap();

    let error = Member::delete(&db, "root").await.unwrap_err();
    assert_eq!(hook_of(&error), Some("before_delete"));
    let error = BatchWrite::new(&db)
        .delete::<Member>("guest")
        .delete::<Member>("root")
        .await
        .unwrap_err();
    assert_eq!(hook_of(&error), Some("before_delete"));
    let error = Transaction::new(&db)
        .delete::<Member>("root")
        .await
        .unwrap_err();
    assert_eq!(hook_of(&error), Some("before_delete"));
    assert_eq!(Member::scan(&db).count().await.unwrap(), 2);

    Member::delete(&db, "guest").await.unwrap();
    assert_eq!(Member::scan(&db).count().await.unwrap(), 1);
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "teams")]
struct Team {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "audit")]
struct Audit {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "tickets", async_hooks)]
struct Ticket {
    #[dynamo(partition_key)]
    id: String,
    team: String,
}

impl AsyncHooks for Ticket {
    // Asynchronous: reads another table before the write...
    async fn before_save_async(&mut self, db: &Db) -> Result<(), HookError> {
        if Team::get(db, &self.team).await?.is_none() {
            return Err(format!("no team `{}`", self.team).into());
        }
        Ok(())
    }

    // ... and writes to one after it.
    async fn after_save_async(&self, db: &Db) -> Result<(), HookError> {
        let mut audit = Audit {
            id: format!("saved {}", self.id),
        };
        audit.put(db).await?;
        Ok(())
    }

    async fn before_delete_async(key: &Item, db: &Db) -> Result<(), HookError> {
        let Some(AttributeValue::S(id)) = key.get("id") else {
            return Ok(());
        };
        let mut audit = Audit {
            id: format!("deleting {id}"),
        };
        audit.put(db).await?;
        Ok(())
    }
}

#[tokio::test]
async fn async_hooks_can_use_the_database() {
    let db = db();
    Team::table().create(&db).await.unwrap();
    Audit::table().create(&db).await.unwrap();
    Ticket::table().create(&db).await.unwrap();
    Team { id: "core".into() }.put(&db).await.unwrap();

    let mut lost = Ticket {
        id: "t0".into(),
        team: "nobody".into(),
    };
    let error = lost.put(&db).await.unwrap_err();
    assert_eq!(hook_of(&error), Some("before_save_async"));
    assert_eq!(Ticket::scan(&db).count().await.unwrap(), 0);

    let mut ticket = Ticket {
        id: "t1".into(),
        team: "core".into(),
    };
    ticket.create(&db).await.unwrap();
    Ticket::delete(&db, "t1").await.unwrap();
    assert!(Audit::get(&db, "saved t1").await.unwrap().is_some());
    assert!(Audit::get(&db, "deleting t1").await.unwrap().is_some());
}

#[tokio::test]
async fn a_put_request_changes_nothing_and_the_hook_runs_when_sent() {
    let db = db();
    Member::table().create(&db).await.unwrap();
    let mut ann = member("ann", "  Ann@Example.COM ");
    let put = ann.put(&db);
    let request = put.request().unwrap();
    // The model as it is: `before_save` has not run, so the email is not normalised yet.
    assert_eq!(
        request.item.as_ref().and_then(|item| item.get("email")),
        Some(&AttributeValue::S("  Ann@Example.COM ".into()))
    );
    // Exactly what is sent: no meter on this Db, so no capacity is asked for; with one, it is.
    assert_eq!(request.return_consumed_capacity, None);
    let metered = db
        .clone()
        .with_capacity_meter(dynamo_model::capacity::CapacityMeter::new());
    assert_eq!(
        ann.put(&metered)
            .request()
            .unwrap()
            .return_consumed_capacity,
        Some(dynamo_model::sdk::types::ReturnConsumedCapacity::Indexes)
    );
    let put = ann.put(&db);
    put.await.unwrap();
    assert_eq!(ann.email, "ann@example.com", "the hook ran once, when sent");
    let stored = get_raw(&db, "members", ("id", AttributeValue::S("ann".into()))).await;
    assert_eq!(
        stored.and_then(|item| item.get("email").cloned()),
        Some(AttributeValue::S("ann@example.com".into()))
    );
}

#[tokio::test]
async fn a_transaction_runs_write_behaviours_when_sent_not_when_built() {
    let db = db();
    Member::table().create(&db).await.unwrap();
    let mut bea = member("bea", " Bea@Example.COM");
    let transaction = Transaction::new(&db).put(&mut bea);
    // Built, not sent: the hook has not run, and the preview shows the model as it is.
    let requests = transaction.requests().unwrap();
    let item = requests[0].put().unwrap().item();
    assert_eq!(
        item.get("email"),
        Some(&AttributeValue::S(" Bea@Example.COM".into()))
    );
    transaction.await.unwrap();
    assert_eq!(bea.email, "bea@example.com", "the hook ran when sent");
    let stored = get_raw(&db, "members", ("id", AttributeValue::S("bea".into()))).await;
    assert_eq!(
        stored.and_then(|item| item.get("email").cloned()),
        Some(AttributeValue::S("bea@example.com".into()))
    );
}
