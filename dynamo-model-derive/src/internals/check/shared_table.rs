//! The rules of a `#[derive(SharedTable)]` struct: a unit struct, a partition key attribute,
//! the models stored in it listed, valid and distinct names.

use syn::DeriveInput;

use super::is_valid_name;
use crate::internals::attr::SharedTableAttrs;
use crate::internals::ctxt::Ctxt;

/// Reports every rule the shared table's declaration breaks.
pub fn check_shared_table(cx: &Ctxt, input: &DeriveInput, attrs: &SharedTableAttrs) {
    let ident = &input.ident;
    let unit =
        matches!(&input.data, syn::Data::Struct(data) if matches!(data.fields, syn::Fields::Unit));
    if !unit {
        cx.error_spanned_by(
            ident,
            "#[derive(SharedTable)] is for a unit struct (`struct Shop;`): it declares a table, its models hold the data",
        );
    }
    if attrs.entities.is_empty() {
        cx.error_spanned_by(
            ident,
            "a shared table lists the models stored in it, so that their entity names are checked against each other: add `entities(Customer, Order)` to its #[dynamo(...)]",
        );
    }
    if attrs.partition_key.is_none() {
        cx.error_spanned_by(
            ident,
            "a shared table needs its partition key attribute: #[dynamo(partition_key = \"pk\")]",
        );
    }
    let name = attrs
        .name
        .as_ref()
        .map_or_else(|| ident.to_string(), syn::LitStr::value);
    if !is_valid_name(&name) {
        let message = format!(
            "invalid DynamoDB table name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"
        );
        match &attrs.name {
            Some(lit) => cx.error_spanned_by(lit, message),
            None => cx.error_spanned_by(ident, message),
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for index in &attrs.indexes {
        let name = index.name.value();
        if seen.contains(&name) {
            cx.error_spanned_by(
                &index.name,
                format!("the shared table declares global index `{name}` twice"),
            );
        }
        if !is_valid_name(&name) {
            cx.error_spanned_by(
                &index.name,
                format!("invalid DynamoDB index name `{name}`: use 3 to 255 characters of a-z, A-Z, 0-9, `_`, `.` and `-`"),
            );
        }
        seen.push(name);
    }
}
