use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "orders", entity = "order", partition_key = "ORDER#{order_id}")]
struct Order {
    order_id: String,
}

fn main() {}
