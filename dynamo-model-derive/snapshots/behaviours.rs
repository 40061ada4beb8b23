// A model with every behaviour a field can ask for: a sort key, two indexes, defaults,
// validation, a unique attribute, a counter beside a version, timestamps, TTL and hooks.

#[derive(Model, Debug)]
#[dynamo(
    table = "bookings",
    rename_all = "camelCase",
    hooks,
    global_index(name = "by_guest", partition_key = "guest", sort_key = "from_day"),
    local_index(name = "by_room", sort_key = "room")
)]
struct Booking {
    #[dynamo(partition_key)]
    hotel: String,
    #[dynamo(sort_key)]
    id: u64,
    #[dynamo(validate(non_blank, max_length = 40))]
    guest: String,
    #[dynamo(unique)]
    reference: String,
    from_day: u32,
    #[dynamo(validate(min = 1, max = 30))]
    nights: u8,
    room: Option<String>,
    #[dynamo(default = "standard")]
    rate: String,
    #[dynamo(counter)]
    changes: u64,
    #[dynamo(version)]
    version: u64,
    #[dynamo(created_at)]
    created: u64,
    #[dynamo(updated_at, with = dynamo_model::with::epoch_millis)]
    updated: std::time::SystemTime,
    #[dynamo(ttl, with = dynamo_model::with::epoch_seconds)]
    expires: std::time::SystemTime,
    #[dynamo(skip)]
    loaded: bool,
}
