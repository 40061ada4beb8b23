//! Defaults: absent attributes read as the field's default (items written by older code keep
//! reading), `None` is written as the default, and `force_default` always writes it.

use dynamo_model::prelude::*;
use dynamo_model::{AttributeValue, Item};
use tests::{db, get_raw, put_raw};

fn unknown_owner() -> String {
    "nobody".into()
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(default)]
    visits: u32,
    #[dynamo(default = 9)]
    lives: u8,
    #[dynamo(default = "unknown")]
    colour: String,
    #[dynamo(default_with = unknown_owner)]
    owner: String,
    #[dynamo(default = String::from("kitty"))]
    nickname: Option<String>,
    #[dynamo(default = 2, force_default)]
    schema: u32,
}

fn old_item() -> Item {
    // What an older version of the model wrote: just the key.
    Item::from([("id".to_owned(), AttributeValue::S("c1".into()))])
}

#[test]
fn absent_attributes_read_as_their_defaults() {
    let cat = Cat::from_item(old_item()).unwrap();
    assert_eq!(
        cat,
        Cat {
            id: "c1".into(),
            visits: 0,
            lives: 9,
            colour: "unknown".into(),
            owner: "nobody".into(),
            nickname: Some("kitty".into()),
            schema: 2,
        }
    );
}

#[test]
fn present_attributes_win_over_defaults_and_errors_still_name_them() {
    let mut item = old_item();
    item.insert("lives".into(), AttributeValue::N("3".into()));
    assert_eq!(Cat::from_item(item.clone()).unwrap().lives, 3);
    item.insert("lives".into(), AttributeValue::S("three".into()));
    assert_eq!(Cat::from_item(item).unwrap_err().path(), "lives");
}

#[test]
fn none_is_written_as_the_default_and_force_default_always_wins() {
    let cat = Cat {
        id: "c1".into(),
        visits: 1,
        lives: 7,
        colour: "black".into(),
        owner: "ann".into(),
        nickname: None,
        schema: 99,
    };
    let item = cat.to_item().unwrap();
    assert_eq!(item["nickname"], AttributeValue::S("kitty".into()));
    assert_eq!(item["schema"], AttributeValue::N("2".into()));
    assert_eq!(item["lives"], AttributeValue::N("7".into()));
}

#[tokio::test]
async fn items_written_before_a_field_existed_keep_reading() {
    let db = db();
    Cat::table().create(&db).await.unwrap();
    put_raw(&db, "cats", old_item()).await;
    let mut cat = Cat::get(&db, "c1").await.unwrap().unwrap();
    assert_eq!(cat.lives, 9);
    cat.put(&db).await.unwrap();
    let raw = get_raw(&db, "cats", ("id", AttributeValue::S("c1".into())))
        .await
        .unwrap();
    assert_eq!(
        raw["colour"],
        AttributeValue::S("unknown".into()),
        "written back in full"
    );
}
