use dynamo_model::{Collection, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order, Return))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{customer_id}", sk = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
}

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{customer_id}", sk = "RETURN#{order_id}")]
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
