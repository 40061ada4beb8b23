//! Schema versions: every write stamps the model's version; every read decodes an item by its
//! stamp and upgrades it to the model, so application code only sees the current type.

use dynamo_model::ops::TransactionGet;
use dynamo_model::prelude::*;
use dynamo_model::sdk::types::AttributeValue;
use dynamo_model::{Item, Upgrade};
use futures::TryStreamExt;
use tests::db;

/// Version 1: the total as text, the customer's whole name.
#[derive(Attribute)]
struct OrderV1 {
    id: String,
    customer: String,
    total: String,
}

/// Version 2: the total in cents.
#[derive(Attribute)]
struct OrderV2 {
    id: String,
    customer: String,
    total_cents: u64,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "orders", schema_version = 3, old_shapes(1 = OrderV1, 2 = OrderV2))]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(sort_key)]
    line: u32,
    first_name: String,
    last_name: String,
    total_cents: u64,
    /// Added without a new version: absent in old items, read as its default.
    #[dynamo(default = "open")]
    status: String,
    /// Stored as `note` until it was renamed, without a new version.
    #[dynamo(alias = "note")]
    comment: Option<String>,
}

impl Upgrade for OrderV1 {
    type Next = OrderV2;
    fn upgrade(self) -> OrderV2 {
        let cents = self
            .total
            .parse::<f64>()
            .map_or(0, |t| (t * 100.0).round() as u64);
        OrderV2 {
            id: self.id,
            customer: self.customer,
            total_cents: cents,
        }
    }
}

impl Upgrade for OrderV2 {
    type Next = Order;
    fn upgrade(self) -> Order {
        let (first, last) = self
            .customer
            .split_once(' ')
            .unwrap_or((&self.customer, ""));
        Order {
            id: self.id,
            line: 1,
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            total_cents: self.total_cents,
            status: "open".to_owned(),
            comment: None,
        }
    }
}

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

fn n(number: u64) -> AttributeValue {
    AttributeValue::N(number.to_string())
}

/// Writes `item` as it is, as code of an earlier version did.
async fn write_raw(db: &Db, item: Item) {
    tests::put_raw(db, Order::SCHEMA.table, item).await;
}

async fn read_raw(db: &Db, id: &str) -> Item {
    db.client()
        .get_item()
        .table_name(db.table_name_of::<Order>())
        .key("id", s(id))
        .key("line", n(1))
        .consistent_read(true)
        .send()
        .await
        .unwrap()
        .item
        .unwrap()
}

/// An unstamped item (version 1), one stamped 2 and one of the current shape.
async fn three_generations(db: &Db) {
    Order::table().create(db).await.unwrap();
    write_raw(
        db,
        Item::from([
            ("id".into(), s("o1")),
            ("line".into(), n(1)),
            ("customer".into(), s("Ada Lovelace")),
            ("total".into(), s("12.50")),
        ]),
    )
    .await;
    write_raw(
        db,
        Item::from([
            ("id".into(), s("o2")),
            ("line".into(), n(1)),
            ("_sv".into(), n(2)),
            ("customer".into(), s("Alan Turing")),
            ("total_cents".into(), n(700)),
        ]),
    )
    .await;
    let mut current = Order {
        id: "o3".into(),
        line: 1,
        first_name: "Grace".into(),
        last_name: "Hopper".into(),
        total_cents: 99,
        status: "paid".into(),
        comment: Some("gift".into()),
    };
    current.put(db).await.unwrap();
}

fn upgraded(id: &str, first: &str, last: &str, cents: u64) -> Order {
    Order {
        id: id.into(),
        line: 1,
        first_name: first.into(),
        last_name: last.into(),
        total_cents: cents,
        status: "open".into(),
        comment: None,
    }
}

#[tokio::test]
async fn every_write_of_a_whole_item_stamps_the_current_version() {
    let db = db();
    three_generations(&db).await;
    assert_eq!(read_raw(&db, "o3").await.get("_sv"), Some(&n(3)));
    let schema = Order::SCHEMA.schema_version.unwrap();
    assert_eq!((schema.current, schema.attribute), (3, "_sv"));
}

