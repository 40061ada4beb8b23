// Key templates on a model go together: a sort key template needs a partition key template
// (or key fields marked `partition_key` and `sort_key` instead).
use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "orders", entity = "order", sort_key = "ORDER#{order_id}")]
struct Order {
    #[dynamo(partition_key)]
    customer: String,
    order_id: String,
}

fn main() {}
