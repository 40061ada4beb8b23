//! Consumed capacity: what DynamoDB charged for each request, summed per table, index,
//! operation and model by a [`CapacityMeter`] that a [`Db`](crate::Db) carries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::types::{Capacity, ConsumedCapacity};

/// Capacity units consumed, as DynamoDB reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Units {
    /// Read capacity units.
    pub read: f64,
    /// Write capacity units.
    pub write: f64,
    /// All capacity units (DynamoDB's `CapacityUnits`; read plus write when both are given).
    pub total: f64,
    /// How many responses reported capacity.
    pub requests: u64,
}

/// Whether an operation reads (its units are read units when DynamoDB gives only a total).
pub(crate) fn is_read(operation: &str) -> bool {
    matches!(
        operation,
        "GetItem" | "Query" | "Scan" | "BatchGetItem" | "TransactGetItems"
    )
}

impl Units {
    fn add(
        &mut self,
        operation: &str,
        capacity: Option<&Capacity>,
        consumed: Option<&ConsumedCapacity>,
    ) {
        let (read, write, total) = match (capacity, consumed) {
            (Some(c), _) => (
                c.read_capacity_units(),
                c.write_capacity_units(),
                c.capacity_units(),
            ),
            (None, Some(c)) => (
                c.read_capacity_units(),
                c.write_capacity_units(),
                c.capacity_units(),
            ),
            (None, None) => (None, None, None),
        };
        let total = total.unwrap_or(0.0);
        // Some responses (and some local engines) give only the total: it is all read units for a
        // read and all write units for a write.
        let (read, write) = match (read, write) {
            (None, None) if is_read(operation) => (total, 0.0),
            (None, None) => (0.0, total),
            (read, write) => (read.unwrap_or(0.0), write.unwrap_or(0.0)),
        };
        self.read += read;
        self.write += write;
        self.total += total;
        self.requests += 1;
    }
}

/// Where capacity was consumed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Usage {
    /// The table name.
    pub table: String,
    /// The index, or `None` for the table itself.
    pub index: Option<String>,
    /// The DynamoDB operation, e.g. `Query`.
    pub operation: &'static str,
    /// Whose items the request read or wrote: the model's Rust type name (`Order`); for a
    /// collection query, the collection's; for a batch or transaction holding items of several
    /// models in this table, their names in alphabetical order joined by ` + ` (DynamoDB reports
    /// one figure per table, so the request's units are not split between them).
    pub model: String,
}

/// Whose items a request carries: one model's, or (a batch or a transaction) each item's model
/// with the table it goes to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Models<'m> {
    One(&'static str),
    PerItem(&'m [(&'m str, &'static str)]),
}

impl Models<'_> {
    /// The models of the items in `table` (every table when `None`), as [`Usage::model`] names
    /// them.
    pub(crate) fn label(&self, table: Option<&str>) -> String {
        match self {
            Models::One(model) => (*model).to_owned(),
            Models::PerItem(items) => {
                let models: std::collections::BTreeSet<&str> = items
                    .iter()
                    .filter(|(item_table, _)| table.is_none_or(|t| t == *item_table))
                    .map(|(_, model)| *model)
                    .collect();
                models.into_iter().collect::<Vec<_>>().join(" + ")
            }
        }
    }
}

/// Sums the capacity DynamoDB reports, per table, index, operation and model. Give one to a `Db` with
/// [`Db::with_capacity_meter`](crate::Db::with_capacity_meter): from then on every request
/// through that handle asks DynamoDB for its consumed capacity (`INDEXES` detail) and adds it
/// here. Clones share the sums.
///
/// ```no_run
/// # async fn demo(db: dynamo_model::Db) -> Result<(), dynamo_model::Error> {
/// # #[derive(dynamo_model::Model)] struct Cat { #[dynamo(hash_key)] id: String }
/// use dynamo_model::capacity::CapacityMeter;
/// use dynamo_model::Model;
///
/// let meter = CapacityMeter::new();
/// let db = db.with_capacity_meter(meter.clone());
/// Cat::get(&db, "c1").await?;
/// for (usage, units) in meter.snapshot() {
///     println!(
///         "{} {} {:?} {}: {} RCU",
///         usage.model, usage.table, usage.index, usage.operation, units.read
///     );
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct CapacityMeter {
    sums: Arc<Mutex<HashMap<Usage, Units>>>,
    prices: Option<Arc<crate::cost::Prices>>,
}

