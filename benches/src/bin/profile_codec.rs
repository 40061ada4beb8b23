//! A loop over the codec for profilers (`valgrind --tool=callgrind`): N conversions of the
//! 20-attribute model to an item and back.
//!
//! `cargo build --release -p benches --bin profile_codec && valgrind --tool=callgrind target/release/profile_codec 20000`

use std::hint::black_box;

use dynamo_model::Model;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let user = benches::user(1);
    for _ in 0..n {
        let item = black_box(&user).to_item().unwrap_or_default();
        black_box(benches::User::from_item(item).is_ok());
    }
}
