use dynamo_model::Model;

#[derive(Model)]
struct Order {
    #[dynamo(partition_key, alias = "order_id")]
    id: String,
    #[dynamo(alias = "total")]
    amount: u64,
    total: u64,
    #[dynamo(skip, alias = "scratch")]
    cache: String,
}

fn main() {}
