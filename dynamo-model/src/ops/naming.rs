//! The names a `Db` gives a model's table: `Db`'s methods that take a model, which sit here,
//! above the client, so that the client knows no model.

use crate::db::Db;
use crate::model::Model;

impl Db {
    /// Uses exactly `name` for model `M`'s table, whatever the derive named it and without the
    /// prefix or suffix: for a table whose name infrastructure code chose and passed in, e.g.
    /// through an environment variable. Every operation, batch, transaction and cursor of `M`
    /// through this handle uses it.
    ///
    /// ```no_run
    /// # async fn demo() {
    /// # #[derive(dynamo_model::Model)] #[dynamo(table = "cats")] struct Cat { #[dynamo(partition_key)] id: String }
    /// let table = std::env::var("CATS_TABLE").unwrap_or_else(|_| "cats".into());
    /// let db = dynamo_model::Db::from_env().await.with_table_name::<Cat>(table);
    /// # }
    /// ```
    pub fn with_table_name<M: Model>(self, name: impl Into<String>) -> Self {
        self.with_exact_table_name(M::SCHEMA.table, name.into())
    }

    /// The name this handle uses for model `M`'s table.
    pub fn table_name_of<M: Model>(&self) -> String {
        self.table_name(M::SCHEMA.table)
    }
}
