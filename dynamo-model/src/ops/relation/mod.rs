//! Relations between models: typed references ([`Ref`]), children found by a query
//! (`has_many`), and populate, which reads what relations name in as few requests as DynamoDB
//! allows. The guide's `docs/relations.md` has the whole story.
//!
//! - A field of type `Ref<T>`, `Option<Ref<T>>` or `Vec<Ref<T>>` stores the referenced items'
//!   keys. `Order::relations().customer` names the relation.
//! - `#[dynamo(has_many(orders = Order, key = username))]` on `Customer` declares that a
//!   customer's orders are `Order::query(db, &customer.username)` (or, with `index = gsi1`, a
//!   query of `Order`'s index): `customer.orders(db)` is that query, and
//!   `Customer::relations().orders` the relation.
//! - [`ModelExt::populate`](crate::ModelExt::populate) (many items), `item.load(db, ..)` (one),
//!   [`Page::populate`](crate::ops::Page::populate) and [`PopulateStream::populate`] (a stream)
//!   read every item's relations at once: references by `BatchGetItem`, each distinct key once
//!   and up to 100 keys a call, unprocessed keys retried; has-many by one `Query` per parent, a
//!   bounded number at a time. What comes back is typed and already read: [`Resolved<T>`] per
//!   reference, [`Children<C>`] per has-many. A reference whose item is missing is reported on
//!   that reference ([`Unresolved`]), never dropped and never an error for the whole page.
//!
//! ```
//! use dynamo_model::prelude::*;
//! use dynamo_model::Ref;
//!
//! #[derive(Model, Clone, Debug)]
//! #[dynamo(table = "customers", has_many(orders = Order, index = by_customer, key = id))]
//! struct Customer {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     name: String,
//! }
//!
//! #[derive(Model, Clone, Debug)]
//! #[dynamo(table = "orders", global_index(name = "by_customer", partition_key = "customer_id"))]
//! struct Order {
//!     #[dynamo(partition_key)]
//!     id: String,
//!     customer_id: String,
//!     customer: Ref<Customer>,
//! }
//!
//! # async fn demo(db: &Db) -> Result<(), Error> {
//! let orders = Order::scan(db).await?;
//! // One BatchGetItem per 100 distinct customers, however many orders share them.
//! for (order, customer) in Order::populate(db, orders, Order::relations().customer).await {
//!     let customer = customer?; // the customer, or why it could not be read
//!     println!("{} ordered by {}", order.id, customer.name);
//! }
//! let alice = Customer::get(db, "alice").await?.expect("alice");
//! let alices_orders = alice.orders(db).await?; // one Query, every page
//! # Ok(()) }
//! ```

mod fetch;
mod include;
mod populate;
mod reference;
mod shape;

pub use crate::error::{Unread, Unresolved};
pub use fetch::Fetched;
pub use include::{Children, HasMany, Include, PopulateOptions, RefField, Relation, Then};
pub use populate::{Load, Populate, PopulateStream, children_of};
pub use reference::{PartitionKeyOnly, Ref, as_value};
pub use shape::RefShape;

/// A reference once populated: the referenced item, or why there is none.
pub type Resolved<T> = Result<T, Unresolved>;

/// The relations of a model, from `#[derive(Model)]`: one public field per `Ref` field and per
/// `has_many` declaration, each a relation a populate can load.
pub trait Related {
    /// The struct of the model's relations.
    type Relations;

    /// The model's relations: `Order::relations().customer`.
    fn relations() -> Self::Relations;
}
