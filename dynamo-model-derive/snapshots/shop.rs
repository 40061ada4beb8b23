// Single-table design, from the shop example (`examples/src/shop.rs`): a shared table with two
// overloaded indexes, models with key templates and relations, and a collection of a
// customer's partition.

#[derive(SharedTable)]
#[dynamo(
    name = "shop",
    partition_key = "pk",
    sort_key = "sk",
    global_index(name = "gsi1", partition_key = "gsi1pk", sort_key = "gsi1sk"),
    entities(Customer, Order)
)]
pub struct Shop;

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "customer",
    partition_key = "CUSTOMER#{username}",
    sort_key = "PROFILE",
    global_index(name = "gsi1", partition_key = "EMAIL#{email}", sort_key = "CUSTOMER"),
    has_many(orders = Order, key = username),
    has_many(view = CustomerView, collection, key = username)
)]
pub struct Customer {
    pub username: String,
    pub email: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(
    table = Shop,
    entity = "order",
    partition_key = "CUSTOMER#{username}",
    sort_key = "ORDER#{placed}#{order_id}",
    global_index(name = "gsi1", partition_key = "ORDER#{order_id}", sort_key = "ORDER")
)]
pub struct Order {
    pub username: String,
    pub customer: Ref<Customer>,
    pub order_id: String,
    pub placed: u32,
    pub total_cents: u64,
}

#[derive(Collection, Debug, Clone, PartialEq)]
pub enum CustomerView {
    Customer(Customer),
    Order(Order),
    #[dynamo(unknown)]
    Other(Item),
}
