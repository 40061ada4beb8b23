//! Consumed capacity: what DynamoDB charged for each request, summed per table, index,
//! operation and model by a [`CapacityMeter`] that a [`Db`](crate::Db) carries.

use crate::operation::Operation;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::types::{Capacity, ConsumedCapacity};

use crate::cost::{CostReport, ModelCost, Prices, Units};

/// Adds what one response reported to `units`.
fn add(
    units: &mut Units,
    operation: Operation,
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
        (None, None) if operation.is_read() => (total, 0.0),
        (None, None) => (0.0, total),
        (read, write) => (read.unwrap_or(0.0), write.unwrap_or(0.0)),
    };
    units.read += read;
    units.write += write;
    units.total += total;
    units.requests += 1;
}

/// Where capacity was consumed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Usage {
    /// The table name.
    pub table: String,
    /// The index, or `None` for the table itself.
    pub index: Option<String>,
    /// The DynamoDB operation, e.g. `Query`.
    pub operation: Operation,
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
/// # #[derive(dynamo_model::Model)] struct Cat { #[dynamo(partition_key)] id: String }
/// use dynamo_model::capacity::CapacityMeter;
/// use dynamo_model::{Model, ModelExt};
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
    prices: Option<Arc<Prices>>,
}

impl CapacityMeter {
    /// A meter with nothing recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same meter, pricing each request as it is recorded: every request's tracing span
    /// gets a `cost_usd` field, its on-demand price.
    pub fn with_prices(mut self, prices: Prices) -> Self {
        self.prices = Some(Arc::new(prices));
        self
    }

    /// The prices given to [`with_prices`](Self::with_prices), if any.
    pub fn prices(&self) -> Option<&Prices> {
        self.prices.as_deref()
    }

    /// Adds what one response reported for one table, whose items are of `models`.
    pub(crate) fn record(
        &self,
        operation: Operation,
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
        let table_units = sums.entry(usage(None)).or_default();
        add(table_units, operation, consumed.table(), Some(consumed));
        let indexes = consumed
            .global_secondary_indexes
            .iter()
            .flatten()
            .chain(consumed.local_secondary_indexes.iter().flatten());
        for (index, capacity) in indexes {
            add(
                sums.entry(usage(Some(index))).or_default(),
                operation,
                Some(capacity),
                None,
            );
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
    pub fn units(&self, table: &str, operation: Operation) -> Units {
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

impl CapacityMeter {
    /// Prices everything recorded so far with `prices`.
    pub fn report(&self, prices: &Prices) -> CostReport {
        let mut report = CostReport {
            requests: 0,
            reads: 0,
            writes: 0,
            write_units: 0.0,
            read_units: 0.0,
            on_demand: 0.0,
            by_table: Vec::new(),
            by_model: Vec::new(),
            prices: prices.clone(),
        };
        let mut by_model: std::collections::BTreeMap<String, ModelCost> = Default::default();
        for (usage, units) in self.snapshot() {
            let dollars = prices.on_demand(&units);
            report.write_units += units.write;
            report.read_units += units.read;
            report.on_demand += dollars;
            let model = by_model
                .entry(usage.model.clone())
                .or_insert_with(|| ModelCost {
                    model: usage.model.clone(),
                    requests: 0,
                    write_units: 0.0,
                    read_units: 0.0,
                    on_demand: 0.0,
                });
            model.write_units += units.write;
            model.read_units += units.read;
            model.on_demand += dollars;
            // An index's share belongs to a request already counted for its table.
            if usage.index.is_none() {
                model.requests += units.requests;
                report.requests += units.requests;
                if usage.operation.is_read() {
                    report.reads += units.requests;
                } else {
                    report.writes += units.requests;
                }
            }
            report
                .by_table
                .push((usage.table, usage.index, units, dollars));
        }
        report.by_model = by_model.into_values().collect();
        report
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
        meter.record(Operation::PutItem, Models::One("Meter"), &consumed);
        meter.record(Operation::PutItem, Models::One("Meter"), &consumed);
        let snapshot = meter.snapshot();
        assert_eq!(snapshot.len(), 2, "{snapshot:?}");
        let (usage, units) = &snapshot[1];
        assert_eq!(usage.index.as_deref(), Some("by_kind"));
        assert_eq!(usage.model, "Meter");
        assert_eq!((units.write, units.requests), (2.0, 2));
        // The table's own share, without the index's.
        assert_eq!(meter.units("meters", Operation::PutItem).write, 2.0);
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
        meter.record(Operation::TransactWriteItems, models, &consumed);
        let snapshot = meter.snapshot();
        assert_eq!(snapshot.len(), 1);
        assert_eq!(snapshot[0].0.model, "Order + OrderItem");
        assert_eq!(snapshot[0].1.write, 4.0);
    }

    #[test]
    fn a_report_prices_what_the_meter_recorded() {
        let meter = CapacityMeter::new();
        let consumed = |table: &str, units: f64| {
            ConsumedCapacity::builder()
                .table_name(table)
                .capacity_units(units)
                .table(Capacity::builder().capacity_units(units).build())
                .build()
        };
        meter.record(
            Operation::PutItem,
            Models::One("Order"),
            &consumed("shop", 1.0),
        );
        meter.record(
            Operation::PutItem,
            Models::One("OrderItem"),
            &consumed("shop", 2.0),
        );
        meter.record(
            Operation::GetItem,
            Models::One("Order"),
            &consumed("shop", 0.5),
        );
        let report = meter.report(&Prices::us_east_1());
        assert_eq!((report.requests, report.writes, report.reads), (3, 2, 1));
        assert_eq!((report.write_units, report.read_units), (3.0, 0.5));
        // 3 WRU at $0.625/M and 0.5 RRU at $0.125/M.
        let expected = (3.0 * 0.625 + 0.5 * 0.125) / 1_000_000.0;
        assert!((report.on_demand - expected).abs() < 1e-15);
        assert_eq!(
            report.to_string(),
            "3 requests (2 writes, 1 read): 3 WCU, 0.5 RCU, $0.0000019 on demand (us-east-1, standard)"
        );
        // Per model: Order's put and get, OrderItem's put.
        let order = &report.by_model[0];
        assert_eq!(order.model, "Order");
        assert_eq!(
            (order.requests, order.write_units, order.read_units),
            (2, 1.0, 0.5)
        );
        let item = &report.by_model[1];
        assert_eq!(item.model, "OrderItem");
        assert_eq!(
            (item.requests, item.write_units, item.read_units),
            (1, 2.0, 0.0)
        );
        let sum: f64 = report.by_model.iter().map(|m| m.on_demand).sum();
        assert!((sum - report.on_demand).abs() < 1e-15);
        assert_eq!(
            format!("{report:#}"),
            "3 requests (2 writes, 1 read): 3 WCU, 0.5 RCU, $0.0000019 on demand (us-east-1, standard)\n  Order: 2 requests, 1 WCU, 0.5 RCU, $0.0000007\n  OrderItem: 1 request, 2 WCU, 0 RCU, $0.0000013"
        );
        let ia = meter.report(&Prices::us_east_1_infrequent_access());
        assert!(ia.on_demand > report.on_demand);
        assert!(
            (Prices::us_east_1().provisioned_hour(crate::cost::Throughput {
                read: 10,
                write: 10
            }) - 0.0078)
                .abs()
                < 1e-12
        );
    }
}
