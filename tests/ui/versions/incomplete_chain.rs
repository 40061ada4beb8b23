use dynamo_model::{Attribute, Model, Upgrade};

#[derive(Attribute)]
struct OrderV1 {
    id: String,
}

// Version 2 has no shape: items stamped 2 could not be read.
#[derive(Model)]
#[dynamo(schema_version = 3, old_shapes(1 = OrderV1))]
struct Order {
    #[dynamo(partition_key)]
    id: String,
}

impl Upgrade for OrderV1 {
    type Next = Order;
    fn upgrade(self) -> Order {
        Order { id: self.id }
    }
}

// No old shape at all, at version 2: unstamped items (version 1) could not be read.
#[derive(Model)]
#[dynamo(schema_version = 2)]
struct Line {
    #[dynamo(partition_key)]
    id: String,
}

fn main() {}
