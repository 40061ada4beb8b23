//! Reading many items: pages of 1 MB, streams, cursors, counts, parallel scans and indexes,
//! against the local engine.

use std::collections::BTreeSet;

use dynamo_model::ops::Cursor;
use dynamo_model::prelude::*;
use futures::TryStreamExt;
use tests::db;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "logs")]
#[dynamo(global_index(name = "by-level", partition_key = "level", sort_key = "seq"))]
#[dynamo(global_index(name = "by_host", partition_key = "host", projection = "keys_only"))]
#[dynamo(local_index(name = "by_size", sort_key = "size", include = ["host"]))]
struct Log {
    #[dynamo(partition_key)]
    stream: String,
    #[dynamo(sort_key)]
    seq: u32,
    level: String,
    host: String,
    size: u32,
    body: String,
}

#[derive(Projection, Debug, Clone, PartialEq)]
#[dynamo(model = Log)]
struct LogKey {
    stream: String,
    seq: u32,
    host: String,
}

fn log(stream: &str, seq: u32, body_len: usize) -> Log {
    Log {
        stream: stream.into(),
        seq,
        level: ["info", "warn", "error"][seq as usize % 3].into(),
        host: format!("host-{}", seq % 4),
        size: (seq * 7919) % 1000,
        body: "x".repeat(body_len),
    }
}

async fn table_with(items: impl IntoIterator<Item = Log>) -> Db {
    let db = db();
    Log::table().create(&db).await.unwrap();
    for mut item in items {
        item.put(&db).await.unwrap();
    }
    db
}

#[tokio::test]
async fn queries_and_scans_read_every_page_of_a_large_partition() {
    // 60 items of 40 KB: about 2.4 MB, so at least three 1 MB pages.
    let db = table_with((0..60).map(|seq| log("big", seq, 40_000))).await;
    let first = Log::query(&db, "big").page(None).await.unwrap();
    assert!(
        first.items.len() < 60 && first.next.is_some(),
        "one page holds {}",
        first.items.len()
    );

    let all = Log::query(&db, "big").await.unwrap();
    assert_eq!(
        all.iter().map(|l| l.seq).collect::<Vec<_>>(),
        (0..60).collect::<Vec<_>>()
    );
    let streamed: Vec<Log> = Log::scan(&db).stream().try_collect().await.unwrap();
    assert_eq!(streamed.len(), 60);
    assert_eq!(Log::query(&db, "big").count().await.unwrap(), 60);
    assert_eq!(Log::scan(&db).count().await.unwrap(), 60);
}

#[tokio::test]
async fn cursors_round_trip_through_text_and_resume_where_a_page_ended() {
    let db = table_with((0..25).map(|seq| log("s", seq, 10))).await;
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let cursor: Option<Cursor> = token.as_deref().map(|t| t.parse().unwrap());
        let page = Log::query(&db, "s")
            .page_size(10)
            .page(cursor)
            .await
            .unwrap();
        pages += 1;
        seen.extend(page.items.iter().map(|l| l.seq));
        match page.next {
            Some(next) => token = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, (0..25).collect::<Vec<_>>());
    assert!(pages >= 3);
    let text = token.unwrap_or_default();
    assert!(
        text.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{text}"
    );
}

#[tokio::test]
async fn a_cursor_from_elsewhere_is_refused() {
    let db = table_with((0..5).map(|seq| log("s", seq, 10))).await;
    let page = Log::query(&db, "s").page_size(2).page(None).await.unwrap();
    let cursor = page.next.unwrap();
    let error = Log::indexes()
        .by_level
        .query(&db, "info")
        .page(Some(cursor.clone()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidCursor { reason } if reason.contains("index `by-level`")),
        "{error}"
    );

    #[derive(Model, Debug)]
    #[dynamo(table = "other")]
    struct Other {
        #[dynamo(partition_key)]
        id: String,
    }
    let error = Other::scan(&db)
        .page(Some(cursor.clone()))
        .await
        .unwrap_err();
    let logs = format!("table `{}`", db.table_name("logs"));
    assert!(
        matches!(&error, Error::InvalidCursor { reason } if reason.contains(&logs)),
        "{error}"
    );
    let error = "not a cursor".parse::<Cursor>().unwrap_err();
    assert!(matches!(error, Error::InvalidCursor { .. }));

    // The same model's table under another prefix (another stage or tenant) refuses it.
    let other_stage = tests::db();
    let error = Log::query(&other_stage, "s")
        .page(Some(cursor.clone()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidCursor { .. }), "{error}");

    // A query of another partition key value refuses it, before anything is sent.
    let error = Log::query(&db, "another-stream")
        .page(Some(cursor.clone()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidCursor { reason } if reason.contains("partition key `stream`")),
        "{error}"
    );

    // Text over the cap is refused unread.
    let error = "A"
        .repeat(dynamo_model::ops::MAX_CURSOR_LEN + 1)
        .parse::<Cursor>()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidCursor { .. }), "{error}");
}

