// A collection's variant takes `unknown` only; a misspelling gets a hint, and code using the
// collection reports nothing more.
use dynamo_model::prelude::*;
use dynamo_model::{Collection, Item, SharedTable};

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
    #[dynamo(unknwn)]
    Other(Item),
}

async fn read(db: &Db) -> Result<Vec<CustomerView>, Error> {
    CustomerView::query(db, "alice").await
}

fn main() {}
