use dynamo_model::{Attribute, Model, Upgrade};

#[derive(Attribute)]
struct OrderV1 {
    id: String,
}

#[derive(Attribute)]
struct OrderV2 {
    id: String,
}

// Version 1 has no way to version 2: there is no `impl Upgrade for OrderV1`.
#[derive(Model)]
#[dynamo(schema_version = 3, old_shapes(1 = OrderV1, 2 = OrderV2))]
struct Order {
    #[dynamo(partition_key)]
    id: String,
}

impl Upgrade for OrderV2 {
    type Next = Order;
    fn upgrade(self) -> Order {
        Order { id: self.id }
    }
}

fn main() {}
