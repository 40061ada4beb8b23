use dynamo_model::{Collection, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order, Return))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
}

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "RETURN#{order_id}")]
struct Return {
    customer_id: String,
    order_id: String,
}

#[derive(Collection)]
enum History {
    Order(Order),
    Return(Return),
}

fn main() {}
