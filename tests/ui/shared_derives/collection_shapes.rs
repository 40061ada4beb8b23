// Each variant of a collection holds one model; one variant at most keeps unknown items.
use dynamo_model::{Collection, Item, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Customer))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "customer", partition_key = "CUSTOMER#{name}", sort_key = "PROFILE")]
struct Customer {
    name: String,
}

#[derive(Collection)]
enum CustomerView {
    Customer(Customer),
    Pair(Customer, Customer),
    #[dynamo(unknown)]
    Other(Item),
    #[dynamo(unknown)]
    Rest(Item),
}

#[derive(Collection)]
struct NotAnEnum;

#[derive(Collection)]
enum Empty {}

fn main() {}