#[tokio::test]
async fn signed_cursors_refuse_forgeries() {
    let unsigned = table_with((0..5).map(|seq| log("s", seq, 10))).await;
    let db = unsigned
        .clone()
        .with_cursor_key(b"0123456789abcdef0123456789abcdef");
    let page = Log::query(&db, "s").page_size(2).page(None).await.unwrap();
    let token = page.next.unwrap().to_string();
    // Its own signed cursor resumes where the page ended.
    let next = Log::query(&db, "s")
        .page_size(2)
        .page(Some(token.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(next.items.iter().map(|l| l.seq).collect::<Vec<_>>(), [2, 3]);

    // A cursor made without the key, or with its start key altered, is refused.
    let forged = Log::query(&unsigned, "s")
        .page_size(3)
        .page(None)
        .await
        .unwrap();
    let error = Log::query(&db, "s").page(forged.next).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidCursor { reason } if reason.contains("not signed")),
        "{error}"
    );
    let json = String::from_utf8(base64_decode(&token))
        .unwrap()
        .replace("\"1\"", "\"3\"");
    assert!(json.contains("\"3\""), "{json}");
    let altered: Cursor = base64_encode(json.as_bytes()).parse().unwrap();
    let error = Log::query(&db, "s").page(Some(altered)).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidCursor { reason } if reason.contains("signature does not match")),
        "{error}"
    );
    // Another key refuses it too.
    let rotated = unsigned.with_cursor_key(b"another secret of thirty-two bytes!!");
    let error = Log::query(&rotated, "s")
        .page(Some(token.parse().unwrap()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidCursor { .. }), "{error}");
}

fn base64_decode(text: &str) -> Vec<u8> {
    base64_simd::URL_SAFE_NO_PAD.decode_to_vec(text).unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    base64_simd::URL_SAFE_NO_PAD.encode_to_string(bytes)
}

#[tokio::test]
async fn a_parallel_scan_returns_every_item_exactly_once() {
    let db = table_with((0..200).map(|seq| log(&format!("s{}", seq % 13), seq, 10))).await;
    let items: Vec<Log> = Log::scan(&db).parallel(4, 2).page_size(17).await.unwrap();
    let seqs: Vec<u32> = items.iter().map(|l| l.seq).collect();
    let unique: BTreeSet<u32> = seqs.iter().copied().collect();
    assert_eq!(seqs.len(), 200, "no item twice");
    assert_eq!(unique, (0..200).collect::<BTreeSet<_>>(), "every item");
    let request = Log::scan(&db).parallel(4, 2).request().unwrap();
    assert_eq!(
        (request.segment(), request.total_segments()),
        (Some(0), Some(4))
    );
}

#[tokio::test]
async fn first_one_and_max_items_stop_early() {
    let db = table_with((0..10).map(|seq| log("s", seq, 10))).await;
    let f = Log::fields();
    let first = Log::query(&db, "s")
        .filter(f.level.eq("error"))
        .first()
        .await
        .unwrap();
    assert_eq!(first.map(|l| l.seq), Some(2));
    let refused = Log::query(&db, "s")
        .filter(f.seq.ge(4u32))
        .first()
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("key attribute `seq`"),
        "{refused}"
    );
    let one = Log::query(&db, "s")
        .sort_key(|seq| seq.eq(7u32))
        .one()
        .await
        .unwrap();
    assert_eq!(one.seq, 7);
    let none = Log::query(&db, "s")
        .sort_key(|seq| seq.gt(100u32))
        .one()
        .await
        .unwrap_err();
    assert!(matches!(none, Error::NotFound { .. }));
    let many = Log::query(&db, "s").one().await.unwrap_err();
    assert!(matches!(many, Error::NotUnique { .. }));
    let three = Log::query(&db, "s").reverse().max_items(3).await.unwrap();
    assert_eq!(three.iter().map(|l| l.seq).collect::<Vec<_>>(), [9, 8, 7]);
}

#[tokio::test]
async fn indexes_are_queried_with_their_own_key_types() {
    let db = table_with((0..12).map(|seq| log("s", seq, 10))).await;
    let indexes = Log::indexes();

    let warnings = indexes
        .by_level
        .query(&db, "warn")
        .sort_key(|seq| seq.gt(3u32))
        .await
        .unwrap();
    assert_eq!(
        warnings.iter().map(|l| l.seq).collect::<Vec<_>>(),
        [4, 7, 10]
    );

    // KEYS_ONLY: reading needs a projection of what the index holds.
    let keys: Vec<LogKey> = indexes
        .by_host
        .query(&db, "host-1")
        .project::<LogKey>()
        .await
        .unwrap();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k.host == "host-1"));

    // A local index orders one partition by another attribute.
    let by_size = indexes
        .by_size
        .query(&db, "s")
        .sort_key(|size| size.lt(500u32))
        .project::<LogKey>()
        .await
        .unwrap();
    let expected: usize = (0..12).filter(|seq| (seq * 7919) % 1000 < 500).count();
    assert_eq!(by_size.len(), expected);

    let scanned = indexes.by_level.scan(&db).count().await.unwrap();
    assert_eq!(scanned, 12);
    let request = indexes.by_level.query(&db, "info").request().unwrap();
    assert_eq!(request.index_name(), Some("by-level"));
}
