use dynamo_model::{Collection, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", partition_key = "pk", sort_key = "sk", entities(Customer, Product))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "customer", partition_key = "CUSTOMER#{id}", sort_key = "PROFILE")]
struct Customer {
    id: String,
}

#[derive(Model)]
#[dynamo(table = Shop, entity = "product", partition_key = "PRODUCT#{sku}", sort_key = "PRODUCT")]
struct Product {
    sku: String,
}

// A customer's partition holds no products: one query cannot read both.
#[derive(Collection)]
enum Mixed {
    Customer(Customer),
    Product(Product),
}

fn main() {}
