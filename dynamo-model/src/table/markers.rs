//! The marker table of a model with `#[dynamo(unique)]` attributes, created and deleted with
//! its table: `<table>-unique`, keyed by one string attribute, paid per request.

use aws_sdk_dynamodb::types::{BillingMode, KeyType as KeyRole};

use super::Spec;
use crate::db::Db;
use crate::error::Error;
use crate::operation::Operation;
use crate::schema::{KeyAttribute, KeyScalar, MARKER_KEY};

impl Spec<'_> {
    /// Creates the marker table, if the model has unique attributes (and, `if_missing`, no
    /// marker table exists yet), and waits until it is ACTIVE.
    pub(super) async fn create_markers(&self, db: &Db, if_missing: bool) -> Result<(), Error> {
        if self.schema.uniques.is_empty() {
            return Ok(());
        }
        let table = db.table_name(&self.schema.marker_table());
        let key = KeyAttribute {
            name: MARKER_KEY,
            scalar: KeyScalar::S,
        };
        let request = db
            .client()
            .create_table()
            .table_name(&table)
            .key_schema(super::key_schema_element(key, KeyRole::Hash))
            .attribute_definitions(super::attribute_definition(key))
            .billing_mode(BillingMode::PayPerRequest)
            .send();
        match crate::db::watch(request).await {
            (Ok(_), _) => {}
            (Err(e), _)
                if if_missing
                    && e.as_service_error()
                        .is_some_and(|e| e.is_resource_in_use_exception()) => {}
            (Err(e), attempts) => {
                return Err(Error::sdk(Operation::CreateTable, &table, e, attempts));
            }
        }
        self.wait_until_active(db, &table).await
    }

    /// Deletes the marker table with its table, if the model has unique attributes.
    pub(super) async fn delete_markers(&self, db: &Db) -> Result<(), Error> {
        if self.schema.uniques.is_empty() {
            return Ok(());
        }
        super::delete_table(db, &db.table_name(&self.schema.marker_table())).await
    }
}
