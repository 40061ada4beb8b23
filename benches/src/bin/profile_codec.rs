//! A loop over the codec for profilers (`valgrind --tool=callgrind`): N conversions of a model
//! to an item and back, through the derive or through the hand-written conversion, so that the
//! two can be compared instruction by instruction.
//!
//! `cargo build --release -p benches --bin profile_codec && valgrind --tool=callgrind target/release/profile_codec 20000 [user|counter|user-hand|counter-hand]`

use std::hint::black_box;

use dynamo_model::Model;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let which = args.next().unwrap_or_else(|| "user".to_owned());
    let user = benches::user(1);
    let counter = benches::counter(1);
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
