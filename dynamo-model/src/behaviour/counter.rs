//! Counters: integer attributes whose updates are not edits of the item. An update that changes
//! only `#[dynamo(counter)]` attributes (or is marked with
//! [`counter_update`](crate::expr::UpdateActions::counter_update)) leaves the model's version
//! and `updated_at` alone, so a visit counter never fails a client's `if_version(v)` edit.

/// Integer types a `#[dynamo(counter)]` field can hold: DynamoDB adds to them in place.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a counter",
    label = "a #[dynamo(counter)] field is a number updates add to",
    note = "use an integer type such as u64, or `Option` of one (an absent counter starts at the first `add`)"
)]
pub trait Counter {}

macro_rules! counters {
    ($($ty:ty),*) => {$(
        impl Counter for $ty {}
        impl Counter for Option<$ty> {}
    )*};
}

counters!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);
