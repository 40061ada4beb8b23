//! Relations: typed references stored as keys, has-many children by one query per parent, and
//! populate, which reads what they name in as few requests as DynamoDB allows: each distinct
//! key once in batch gets of up to 100 keys, one query per parent.

use dynamo_model::capacity::CapacityMeter;
use dynamo_model::prelude::*;
use dynamo_model::relation::{Unread, as_value};
use dynamo_model::{AttributeValue, Operation};
use futures::TryStreamExt;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "customers", has_many(orders = Order, index = by_customer, key = id))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    /// A reference to the model itself.
    referred_by: Option<Ref<Customer>>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "orders",
    global_index(name = "by_customer", partition_key = "customer_id"),
    has_many(lines = Line, key = id)
)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    customer_id: String,
    customer: Ref<Customer>,
    #[dynamo(with = as_value)]
    coupon: Ref<Coupon>,
    related: Vec<Ref<Order>>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "coupons")]
struct Coupon {
    #[dynamo(partition_key)]
    code: String,
    percent: u8,
}

/// A line of an order, in the order's partition, referencing a product of another table
/// whose key has two attributes.
#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "lines")]
struct Line {
    #[dynamo(partition_key)]
    order_id: String,
    #[dynamo(sort_key)]
    line: u16,
    product: Ref<Product>,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "products")]
struct Product {
    #[dynamo(partition_key)]
    category: String,
    #[dynamo(sort_key)]
    sku: String,
    name: String,
}

async fn tables() -> Db {
    let db = db().with_capacity_meter(CapacityMeter::new());
    Customer::table().create(&db).await.unwrap();
    Order::table().create(&db).await.unwrap();
    Coupon::table().create(&db).await.unwrap();
    Line::table().create(&db).await.unwrap();
    Product::table().create(&db).await.unwrap();
    db
}

/// How many requests of `operation` the meter has seen on `model`'s table since the last reset.
fn requests<M: Model>(db: &Db, operation: Operation) -> u64 {
    let meter = db.capacity_meter().unwrap();
    meter.units(&db.table_name_of::<M>(), operation).requests
}

fn customer(id: &str) -> Customer {
    Customer {
        id: id.into(),
        name: format!("Customer {id}"),
        referred_by: None,
    }
}

fn order(id: &str, customer: &str) -> Order {
    Order {
        id: id.into(),
        customer_id: customer.into(),
        customer: Ref::to_key(customer).unwrap(),
        coupon: Ref::to_key("WELCOME").unwrap(),
        related: Vec::new(),
    }
}

#[tokio::test]
async fn a_reference_is_stored_as_the_key_other_clients_can_read() {
    let db = tables().await;
    let mut o = order("o1", "c1");
    o.related = vec![Ref::to_key("o0").unwrap()];
    o.put(&db).await.unwrap();
    let raw = tests::get_raw(&db, "orders", ("id", AttributeValue::S("o1".into())))
        .await
        .unwrap();
    let key = |id: &str, value: &str| {
        AttributeValue::M([(id.to_owned(), AttributeValue::S(value.into()))].into())
    };
    assert_eq!(raw["customer"], key("id", "c1"));
    // `as_value`: the partition key's value alone.
    assert_eq!(raw["coupon"], AttributeValue::S("WELCOME".into()));
    assert_eq!(raw["related"], AttributeValue::L(vec![key("id", "o0")]));
    assert_eq!(Order::get(&db, "o1").await.unwrap(), Some(o));

    // A stored key with the wrong attributes is refused on read, naming the attribute.
    let mut bad = raw.clone();
    bad.insert("customer".into(), key("customer_id", "c1"));
    bad.insert("id".into(), AttributeValue::S("o2".into()));
    tests::put_raw(&db, "orders", bad).await;
    let error = Order::get(&db, "o2").await.unwrap_err().to_string();
    assert!(error.contains("customer"), "{error}");
}