#[tokio::test]
async fn every_read_upgrades_old_shapes_to_the_model() {
    let db = db();
    three_generations(&db).await;
    let ada = upgraded("o1", "Ada", "Lovelace", 1250);
    let alan = upgraded("o2", "Alan", "Turing", 700);

    assert_eq!(Order::get(&db, ("o1", 1)).await.unwrap(), Some(ada.clone()));
    assert_eq!(
        Order::get(&db, ("o2", 1)).await.unwrap(),
        Some(alan.clone())
    );
    let grace = Order::get(&db, ("o3", 1)).await.unwrap().unwrap();
    assert_eq!(grace.status, "paid");

    let queried: Vec<Order> = Order::query(&db, "o1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(queried, std::slice::from_ref(&ada));

    let mut scanned: Vec<Order> = Order::scan(&db).stream().try_collect().await.unwrap();
    scanned.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(scanned, [ada.clone(), alan.clone(), grace.clone()]);

    let batch = Order::batch_get(&db, [("o2", 1), ("o1", 1)]).await.unwrap();
    assert_eq!(batch.items, [alan.clone(), ada.clone()]);

    let mut read = TransactionGet::new(&db)
        .get::<Order>(("o1", 1))
        .get::<Order>(("o2", 1))
        .await
        .unwrap();
    assert_eq!(read.take::<Order>(0).unwrap(), Some(ada));
    assert_eq!(read.take::<Order>(1).unwrap(), Some(alan));
}

#[tokio::test]
async fn a_field_is_read_under_its_alias_and_a_new_field_takes_its_default() {
    let db = db();
    Order::table().create(&db).await.unwrap();
    write_raw(
        &db,
        Item::from([
            ("id".into(), s("o4")),
            ("line".into(), n(1)),
            ("_sv".into(), n(3)),
            ("first_name".into(), s("Edsger")),
            ("last_name".into(), s("Dijkstra")),
            ("total_cents".into(), n(5)),
            ("note".into(), s("by hand")),
        ]),
    )
    .await;
    let mut read = Order::get(&db, ("o4", 1)).await.unwrap().unwrap();
    assert_eq!(read.comment.as_deref(), Some("by hand"));
    assert_eq!(read.status, "open");

    // Written back, it is under its own name only.
    read.put(&db).await.unwrap();
    let stored = read_raw(&db, "o4").await;
    assert_eq!(stored.get("comment"), Some(&s("by hand")));
    assert_eq!(stored.get("note"), None);
}

#[tokio::test]
async fn an_item_of_a_newer_version_or_a_broken_old_one_is_a_clear_error() {
    let db = db();
    Order::table().create(&db).await.unwrap();
    write_raw(
        &db,
        Item::from([
            ("id".into(), s("o5")),
            ("line".into(), n(1)),
            ("_sv".into(), n(4)),
        ]),
    )
    .await;
    let error = Order::get(&db, ("o5", 1)).await.unwrap_err().to_string();
    assert!(
        error.contains("schema version 4, newer than this build of `Order` (version 3)"),
        "{error}"
    );

    // Version 2 without its total.
    write_raw(
        &db,
        Item::from([
            ("id".into(), s("o6")),
            ("line".into(), n(1)),
            ("_sv".into(), n(2)),
            ("customer".into(), s("Barbara Liskov")),
        ]),
    )
    .await;
    let error = Order::get(&db, ("o6", 1)).await.unwrap_err().to_string();
    assert!(
        error.contains("attribute `total_cents`: read as version 2 of `Order`: missing"),
        "{error}"
    );
}

#[tokio::test]
async fn an_update_of_an_old_item_upgrades_it_first_then_applies() {
    let db = db();
    three_generations(&db).await;
    let f = Order::fields();
    let paid = Order::update(&db, ("o1", 1))
        .set(&f.status, "paid".to_owned())
        .await
        .unwrap();
    assert_eq!(
        paid,
        Order {
            status: "paid".into(),
            ..upgraded("o1", "Ada", "Lovelace", 1250)
        }
    );
    let stored = read_raw(&db, "o1").await;
    assert_eq!(stored.get("_sv"), Some(&n(3)));
    assert_eq!(stored.get("customer"), None, "the old shape is gone");
    assert_eq!(stored.get("first_name"), Some(&s("Ada")));

    // An item of the current version is updated as before.
    Order::update(&db, ("o3", 1))
        .increment(&f.total_cents, 1)
        .await
        .unwrap();
    assert_eq!(read_raw(&db, "o3").await.get("total_cents"), Some(&n(100)));
}

#[tokio::test]
async fn an_upsert_stamps_the_item_it_creates() {
    let db = db();
    Order::table().create(&db).await.unwrap();
    let f = Order::fields();
    let created = Order::update(&db, ("o7", 1))
        .set(&f.first_name, "Ken".to_owned())
        .set(&f.last_name, "Thompson".to_owned())
        .set(&f.total_cents, 3)
        .upsert()
        .await
        .unwrap();
    assert_eq!(created.first_name, "Ken");
    assert_eq!(read_raw(&db, "o7").await.get("_sv"), Some(&n(3)));
}

#[tokio::test]
async fn write_back_stores_an_old_item_in_the_current_shape() {
    let db = db();
    three_generations(&db).await;
    let alan = Order::get(&db, ("o2", 1)).write_back().await.unwrap();
    assert_eq!(alan, Some(upgraded("o2", "Alan", "Turing", 700)));
    let stored = read_raw(&db, "o2").await;
    assert_eq!(stored.get("_sv"), Some(&n(3)));
    assert_eq!(stored.get("last_name"), Some(&s("Turing")));
    assert_eq!(stored.get("customer"), None);

    // An item of the current version is read as it is; a missing one is None.
    let grace = read_raw(&db, "o3").await;
    let read = Order::get(&db, ("o3", 1)).write_back().await.unwrap();
    assert_eq!(read.map(|o| o.status), Some("paid".to_owned()));
    assert_eq!(read_raw(&db, "o3").await, grace);
    assert_eq!(
        Order::get(&db, ("none", 1)).write_back().await.unwrap(),
        None
    );
}

#[tokio::test]
async fn a_write_back_never_overwrites_a_write_made_since_the_read() {
    use dynamo_model::migrate::{WriteBack, write_back};
    let db = db();
    three_generations(&db).await;
    let read = read_raw(&db, "o1").await;

    // Meanwhile the application writes the order in the current shape.
    let mut newer = Order {
        status: "shipped".into(),
        ..upgraded("o1", "Ada", "King", 1300)
    };
    newer.put(&db).await.unwrap();

    let outcome = write_back::<Order>(&db, read).await.unwrap();
    assert!(matches!(outcome, WriteBack::Changed), "{outcome:?}");
    let stored = Order::get(&db, ("o1", 1)).await.unwrap().unwrap();
    assert_eq!(stored, newer);

    // And a deleted item is not brought back.
    let read = read_raw(&db, "o2").await;
    Order::delete(&db, ("o2", 1)).await.unwrap();
    let outcome = write_back::<Order>(&db, read).await.unwrap();
    assert!(matches!(outcome, WriteBack::Changed), "{outcome:?}");
    assert_eq!(Order::get(&db, ("o2", 1)).await.unwrap(), None);
}

/// Version 1 of an invoice: keyed `INVOICE#{id}`.
#[derive(Attribute)]
struct InvoiceV1 {
    id: String,
    year: u16,
    amount: u64,
}

/// Version 2 moved the key to `INVOICE#{year}#{id}`.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "invoices",
    partition_key = "INVOICE#{year}#{id}",
    schema_version = 2,
    old_shapes(1 = InvoiceV1)
)]
struct Invoice {
    id: String,
    year: u16,
    amount: u64,
}