impl CapacityMeter {
    /// A meter with nothing recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same meter, pricing each request as it is recorded: every request's tracing span
    /// gets a `cost_usd` field, its on-demand price.
    pub fn with_prices(mut self, prices: crate::cost::Prices) -> Self {
        self.prices = Some(Arc::new(prices));
        self
    }

    /// The prices given to [`with_prices`](Self::with_prices), if any.
    pub fn prices(&self) -> Option<&crate::cost::Prices> {
        self.prices.as_deref()
    }

    /// Adds what one response reported for one table, whose items are of `models`.
    pub(crate) fn record(
        &self,
        operation: &'static str,
        models: Models<'_>,
        consumed: &ConsumedCapacity,
    ) {
        let table = consumed.table_name().unwrap_or_default().to_owned();
        let model = models.label(Some(&table));
        let Ok(mut sums) = self.sums.lock() else {
            return;
        };
        let usage = |index: Option<&String>| Usage {
            table: table.clone(),
            index: index.cloned(),
            operation,
            model: model.clone(),
        };
        sums.entry(usage(None))
            .or_default()
            .add(operation, consumed.table(), Some(consumed));
        let indexes = consumed
            .global_secondary_indexes
            .iter()
            .flatten()
            .chain(consumed.local_secondary_indexes.iter().flatten());
        for (index, capacity) in indexes {
            sums.entry(usage(Some(index)))
                .or_default()
                .add(operation, Some(capacity), None);
        }
    }

    /// Everything recorded so far, sorted by table, index, operation and model.
    pub fn snapshot(&self) -> Vec<(Usage, Units)> {
        let mut all: Vec<(Usage, Units)> = match self.sums.lock() {
            Ok(sums) => sums.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            Err(_) => Vec::new(),
        };
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// The units recorded for one table and operation, whatever the model: the table's own
    /// share, without its indexes' (find those in [`snapshot`](Self::snapshot), by
    /// [`Usage::index`]).
    pub fn units(&self, table: &str, operation: &str) -> Units {
        self.snapshot()
            .into_iter()
            .filter(|(usage, _)| {
                usage.table == table && usage.operation == operation && usage.index.is_none()
            })
            .fold(Units::default(), |mut sum, (_, units)| {
                sum.read += units.read;
                sum.write += units.write;
                sum.total += units.total;
                sum.requests += units.requests;
                sum
            })
    }

    /// Forgets everything recorded.
    pub fn reset(&self) {
        if let Ok(mut sums) = self.sums.lock() {
            sums.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What DynamoDB reports for a put on a table with one global index (the local engine
    /// reports no index share, so this is checked here on the response's own shape).
    #[test]
    fn the_index_share_of_a_response_is_kept_apart() {
        let unit = |units: f64| Capacity::builder().capacity_units(units).build();
        let consumed = ConsumedCapacity::builder()
            .table_name("meters")
            .capacity_units(2.0)
            .table(unit(1.0))
            .global_secondary_indexes("by_kind", unit(1.0))
            .build();
        let meter = CapacityMeter::new();
        meter.record("PutItem", Models::One("Meter"), &consumed);
        meter.record("PutItem", Models::One("Meter"), &consumed);
        let snapshot = meter.snapshot();
        assert_eq!(snapshot.len(), 2, "{snapshot:?}");
        let (usage, units) = &snapshot[1];
        assert_eq!(usage.index.as_deref(), Some("by_kind"));
        assert_eq!(usage.model, "Meter");
        assert_eq!((units.write, units.requests), (2.0, 2));
        // The table's own share, without the index's.
        assert_eq!(meter.units("meters", "PutItem").write, 2.0);
    }

    /// A batch or transaction reports one figure per table: it goes to the models of that
    /// table's items, named together when there are several.
    #[test]
    fn a_request_across_models_names_each_tables_models() {
        let items = [
            ("shop", "OrderItem"),
            ("shop", "Order"),
            ("audit", "Event"),
            ("shop", "Order"),
        ];
        let models = Models::PerItem(&items);
        assert_eq!(models.label(Some("shop")), "Order + OrderItem");
        assert_eq!(models.label(Some("audit")), "Event");
        assert_eq!(models.label(None), "Event + Order + OrderItem");
        let meter = CapacityMeter::new();
        let consumed = ConsumedCapacity::builder()
            .table_name("shop")
            .capacity_units(4.0)
            .build();
        meter.record("TransactWriteItems", models, &consumed);
        let snapshot = meter.snapshot();
        assert_eq!(snapshot.len(), 1);
        assert_eq!(snapshot[0].0.model, "Order + OrderItem");
        assert_eq!(snapshot[0].1.write, 4.0);
    }
}