#[tokio::test]
async fn populating_250_references_to_40_customers_sends_one_batch_get() {
    let db = tables().await;
    for c in 0..40 {
        customer(&format!("c{c}")).put(&db).await.unwrap();
    }
    let orders: Vec<Order> = (0..250)
        .map(|o| order(&format!("o{o}"), &format!("c{}", o % 40)))
        .collect();
    db.capacity_meter().unwrap().reset();

    let populated = Order::populate(&db, orders, Order::relations().customer).await;

    assert_eq!(requests::<Customer>(&db, Operation::BatchGetItem), 1);
    assert_eq!(populated.len(), 250);
    for (order, customer) in &populated {
        let customer = customer.as_ref().unwrap();
        assert_eq!(customer.id, order.customer_id);
        assert_eq!(customer.name, format!("Customer {}", order.customer_id));
    }
}

#[tokio::test]
async fn more_than_100_distinct_keys_take_a_batch_get_per_100() {
    let db = tables().await;
    let mut customers: Vec<Customer> = (0..230).map(|c| customer(&format!("c{c}"))).collect();
    let written = dynamo_model::ops::BatchWrite::new(&db)
        .put_all(&mut customers)
        .await
        .unwrap();
    assert!(written.is_complete());
    let orders: Vec<Order> = (0..230)
        .map(|o| order(&format!("o{o}"), &format!("c{o}")))
        .collect();
    db.capacity_meter().unwrap().reset();
    let populated = Order::populate(&db, orders, Order::relations().customer).await;
    assert_eq!(requests::<Customer>(&db, Operation::BatchGetItem), 3);
    assert!(populated.iter().all(|(_, customer)| customer.is_ok()));
}

#[tokio::test]
async fn a_missing_item_is_reported_on_its_reference_alone() {
    let db = tables().await;
    customer("c1").put(&db).await.unwrap();
    let orders = vec![order("o1", "c1"), order("o2", "gone"), order("o3", "c1")];
    let populated = Order::populate(&db, orders, Order::relations().customer).await;
    assert_eq!(populated.len(), 3);
    assert_eq!(populated[0].1.as_ref().unwrap().id, "c1");
    assert_eq!(populated[2].1.as_ref().unwrap().id, "c1");
    let missing = populated[1].1.as_ref().unwrap_err();
    assert!(missing.is_missing());
    assert!(matches!(missing.reason, Unread::Missing));
    assert_eq!(missing.model, "Customer");
    assert_eq!(missing.key["id"], AttributeValue::S("gone".into()));
    assert_eq!(
        missing.to_string(),
        "the `Customer` referenced by key {id = \"gone\"} does not exist: it was deleted or never written"
    );
    // `?` gives the error of that reference.
    let error: Error = populated[1].1.clone().unwrap_err().into();
    assert!(matches!(error, Error::Unresolved(_)));
}

#[tokio::test]
async fn optional_and_many_references_resolve_each_reference() {
    let db = tables().await;
    for id in ["o1", "o2", "o3"] {
        order(id, "c1").put(&db).await.unwrap();
    }
    let mut o = order("o4", "c1");
    o.related = vec![
        Ref::to_key("o1").unwrap(),
        Ref::to_key("o9").unwrap(),
        Ref::to_key("o3").unwrap(),
        Ref::to_key("o1").unwrap(),
    ];
    db.capacity_meter().unwrap().reset();
    let related = o.load(&db, Order::relations().related).await;
    assert_eq!(requests::<Order>(&db, Operation::BatchGetItem), 1);
    let ids: Vec<Result<&str, bool>> = related
        .iter()
        .map(|r| {
            r.as_ref()
                .map(|o| o.id.as_str())
                .map_err(|e| e.is_missing())
        })
        .collect();
    assert_eq!(ids, [Ok("o1"), Err(true), Ok("o3"), Ok("o1")]);

    // `Option<Ref<_>>`: nothing to read for `None`.
    let mut ann = customer("ann");
    ann.put(&db).await.unwrap();
    let mut bob = customer("bob");
    bob.referred_by = Some(Ref::to(&ann).unwrap());
    let loaded = Customer::populate(
        &db,
        vec![ann.clone(), bob.clone()],
        Customer::relations().referred_by,
    )
    .await;
    assert!(loaded[0].1.is_none());
    assert_eq!(loaded[1].1.as_ref().unwrap().as_ref().unwrap(), &ann);
}

