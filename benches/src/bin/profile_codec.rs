//! A loop over the codec for profilers (`valgrind --tool=callgrind`): N conversions of a model
//! to an item and back, through the derive or through the hand-written conversion, so that the
//! two can be compared instruction by instruction.
//!
//! `cargo build --release -p benches --bin profile_codec && valgrind --tool=callgrind target/release/profile_codec 20000 [user|counter|shop|user-hand|counter-hand|shop-hand]`
//!
//! `shop` is `ShopOrder`, a model in a shared table: its keys and index keys are written from
//! templates and checked on read.

use std::hint::black_box;

use dynamo_model::Model;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let which = args.next().unwrap_or_else(|| "user".to_owned());
    let user = benches::user(1);
    let counter = benches::counter(1);
    let order = benches::shop_order(1);
    for _ in 0..n {
        match which.as_str() {
            "counter" => {
                let item = black_box(&counter).to_item().unwrap_or_default();
                black_box(benches::Counter::from_item(item).is_ok());
            }
            "counter-hand" => {
                let item = benches::counter_to_item(black_box(&counter));
                black_box(benches::counter_from_item(item).is_some());
            }
            "shop" => {
                let item = black_box(&order).to_item().unwrap_or_default();
                black_box(benches::ShopOrder::from_item(item).is_ok());
            }
            "shop-hand" => {
                let item = benches::shop_order_to_item(black_box(&order));
                black_box(benches::shop_order_from_item(item).is_some());
            }
            "user-hand" => {
                let item = benches::user_to_item(black_box(&user));
                black_box(benches::user_from_item(item).is_some());
            }
            _ => {
                let item = black_box(&user).to_item().unwrap_or_default();
                black_box(benches::User::from_item(item).is_ok());
            }
        }
    }
}