impl Upgrade for InvoiceV1 {
    type Next = Invoice;
    fn upgrade(self) -> Invoice {
        Invoice {
            id: self.id,
            year: self.year,
            amount: self.amount,
        }
    }
}

#[tokio::test]
async fn an_upgrade_that_moves_the_key_deletes_the_old_item_and_puts_the_new_one_together() {
    use dynamo_model::migrate::{WriteBack, write_back};
    let db = db();
    Invoice::table().create(&db).await.unwrap();
    let old = Item::from([
        ("pk".into(), s("INVOICE#i1")),
        ("_et".into(), s("Invoice")),
        ("id".into(), s("i1")),
        ("year".into(), n(2025)),
        ("amount".into(), n(40)),
    ]);
    tests::put_raw(&db, Invoice::SCHEMA.table, old.clone()).await;

    let outcome = write_back::<Invoice>(&db, old.clone()).await.unwrap();
    assert!(matches!(outcome, WriteBack::Upgraded(_)), "{outcome:?}");
    let moved = Invoice::get(&db, (2025, "i1")).await.unwrap();
    assert_eq!(moved.map(|i| i.amount), Some(40));
    let items = db
        .client()
        .scan()
        .table_name(db.table_name_of::<Invoice>())
        .send()
        .await
        .unwrap()
        .items
        .unwrap_or_default();
    assert_eq!(items.len(), 1, "the old key is gone: {items:?}");
    assert_eq!(
        items[0].get("pk"),
        Some(&s("INVOICE#02025#i1")),
        "numbers keep their order"
    );

    // The same write-back again (a repeated run) changes nothing.
    let again = write_back::<Invoice>(&db, old).await.unwrap();
    assert!(matches!(again, WriteBack::Changed), "{again:?}");
}