#[tokio::test]
async fn a_reference_stored_as_its_value_populates_the_same() {
    let db = tables().await;
    Coupon {
        code: "WELCOME".into(),
        percent: 10,
    }
    .put(&db)
    .await
    .unwrap();
    let coupon = order("o1", "c1")
        .load(&db, Order::relations().coupon)
        .await
        .unwrap();
    assert_eq!(coupon.percent, 10);
    // One reference, one request: `Ref::get` is a GetItem.
    let again = order("o1", "c1").coupon.get(&db).await.unwrap();
    assert_eq!(again, Some(coupon));
}

#[tokio::test]
async fn has_many_over_three_parents_sends_three_queries() {
    let db = tables().await;
    let parents: Vec<Customer> = ["a", "b", "c"].into_iter().map(customer).collect();
    for (i, parent) in parents.iter().enumerate() {
        for n in 0..=i {
            order(&format!("{}-{n}", parent.id), &parent.id)
                .put(&db)
                .await
                .unwrap();
        }
    }
    order("other", "z").put(&db).await.unwrap();
    db.capacity_meter().unwrap().reset();

    let populated = Customer::populate(&db, parents, Customer::relations().orders).await;

    assert_eq!(requests::<Order>(&db, Operation::Query), 3);
    let counts: Vec<(String, usize)> = populated
        .iter()
        .map(|(c, orders)| (c.id.clone(), orders.as_ref().unwrap().len()))
        .collect();
    assert_eq!(counts, [("a".into(), 1), ("b".into(), 2), ("c".into(), 3)]);
    for (c, orders) in &populated {
        assert!(
            orders
                .as_ref()
                .unwrap()
                .iter()
                .all(|o| o.customer_id == c.id)
        );
    }
}

#[tokio::test]
async fn a_has_many_is_a_query_the_caller_can_narrow() {
    let db = tables().await;
    for line in 1..=5 {
        Line {
            order_id: "o1".into(),
            line,
            product: Ref::to_key(("books", "b1")).unwrap(),
        }
        .put(&db)
        .await
        .unwrap();
    }
    let o = order("o1", "c1");
    assert_eq!(o.lines(&db).await.unwrap().len(), 5);
    let later = o
        .lines(&db)
        .sort_key(|line| line.ge(3))
        .max_items(2)
        .await
        .unwrap();
    let numbers: Vec<u16> = later.iter().map(|l| l.line).collect();
    assert_eq!(numbers, [3, 4]);
    let first_page = o.lines(&db).page_size(2).page(None).await.unwrap();
    assert_eq!(first_page.items.len(), 2);
    assert!(first_page.next.is_some());
}

#[tokio::test]
async fn nested_relations_are_read_a_level_at_a_time() {
    let db = tables().await;
    for (category, sku) in [("books", "b1"), ("games", "g1")] {
        Product {
            category: category.into(),
            sku: sku.into(),
            name: format!("{category}/{sku}"),
        }
        .put(&db)
        .await
        .unwrap();
    }
    for c in ["c1", "c2"] {
        customer(c).put(&db).await.unwrap();
    }
    let orders = vec![order("o1", "c1"), order("o2", "c2"), order("o3", "c1")];
    for (o, products) in orders.iter().zip([1, 2, 3]) {
        o.clone().put(&db).await.unwrap();
        for line in 0..products {
            let (category, sku) = if line % 2 == 0 {
                ("books", "b1")
            } else {
                ("games", "g1")
            };
            Line {
                order_id: o.id.clone(),
                line,
                product: Ref::to_key((category, sku)).unwrap(),
            }
            .put(&db)
            .await
            .unwrap();
        }
    }
    db.capacity_meter().unwrap().reset();

    // Each order's customer, each customer's orders, and each order's lines with their
    // products: customers in one batch get, orders by one query per distinct customer, lines by
    // one query per order, products in one batch get.
    let r = Order::relations();
    let include = (
        r.customer.then(Customer::relations().orders),
        r.lines.then(Line::relations().product),
    );
    let populated = Order::populate(&db, orders, include).await;

    assert_eq!(requests::<Customer>(&db, Operation::BatchGetItem), 1);
    assert_eq!(requests::<Product>(&db, Operation::BatchGetItem), 1);
    assert_eq!(requests::<Line>(&db, Operation::Query), 3);
    assert_eq!(
        requests::<Order>(&db, Operation::Query),
        2,
        "one query per distinct customer"
    );

    let (o3, (customer, lines)) = &populated[2];
    let (customer, their_orders) = customer.as_ref().unwrap();
    assert_eq!((o3.id.as_str(), customer.id.as_str()), ("o3", "c1"));
    let mut ids: Vec<&str> = their_orders
        .as_ref()
        .unwrap()
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["o1", "o3"]);
    let names: Vec<&str> = lines
        .as_ref()
        .unwrap()
        .iter()
        .map(|(_, product)| product.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["books/b1", "games/g1", "books/b1"]);
}

