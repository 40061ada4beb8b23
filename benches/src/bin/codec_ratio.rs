//! The codec ratios measured side by side: for each conversion, rounds of 2,000 conversions by
//! dynamo-model, serde_dynamo and the hand-written code, in a rotating order so that drift in
//! the machine's speed falls on all three alike. Prints the median over the rounds of
//! serde_dynamo's time over ours (how many times faster we are) and of ours over the
//! hand-written time (1.00 = as fast).
//!
//! `cargo run --release -p benches --bin codec_ratio [ROUNDS]` (40 by default)

use std::hint::black_box;
use std::time::{Duration, Instant};

use benches::{
    Counter, ShopOrder, User, counter, counter_from_item, counter_to_item, shop_order,
    shop_order_from_item, shop_order_to_item, user, user_from_item, user_to_item,
};
use dynamo_model::{AttributeValue, Item, Model};

/// What a serde_dynamo user writes for a model in a shared table: the struct through serde,
/// the key attributes and entity name added by hand.
fn shop_order_by_serde(order: &ShopOrder) -> Item {
    let mut item: Item = serde_dynamo::to_item(order).unwrap_or_default();
    let keys = [
        ("pk", format!("CUSTOMER#{}", order.customer_id)),
        (
            "sk",
            format!("ORDER#{:010}#{}", order.placed, order.order_id),
        ),
        ("gsi1pk", format!("STATUS#{}", order.status)),
        ("gsi1sk", format!("ORDER#{}", order.order_id)),
        ("_et", "order".to_owned()),
    ];
    for (name, value) in keys {
        item.insert(name.to_owned(), AttributeValue::S(value));
    }
    item
}

const CONVERSIONS: u32 = 2_000;

/// The three ways of doing one conversion, each timed over `CONVERSIONS` runs.
struct Contenders<'a> {
    ours: Box<dyn FnMut() -> Duration + 'a>,
    serde: Box<dyn FnMut() -> Duration + 'a>,
    hand: Box<dyn FnMut() -> Duration + 'a>,
}

fn timed(mut run: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..CONVERSIONS {
        run();
    }
    start.elapsed()
}

/// A conversion from an item, timed without the clone of the input it consumes: clones are made
/// in batches small enough to stay in cache, and only the conversions are timed.
fn timed_from(item: &Item, mut read: impl FnMut(Item)) -> Duration {
    const BATCH: u32 = 20;
    let mut total = Duration::ZERO;
    for _ in 0..CONVERSIONS / BATCH {
        let inputs: Vec<Item> = (0..BATCH).map(|_| item.clone()).collect();
        let start = Instant::now();
        for input in inputs {
            read(black_box(input));
        }
        total += start.elapsed();
    }
    total
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn compare(what: &str, rounds: usize, mut contenders: Contenders) {
    let (mut vs_serde, mut vs_hand) = (Vec::new(), Vec::new());
    let mut total = [Duration::ZERO; 3];
    for round in 0..rounds + 1 {
        let mut times = [Duration::ZERO; 3];
        for turn in 0..3 {
            let which = (round + turn) % 3;
            times[which] = match which {
                0 => (contenders.ours)(),
                1 => (contenders.serde)(),
                _ => (contenders.hand)(),
            };
        }
        if round == 0 {
            continue; // warm-up
        }
        for (sum, time) in total.iter_mut().zip(times) {
            *sum += time;
        }
        let [ours, serde, hand] = times.map(|t| t.as_secs_f64());
        vs_serde.push(serde / ours);
        vs_hand.push(ours / hand);
    }
    let per = |t: Duration| t / (CONVERSIONS * rounds as u32);
    println!(
        "{what:<26} dynamo-model {:>9.1?}  serde_dynamo {:>9.1?}  hand-written {:>9.1?}   {:.2}x faster than serde_dynamo, {:.2}x hand-written",
        per(total[0]),
        per(total[1]),
        per(total[2]),
        median(vs_serde),
        median(vs_hand),
    );
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40);
    let (big, small) = (user(1), counter(1));
    let big_item = big.to_item().unwrap_or_default();
    let big_serde: Item = serde_dynamo::to_item(&big).unwrap_or_default();
    let small_item = small.to_item().unwrap_or_default();
    compare(
        "to item, 20 attributes",
        rounds,
        Contenders {
            ours: Box::new(|| timed(|| drop(black_box(black_box(&big).to_item())))),
            serde: Box::new(|| {
                timed(|| drop(black_box(serde_dynamo::to_item::<_, Item>(black_box(&big)))))
            }),
            hand: Box::new(|| timed(|| drop(black_box(user_to_item(black_box(&big)))))),
        },
    );
    compare(
        "to item, 3 attributes",
        rounds,
        Contenders {
            ours: Box::new(|| timed(|| drop(black_box(black_box(&small).to_item())))),
            serde: Box::new(|| {
                timed(|| {
                    drop(black_box(serde_dynamo::to_item::<_, Item>(black_box(
                        &small,
                    ))))
                })
            }),
            hand: Box::new(|| timed(|| drop(black_box(counter_to_item(black_box(&small)))))),
        },
    );
    compare(
        "from item, 20 attributes",
        rounds,
        Contenders {
            ours: Box::new(|| timed_from(&big_item, |i| drop(black_box(User::from_item(i))))),
            serde: Box::new(|| {
                timed_from(&big_serde, |i| {
                    drop(black_box(serde_dynamo::from_item::<_, User>(i)))
                })
            }),
            hand: Box::new(|| timed_from(&big_item, |i| drop(black_box(user_from_item(i))))),
        },
    );
    compare(
        "from item, 3 attributes",
        rounds,
        Contenders {
            ours: Box::new(|| timed_from(&small_item, |i| drop(black_box(Counter::from_item(i))))),
            serde: Box::new(|| {
                timed_from(&small_item, |i| {
                    drop(black_box(serde_dynamo::from_item::<_, Counter>(i)))
                })
            }),
            hand: Box::new(|| timed_from(&small_item, |i| drop(black_box(counter_from_item(i))))),
        },
    );
    let order = shop_order(1);
    let order_item = order.to_item().unwrap_or_default();
    compare(
        "to item, single-table",
        rounds,
        Contenders {
            ours: Box::new(|| timed(|| drop(black_box(black_box(&order).to_item())))),
            serde: Box::new(|| timed(|| drop(black_box(shop_order_by_serde(black_box(&order)))))),
            hand: Box::new(|| timed(|| drop(black_box(shop_order_to_item(black_box(&order)))))),
        },
    );
    compare(
        "from item, single-table",
        rounds,
        Contenders {
            ours: Box::new(|| {
                timed_from(&order_item, |i| drop(black_box(ShopOrder::from_item(i))))
            }),
            serde: Box::new(|| {
                timed_from(&order_item, |i| {
                    drop(black_box(serde_dynamo::from_item::<_, ShopOrder>(i)))
                })
            }),
            hand: Box::new(|| {
                timed_from(&order_item, |i| drop(black_box(shop_order_from_item(i))))
            }),
        },
    );
}
