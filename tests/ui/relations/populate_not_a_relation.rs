use dynamo_model::prelude::*;

#[derive(Model, Clone)]
#[dynamo(has_many(orders = Order, key = id))]
struct Customer {
    #[dynamo(partition_key)]
    id: String,
}

#[derive(Model, Clone)]
struct Order {
    #[dynamo(partition_key)]
    id: String,
    customer: Ref<Customer>,
}

async fn demo(db: &Db, orders: Vec<Order>) {
    // A relation of `Customer`, not of `Order`.
    let _ = Order::populate(db, orders.clone(), Customer::relations().orders).await;
    // Not a relation at all.
    let _ = Order::populate(db, orders, Order::fields().id).await;
}

fn main() {}