#[tokio::test]
async fn self_references_nest_to_the_depth_asked() {
    let db = tables().await;
    let mut chain: Vec<Customer> = Vec::new();
    for i in 0..4 {
        let mut c = customer(&format!("c{i}"));
        c.referred_by = chain.last().map(|r| Ref::to(r).unwrap());
        c.put(&db).await.unwrap();
        chain.push(c);
    }
    let referred = Customer::relations().referred_by;
    let include = referred.then(
        Customer::relations()
            .referred_by
            .then(Customer::relations().referred_by),
    );
    let last = chain[3].clone();
    let loaded = last.load(&db, include).await;
    let (c2, deeper) = loaded.unwrap().unwrap();
    let (c1, deepest) = deeper.unwrap().unwrap();
    let c0 = deepest.unwrap().unwrap();
    assert_eq!([c2.id, c1.id, c0.id.clone()], ["c2", "c1", "c0"]);
    assert_eq!(c0.referred_by, None);
}

#[tokio::test]
async fn pages_and_streams_populate_as_they_are_read() {
    let db = tables().await;
    for c in ["c1", "c2"] {
        customer(c).put(&db).await.unwrap();
    }
    for o in 0..30 {
        order(&format!("o{o:02}"), if o % 2 == 0 { "c1" } else { "c2" })
            .put(&db)
            .await
            .unwrap();
    }
    db.capacity_meter().unwrap().reset();

    let page = Order::scan(&db).page_size(10).page(None).await.unwrap();
    let page = page.populate(&db, Order::relations().customer).await;
    assert_eq!(page.items.len(), 10);
    assert!(page.next.is_some());
    assert!(
        page.items
            .iter()
            .all(|(o, c)| c.as_ref().unwrap().id == o.customer_id)
    );

    db.capacity_meter().unwrap().reset();
    let all: Vec<(Order, _)> = Order::scan(&db)
        .page_size(10)
        .stream()
        .populate(&db, Order::relations().customer)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 30);
    assert!(
        all.iter()
            .all(|(o, c)| c.as_ref().unwrap().id == o.customer_id)
    );
    // A batch get per page of the scan at most, never one per item.
    let gets = requests::<Customer>(&db, Operation::BatchGetItem);
    let pages = requests::<Order>(&db, Operation::Scan);
    assert!(gets <= pages, "{gets} batch gets for {pages} pages");
}

mod shared_table {
    //! Relations between the entities of one shared table: the shop's orders reference their
    //! customer (a key of two attributes), a customer's orders, addresses and whole partition are
    //! in its partition, an order's items in the order's.

    use super::requests;
    use dynamo_model::Operation;
    use dynamo_model::capacity::CapacityMeter;
    use dynamo_model::prelude::*;
    use examples::shop::{self, Customer, CustomerView, Order, OrderItem};

    async fn shop() -> Db {
        let db = tests::db().with_capacity_meter(CapacityMeter::new());
        shop::create_table(&db).await.unwrap();
        for username in ["alice", "bob"] {
            shop::seed(&db, username).await.unwrap();
        }
        db.capacity_meter().unwrap().reset();
        db
    }

