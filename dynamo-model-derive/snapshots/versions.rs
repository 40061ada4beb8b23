// A versioned model: items of the earlier shape (no stamp, so version 1) read through it and
// are upgraded; every whole-item write stamps the current version.

#[derive(Attribute)]
struct ParcelV1 {
    id: u32,
    weight: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "parcels", schema_version = 2, old_shapes(1 = ParcelV1))]
struct Parcel {
    #[dynamo(partition_key)]
    id: u32,
    grams: u64,
    note: Option<String>,
}
