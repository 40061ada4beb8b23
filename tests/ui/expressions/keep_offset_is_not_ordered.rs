use dynamo_model::prelude::*;
use dynamo_model::value::KeepOffset;

#[derive(Model)]
struct Booking {
    #[dynamo(partition_key)]
    id: String,
    local: KeepOffset<chrono::DateTime<chrono::FixedOffset>>,
}

#[derive(Model)]
struct ByLocalTime {
    #[dynamo(partition_key)]
    local: KeepOffset<chrono::DateTime<chrono::FixedOffset>>,
}

fn main() {
    let f = Booking::fields();
    let now = KeepOffset(chrono::DateTime::parse_from_rfc3339("2024-06-01T09:30:00+02:00").unwrap());
    let _ = f.local.lt(now);
}