    #[tokio::test]
    async fn orders_in_full_read_customers_once_and_items_by_one_query_per_order() {
        let db = shop().await;
        let mut orders = Order::query(&db, "alice").await.unwrap();
        orders.extend(Order::query(&db, "bob").await.unwrap());
        db.capacity_meter().unwrap().reset();

        let full = shop::orders_in_full(&db, orders).await;

        assert_eq!(full.len(), 6);
        // Customers and items share the table: one batch get, one query per order.
        assert_eq!(requests::<Customer>(&db, Operation::BatchGetItem), 1);
        assert_eq!(requests::<OrderItem>(&db, Operation::Query), 6);
        for (order, (customer, items)) in &full {
            assert_eq!(customer.as_ref().unwrap().username, order.username);
            let items = items.as_ref().unwrap();
            assert_eq!(items.len(), 2);
            assert!(items.iter().all(|item| item.order_id == order.order_id));
        }
    }

    #[tokio::test]
    async fn a_customers_children_are_the_entities_of_its_partition() {
        let db = shop().await;
        let alice = Customer::get(&db, "alice").await.unwrap().unwrap();
        let orders = alice.orders(&db).await.unwrap();
        assert_eq!(orders.len(), 3);
        assert!(orders.iter().all(|o| o.username == "alice"));
        assert_eq!(alice.addresses(&db).await.unwrap().len(), 2);
        assert_eq!(requests::<Customer>(&db, Operation::Query), 2);

        // Through the collection: the whole partition in one query.
        let view = alice.view(&db).await.unwrap();
        assert_eq!(view.len(), 1 + 2 + 3);
        assert!(
            view.iter()
                .any(|v| matches!(v, CustomerView::Customer(c) if c == &alice))
        );

        // A collection result's orders populate like any others.
        let orders: Vec<Order> = view
            .into_iter()
            .filter_map(|v| match v {
                CustomerView::Order(order) => Some(order),
                _ => None,
            })
            .collect();
        let with_items = Order::populate(&db, orders, Order::relations().items).await;
        assert!(
            with_items
                .iter()
                .all(|(_, items)| items.as_ref().unwrap().len() == 2)
        );
    }

    #[tokio::test]
    async fn customers_with_their_orders_and_each_orders_items() {
        let db = shop().await;
        let customers = vec![
            Customer::get(&db, "alice").await.unwrap().unwrap(),
            Customer::get(&db, "bob").await.unwrap().unwrap(),
        ];
        db.capacity_meter().unwrap().reset();
        let include = Customer::relations().orders.then(Order::relations().items);
        let loaded = Customer::populate(&db, customers, include).await;
        // One query per customer, then one per order.
        assert_eq!(requests::<Order>(&db, Operation::Query), 2 + 6);
        for (customer, orders) in &loaded {
            let orders = orders.as_ref().unwrap();
            assert_eq!(orders.len(), 3);
            for (order, items) in orders {
                assert_eq!(order.username, customer.username);
                assert_eq!(items.as_ref().unwrap().len(), 2);
            }
        }
    }
}

mod faults {
    //! Under throttling, unprocessed keys and server errors, a populate retries what DynamoDB
    //! leaves unprocessed and accounts for every reference: resolved, or reported as not read.

    use std::time::Duration;

    use super::{Customer, Order, customer, order, tables};
    use dynamo_model::Retries;
    use dynamo_model::prelude::*;
    use dynamo_model::relation::Unread;
    use dynamo_model_local::Faults;

    fn retries(max_attempts: u32) -> Retries {
        Retries {
            max_attempts,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(10),
            ..Retries::standard()
        }
    }

    async fn customers_and_orders(db: &Db) -> Vec<Order> {
        let mut customers: Vec<Customer> = (0..150).map(|c| customer(&format!("c{c}"))).collect();
        let written = dynamo_model::ops::BatchWrite::new(db)
            .put_all(&mut customers)
            .await
            .unwrap();
        assert!(written.is_complete());
        (0..300)
            .map(|o| order(&format!("o{o}"), &format!("c{}", o % 150)))
            .collect()
    }

    #[tokio::test]
    async fn unprocessed_keys_are_retried_until_every_reference_resolves() {
        let clean = tables().await;
        let orders = customers_and_orders(&clean).await;
        let (faulty, log) = Faults::seeded(3)
            .unprocessed(0.5)
            .throttle(0.2)
            .server_error(0.05)
            .install(&clean.clone().with_retries(retries(12)))
            .unwrap();
        let populated = Order::populate(&faulty, orders, Order::relations().customer).await;
        assert!(log.held_back() > 0, "{log}");
        assert_eq!(populated.len(), 300);
        for (order, customer) in &populated {
            assert_eq!(customer.as_ref().unwrap().id, order.customer_id);
        }
    }

