use dynamo_model::{Collection, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order, OrderItem))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
}

// "ORDER#" is a prefix of "ORDER#ITEM#": a query of orders would read order items too.
#[derive(Model)]
#[dynamo(table = Shop, entity = "order_item", partition_key = "CUSTOMER#{customer_id}", sort_key = "ORDER#ITEM#{line}")]
struct OrderItem {
    customer_id: String,
    line: u32,
}

#[derive(Collection)]
enum Orders {
    Order(Order),
    Item(OrderItem),
}

fn main() {}
