use dynamo_model::{Collection, Model, SharedTable};

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk", entities(Customer, Product))]
struct Shop;

#[derive(Model)]
#[dynamo(table = Shop, entity = "customer", pk = "CUSTOMER#{id}", sk = "PROFILE")]
struct Customer {
    id: String,
}

#[derive(Model)]
#[dynamo(table = Shop, entity = "product", pk = "PRODUCT#{sku}", sk = "PRODUCT")]
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