    #[tokio::test]
    async fn without_retries_every_reference_is_resolved_or_reported_as_not_read() {
        let clean = tables().await;
        let orders = customers_and_orders(&clean).await;
        let (faulty, log) = Faults::seeded(5)
            .unprocessed(0.6)
            .server_error(0.2)
            .install(&clean.clone().with_retries(retries(1)))
            .unwrap();
        let populated = Order::populate(&faulty, orders, Order::relations().customer).await;
        assert_eq!(populated.len(), 300, "every item passed in comes back");
        let (mut read, mut unprocessed, mut failed) = (0, 0, 0);
        for (order, customer) in &populated {
            match customer {
                Ok(customer) => {
                    assert_eq!(customer.id, order.customer_id);
                    read += 1;
                }
                Err(unresolved) => {
                    assert_eq!(
                        unresolved.key["id"],
                        dynamo_model::AttributeValue::S(order.customer_id.clone())
                    );
                    match &unresolved.reason {
                        Unread::Unprocessed => unprocessed += 1,
                        Unread::Failed(_) => failed += 1,
                        other => panic!("every customer exists, yet {other:?}"),
                    }
                }
            }
        }
        assert_eq!(read + unprocessed + failed, 300);
        assert!(
            unprocessed + failed > 0,
            "the faults reached the populate: {log}"
        );
    }
}

#[tokio::test]
async fn nothing_to_resolve_sends_nothing() {
    let db = tables().await;
    db.capacity_meter().unwrap().reset();
    let none = Order::populate(&db, Vec::new(), Order::relations().customer).await;
    assert!(none.is_empty());
    let mut lonely = order("o1", "c1");
    lonely.related.clear();
    let related = lonely.load(&db, Order::relations().related).await;
    assert!(related.is_empty());
    let no_referrer = customer("c1")
        .load(&db, Customer::relations().referred_by)
        .await;
    assert!(no_referrer.is_none());
    let sent: u64 = db
        .capacity_meter()
        .unwrap()
        .snapshot()
        .iter()
        .map(|(_, units)| units.requests)
        .sum();
    assert_eq!(sent, 0);
}

mod versions {
    //! A referenced item stored in an earlier schema version is read in the current shape.

    use dynamo_model::prelude::*;
    use dynamo_model::{AttributeValue, Upgrade};

    #[derive(Attribute)]
    struct PlanV1 {
        id: String,
        price: u32,
    }

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = "plans", schema_version = 2, old_shapes(1 = PlanV1))]
    struct Plan {
        #[dynamo(partition_key)]
        id: String,
        price_cents: u64,
    }

    impl Upgrade for PlanV1 {
        type Next = Plan;
        fn upgrade(self) -> Plan {
            Plan {
                id: self.id,
                price_cents: u64::from(self.price) * 100,
            }
        }
    }

    #[derive(Model, Debug, Clone, PartialEq)]
    #[dynamo(table = "subscriptions")]
    struct Subscription {
        #[dynamo(partition_key)]
        id: String,
        plan: Ref<Plan>,
    }

    #[tokio::test]
    async fn a_referenced_item_of_an_older_version_is_read_upgraded() {
        let db = tests::db();
        Plan::table().create(&db).await.unwrap();
        // Written by the version-1 code: no stamp, the price in whole units.
        let v1 = [
            ("id".to_owned(), AttributeValue::S("basic".into())),
            ("price".to_owned(), AttributeValue::N("9".into())),
        ];
        tests::put_raw(&db, "plans", v1.into()).await;
        let subscription = Subscription {
            id: "s1".into(),
            plan: Ref::to_key("basic").unwrap(),
        };
        let plan = subscription
            .load(&db, Subscription::relations().plan)
            .await
            .unwrap();
        assert_eq!(
            plan,
            Plan {
                id: "basic".into(),
                price_cents: 900
            }
        );
    }
}
