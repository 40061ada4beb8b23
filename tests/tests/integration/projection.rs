//! Projections: typed partial reads through get, query and scan, against the local engine.

use dynamo_model::prelude::*;
use dynamo_model::{ConversionProblem, Item};
use tests::{db, put_raw};

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    zip: u32,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "profiles", rename_all = "camelCase")]
struct Profile {
    #[dynamo(partition_key)]
    team: String,
    #[dynamo(sort_key)]
    user_id: u32,
    display_name: String,
    #[dynamo(rename = "bio")]
    biography: String,
    home: Address,
    nickname: Option<String>,
}

/// A card shows a few fields of a profile; reading one never fetches the biography.
#[derive(Projection, Debug, Clone, PartialEq)]
#[dynamo(model = Profile)]
struct Card {
    user_id: u32,
    display_name: String,
    home: Address,
    nickname: Option<String>,
}

fn profile(user_id: u32) -> Profile {
    Profile {
        team: "core".into(),
        user_id,
        display_name: format!("User {user_id}"),
        biography: "a long text".repeat(10),
        home: Address {
            street: "Main".into(),
            zip: 1000 + user_id,
        },
        nickname: user_id.is_multiple_of(2).then(|| format!("u{user_id}")),
    }
}

fn card(user_id: u32) -> Card {
    let p = profile(user_id);
    Card {
        user_id: p.user_id,
        display_name: p.display_name,
        home: p.home,
        nickname: p.nickname,
    }
}

async fn seeded() -> Db {
    let db = db();
    Profile::table().create(&db).await.unwrap();
    for id in 1..=3 {
        profile(id).put(&db).await.unwrap();
    }
    db
}

#[tokio::test]
async fn get_reads_only_the_projected_attributes() {
    let db = seeded().await;
    let get = Profile::get(&db, ("core", 2)).project::<Card>();
    let request = get.request().unwrap();
    assert_eq!(request.projection_expression(), Some("#n0, #n1, #n2, #n3"));
    let names = request.expression_attribute_names().unwrap();
    let mut stored: Vec<&str> = names.values().map(String::as_str).collect();
    stored.sort();
    assert_eq!(
        stored,
        ["displayName", "home", "nickname", "userId"],
        "the model's stored names"
    );
    assert_eq!(get.await.unwrap(), Some(card(2)));
}

#[tokio::test]
async fn query_and_scan_read_projections_too() {
    let db = seeded().await;
    let cards = Profile::query(&db, "core")
        .sort_key(|id| id.ge(2))
        .project::<Card>()
        .await
        .unwrap();
    assert_eq!(cards, vec![card(2), card(3)]);
    let f = Profile::fields();
    let mut cards = Profile::scan(&db)
        .filter(f.home.zip.lt(1002u32))
        .project::<Card>()
        .await
        .unwrap();
    cards.sort_by_key(|c| c.user_id);
    assert_eq!(cards, vec![card(1)]);
}

#[tokio::test]
async fn a_missing_projected_attribute_is_an_error_not_a_default() {
    let db = seeded().await;
    let mut item: Item = profile(9).to_item().unwrap();
    item.remove("displayName");
    put_raw(&db, "profiles", item).await;
    let error = Profile::get(&db, ("core", 9))
        .project::<Card>()
        .await
        .unwrap_err();
    let Error::Conversion(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.path(), "displayName");
    assert!(matches!(error.problem(), ConversionProblem::Missing { .. }));
}

#[tokio::test]
async fn the_model_itself_is_read_whole() {
    let db = seeded().await;
    let request = Profile::get(&db, ("core", 1)).request().unwrap();
    assert_eq!(request.projection_expression(), None);
    let whole = Profile::get(&db, ("core", 1)).await.unwrap();
    assert_eq!(whole, Some(profile(1)));
}
