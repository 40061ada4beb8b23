//! The benchmarks compare the derive with hand-written conversions (`benches/`): the comparison
//! is fair only if every conversion produces and reads the same item.

use benches::*;
use dynamo_model::Model;

#[test]
fn hand_written_conversions_match_the_derive() {
    let derived = user(7).to_item().unwrap();
    assert_eq!(user_to_item(&user(7)), derived);
    assert_eq!(user_from_item(derived), Some(user(7)));
    let small = counter(3).to_item().unwrap();
    assert_eq!(counter_to_item(&counter(3)), small);
    assert_eq!(counter_from_item(small), Some(counter(3)));
    let order = shop_order(2).to_item().unwrap();
    assert_eq!(shop_order_to_item(&shop_order(2)), order);
    assert_eq!(shop_order_from_item(order), Some(shop_order(2)));
}
