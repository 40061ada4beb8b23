use dynamo_model::{Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Order))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "order", partition_key = "CUSTOMER#{custmer_id}", sort_key = "ORDER#{order_id}")]
struct Order {
    customer_id: String,
    order_id: String,
}

fn main() {}
