use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "orders", entity = "order", pk = "ORDER#{order_id}")]
struct Order {
    order_id: String,
}

fn main() {}
