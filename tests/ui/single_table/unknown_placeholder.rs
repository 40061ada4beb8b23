use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", pk = "CUSTOMER#{custmer_id}", sk = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
}

fn main() {}