#[tokio::test]
async fn an_update_in_a_transaction_of_an_old_item_is_refused_with_the_reason() {
    use dynamo_model::error::CancelReason;
    use dynamo_model::expr::Update;
    use dynamo_model::ops::Transaction;
    let db = db();
    three_generations(&db).await;
    let f = Order::fields();
    let paid = || Update::new().set(&f.status, "paid".to_owned());

    let error = Transaction::new(&db)
        .update::<Order>(("o1", 1), paid())
        .update::<Order>(("o3", 1), paid())
        .await
        .unwrap_err();
    let Error::TransactionCanceled { reasons } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        reasons[0],
        CancelReason::OtherSchemaVersion {
            model: "Order",
            stored: 1,
            current: 3
        }
    );
    assert!(error.is_conflict());
    assert!(error.to_string().contains("upgrade it first"), "{error}");
    // Nothing was written: the old item keeps its shape.
    assert_eq!(read_raw(&db, "o1").await.get("_sv"), None);

    // Once upgraded, the same transaction applies.
    Order::get(&db, ("o1", 1)).write_back().await.unwrap();
    Transaction::new(&db)
        .update::<Order>(("o1", 1), paid())
        .update::<Order>(("o3", 1), paid())
        .await
        .unwrap();
    assert_eq!(
        Order::get(&db, ("o1", 1)).await.unwrap().map(|o| o.status),
        Some("paid".to_owned())
    );
}

#[derive(dynamo_model::Projection, Debug, PartialEq)]
#[dynamo(model = Order)]
struct OrderCard {
    first_name: String,
    total_cents: u64,
}

#[tokio::test]
async fn a_projection_reads_items_of_the_current_version_and_says_why_not_an_older_one() {
    use futures::TryStreamExt;
    let db = db();
    three_generations(&db).await;
    let card = Order::get(&db, ("o3", 1))
        .project::<OrderCard>()
        .await
        .unwrap();
    assert_eq!(
        card,
        Some(OrderCard {
            first_name: "Grace".into(),
            total_cents: 99
        })
    );
    let request = Order::get(&db, ("o3", 1))
        .project::<OrderCard>()
        .request()
        .unwrap();
    let names = request.expression_attribute_names().unwrap();
    assert!(
        names.values().any(|n| n == "_sv"),
        "the stamp is read too: {names:?}"
    );

    let error = Order::get(&db, ("o2", 1))
        .project::<OrderCard>()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("stamped with schema version 2, not 3: read the whole item"),
        "{error}"
    );
    let scanned: Result<Vec<OrderCard>, _> = Order::scan(&db)
        .project::<OrderCard>()
        .stream()
        .try_collect()
        .await;
    assert!(scanned.is_err(), "old items in the table: {scanned:?}");
}

/// A shared table whose `Pet` entity is at version 2; a collection reads a household.
mod household {
    use dynamo_model::prelude::*;
    use dynamo_model::{Collection, SharedTable, Upgrade};

    #[derive(SharedTable)]
    #[dynamo(
        name = "households",
        partition_key = "pk",
        sort_key = "sk",
        entities(Owner, Pet)
    )]
    pub struct Households;

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = Households, entity = "owner", partition_key = "HOME#{home}", sort_key = "OWNER")]
    pub struct Owner {
        pub home: String,
        pub name: String,
    }

    #[derive(Attribute)]
    pub struct PetV1 {
        home: String,
        name: String,
        age: String,
    }

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(
        table = Households,
        entity = "pet",
        partition_key = "HOME#{home}",
        sort_key = "PET#{name}",
        schema_version = 2,
        old_shapes(1 = PetV1)
    )]
    pub struct Pet {
        pub home: String,
        pub name: String,
        pub age_years: u8,
    }

    impl Upgrade for PetV1 {
        type Next = Pet;
        fn upgrade(self) -> Pet {
            Pet {
                home: self.home,
                name: self.name,
                age_years: self.age.trim_end_matches(" years").parse().unwrap_or(0),
            }
        }
    }

    #[derive(Collection, Debug, PartialEq)]
    pub enum Household {
        Owner(Owner),
        Pet(Pet),
    }
}

#[tokio::test]
async fn a_collection_reads_an_old_item_as_its_member_model() {
    use household::{Household, Owner, Pet};
    let db = db();
    Pet::table().create(&db).await.unwrap();
    Owner {
        home: "h1".into(),
        name: "Ann".into(),
    }
    .put(&db)
    .await
    .unwrap();
    tests::put_raw(
        &db,
        "households",
        Item::from([
            ("pk".into(), s("HOME#h1")),
            ("sk".into(), s("PET#Rex")),
            ("_et".into(), s("pet")),
            ("home".into(), s("h1")),
            ("name".into(), s("Rex")),
            ("age".into(), s("4 years")),
        ]),
    )
    .await;
    let view: Vec<Household> = Household::query(&db, "h1").await.unwrap();
    assert_eq!(
        view,
        [
            Household::Owner(Owner {
                home: "h1".into(),
                name: "Ann".into()
            }),
            Household::Pet(Pet {
                home: "h1".into(),
                name: "Rex".into(),
                age_years: 4
            }),
        ]
    );
}
