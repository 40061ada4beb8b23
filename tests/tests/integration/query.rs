//! Query with key conditions against the local engine: every sort key operator, filters, order.

use dynamo_model::prelude::*;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(partition_key)]
    cat: String,
    #[dynamo(sort_key)]
    day: String,
    minutes: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "readings")]
struct Reading {
    #[dynamo(partition_key)]
    sensor: u32,
    #[dynamo(sort_key)]
    at: i64,
    value: f64,
}

async fn seeded() -> Db {
    let db = db();
    Visit::table().create(&db).await.unwrap();
    Reading::table().create(&db).await.unwrap();
    for (cat, day, minutes) in [
        ("tom", "2024-05-31", 10),
        ("tom", "2024-06-01", 30),
        ("tom", "2024-06-02", 45),
        ("tom", "2024-07-01", 5),
        ("kit", "2024-06-01", 60),
    ] {
        Visit {
            cat: cat.into(),
            day: day.into(),
            minutes,
        }
        .put(&db)
        .await
        .unwrap();
    }
    for at in -3..=3 {
        Reading {
            sensor: 1,
            at,
            value: at as f64 / 2.0,
        }
        .put(&db)
        .await
        .unwrap();
    }
    db
}

fn days(visits: Vec<Visit>) -> Vec<String> {
    visits.into_iter().map(|v| v.day).collect()
}

#[tokio::test]
async fn every_sort_key_operator_selects_its_range() {
    let db = seeded().await;
    let all = Visit::query(&db, "tom").await.unwrap();
    assert_eq!(
        days(all),
        ["2024-05-31", "2024-06-01", "2024-06-02", "2024-07-01"]
    );

    let june = Visit::query(&db, "tom")
        .sort_key(|d| d.begins_with("2024-06"))
        .await
        .unwrap();
    assert_eq!(days(june), ["2024-06-01", "2024-06-02"]);
    let one = Visit::query(&db, "tom")
        .sort_key(|d| d.eq("2024-06-02"))
        .await
        .unwrap();
    assert_eq!(days(one), ["2024-06-02"]);
    let before = Visit::query(&db, "tom")
        .sort_key(|d| d.lt("2024-06-01"))
        .await
        .unwrap();
    assert_eq!(days(before), ["2024-05-31"]);
    let upto = Visit::query(&db, "tom")
        .sort_key(|d| d.le("2024-06-01"))
        .await
        .unwrap();
    assert_eq!(days(upto), ["2024-05-31", "2024-06-01"]);
    let after = Visit::query(&db, "tom")
        .sort_key(|d| d.gt("2024-06-02"))
        .await
        .unwrap();
    assert_eq!(days(after), ["2024-07-01"]);
    let from = Visit::query(&db, "tom")
        .sort_key(|d| d.ge("2024-06-02"))
        .await
        .unwrap();
    assert_eq!(days(from), ["2024-06-02", "2024-07-01"]);
    let between = Visit::query(&db, "tom")
        .sort_key(|d| d.between("2024-06-01", "2024-06-30"))
        .await
        .unwrap();
    assert_eq!(days(between), ["2024-06-01", "2024-06-02"]);
}

#[tokio::test]
async fn numeric_sort_keys_order_numerically_and_reverse() {
    let db = seeded().await;
    let ats: Vec<i64> = Reading::query(&db, 1)
        .sort_key(|at| at.between(-2, 1))
        .reverse()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.at)
        .collect();
    assert_eq!(ats, [1, 0, -1, -2]);
}

#[tokio::test]
async fn filters_narrow_a_query_after_the_key_condition() {
    let db = seeded().await;
    let f = Visit::fields();
    let long = Visit::query(&db, "tom")
        .sort_key(|d| d.begins_with("2024-"))
        .filter(f.minutes.ge(30))
        .await
        .unwrap();
    assert_eq!(days(long), ["2024-06-01", "2024-06-02"]);
    let request = Visit::query(&db, "tom")
        .sort_key(|d| d.begins_with("2024-"))
        .filter(f.minutes.ge(30))
        .request()
        .unwrap();
    assert_eq!(
        request.key_condition_expression(),
        Some("#n0 = :v0 AND begins_with(#n1, :v1)")
    );
    assert_eq!(request.filter_expression(), Some("#n2 >= :v2"));
}

#[tokio::test]
async fn one_filter_serves_a_count_and_a_page() {
    let db = seeded().await;
    let f = Visit::fields();
    let long = f.minutes.ge(30);
    let counted = Visit::query(&db, "tom")
        .filter(long.clone())
        .count()
        .await
        .unwrap();
    let page = Visit::query(&db, "tom")
        .filter(long)
        .page(None)
        .await
        .unwrap();
    assert_eq!(counted, 2);
    assert_eq!(days(page.items), ["2024-06-01", "2024-06-02"]);
    // Updates and key conditions are values too: one update serves two items.
    let bump = dynamo_model::expr::Update::new().increment(&f.minutes, 1);
    for day in ["2024-06-01", "2024-06-02"] {
        dynamo_model::ops::Transaction::new(&db)
            .update::<Visit>(("tom", day), bump.clone())
            .await
            .unwrap();
    }
    let minutes: Vec<u32> = Visit::query(&db, "tom")
        .filter(f.minutes.ge(30))
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.minutes)
        .collect();
    assert_eq!(minutes, [31, 46]);
}
