use dynamo_model::{Attribute, Model};

#[derive(Attribute)]
struct Old {
    id: String,
}

#[derive(Model)]
#[dynamo(schema_version = 2, old_shapes(1 = Old, 2 = Old))]
struct NotEarlier {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(old_shapes(1 = Old), schema_version_attribute = "v")]
struct NoVersion {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(schema_version = 0)]
struct Zero {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model)]
#[dynamo(schema_version = 1)]
struct Clash {
    #[dynamo(partition_key)]
    id: String,
    #[dynamo(rename = "_sv")]
    shape: String,
}

#[derive(Attribute)]
#[dynamo(schema_version = 2)]
struct Inside {
    id: String,
}

fn main() {}
