//! DynamoDB's multi-attribute GSI keys: several attributes, each stored as itself, form an
//! index's partition and sort key; a query matches every partition attribute by equality and
//! the sort attributes left to right.

use dynamo_model::prelude::*;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = "venues",
    global_index(name = "by_place", partition_key = ["country", "city"], sort_key = ["kind", "rank"])
)]
struct Venue {
    #[dynamo(partition_key)]
    id: String,
    country: String,
    city: String,
    kind: String,
    rank: u32,
}

fn venue(id: &str, country: &str, city: &str, kind: &str, rank: u32) -> Venue {
    Venue {
        id: id.into(),
        country: country.into(),
        city: city.into(),
        kind: kind.into(),
        rank,
    }
}

#[tokio::test]
async fn the_table_is_created_with_every_key_attribute_of_the_index() {
    let db = tests::db();
    Venue::table().create_if_missing(&db).await.unwrap();
    let description = Venue::table().describe(&db).await.unwrap().unwrap();
    let index = &description.global_secondary_indexes()[0];
    let keys: Vec<(&str, &str)> = index
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type().as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("country", "HASH"),
            ("city", "HASH"),
            ("kind", "RANGE"),
            ("rank", "RANGE")
        ]
    );
    assert_eq!(Venue::table().verify(&db).await.unwrap(), []);
}

#[tokio::test]
async fn a_query_matches_every_partition_attribute_and_the_sort_attributes_left_to_right() {
    let db = tests::db();
    Venue::table().create_if_missing(&db).await.unwrap();
    for v in [
        venue("v1", "FR", "Paris", "bakery", 1),
        venue("v2", "FR", "Paris", "bakery", 4),
        venue("v3", "FR", "Paris", "bakery", 7),
        venue("v4", "FR", "Paris", "museum", 2),
        venue("v5", "FR", "Lyon", "bakery", 5),
        venue("v6", "BE", "Paris", "bakery", 3),
    ] {
        let mut v = v;
        v.put(&db).await.unwrap();
    }
    let place = Venue::indexes().by_place;
    let ids = |venues: Vec<Venue>| venues.into_iter().map(|v| v.id).collect::<Vec<_>>();

    let paris = place.query(&db, ("FR", "Paris")).await.unwrap();
    assert_eq!(ids(paris), ["v1", "v2", "v3", "v4"]);

    let bakeries = place
        .query(&db, ("FR", "Paris"))
        .sort_key(|k| k.eq("bakery"))
        .await
        .unwrap();
    assert_eq!(ids(bakeries), ["v1", "v2", "v3"]);

    let good = place
        .query(&db, ("FR", "Paris"))
        .sort_key(|k| k.eq("bakery").gt(3))
        .await
        .unwrap();
    assert_eq!(ids(good), ["v2", "v3"]);

    let range = place
        .query(&db, ("FR", "Paris"))
        .sort_key(|k| k.eq("bakery").between(2, 5))
        .request()
        .unwrap();
    assert_eq!(
        range.key_condition_expression(),
        Some("#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 BETWEEN :v3 AND :v4")
    );
}
