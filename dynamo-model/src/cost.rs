//! What requests cost: the capacity an item will consume, predicted from its size before it is
//! sent, and the price of what a [`CapacityMeter`](crate::capacity::CapacityMeter) recorded, from a
//! table of DynamoDB's prices that a caller can replace.
//!
//! ```
//! use dynamo_model::capacity::CapacityMeter;
//! use dynamo_model::cost::Units;
//! use dynamo_model::cost::{self, Prices, Read};
//!
//! // Before sending: a 3.5 KB item costs 4 write units to put, 1 read unit to read consistently.
//! assert_eq!(cost::write_units(3_500), 4.0);
//! assert_eq!(cost::read_units(3_500, Read::Strong), 1.0);
//!
//! // After: what one handler invocation's requests cost, on demand.
//! let meter = CapacityMeter::new();
//! // ... requests through `db.with_capacity_meter(meter.clone())` ...
//! let report = meter.report(&Prices::us_east_1());
//! println!("this request: {report}");
//! ```

use std::fmt;

use crate::schema::{IndexAttributes, IndexSchema, Schema};
use crate::value::{Item, attribute_size, item_size};
use aws_sdk_dynamodb::types::AttributeValue;

/// DynamoDB's storage classes, which price throughput differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageClass {
    /// `STANDARD`.
    Standard,
    /// `STANDARD_INFREQUENT_ACCESS`: cheaper storage, dearer requests.
    InfrequentAccess,
}

/// The prices of DynamoDB throughput in one region and storage class, in US dollars.
///
/// The presets are AWS's published list prices for us-east-1 after the on-demand price reduction
/// of November 2024; prices differ by region and change, so check the
/// [pricing page](https://aws.amazon.com/dynamodb/pricing/) and build your own with the fields
/// when they do not fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Prices {
    /// Where these prices apply, for reports, e.g. `us-east-1`.
    pub region: String,
    /// The storage class they apply to.
    pub class: StorageClass,
    /// On demand: dollars per million write request units.
    pub write_per_million: f64,
    /// On demand: dollars per million read request units.
    pub read_per_million: f64,
    /// Provisioned: dollars per write capacity unit per hour.
    pub write_unit_hour: f64,
    /// Provisioned: dollars per read capacity unit per hour.
    pub read_unit_hour: f64,
}

impl Prices {
    /// us-east-1, standard class: $0.625 per million write and $0.125 per million read request
    /// units on demand; $0.00065 per WCU-hour and $0.00013 per RCU-hour provisioned.
    pub fn us_east_1() -> Self {
        Prices {
            region: "us-east-1".to_owned(),
            class: StorageClass::Standard,
            write_per_million: 0.625,
            read_per_million: 0.125,
            write_unit_hour: 0.000_65,
            read_unit_hour: 0.000_13,
        }
    }

    /// us-east-1, standard-infrequent-access class: $0.78125 per million write and $0.15625 per
    /// million read request units on demand; $0.00081 per WCU-hour and $0.00016 per RCU-hour
    /// provisioned.
    pub fn us_east_1_infrequent_access() -> Self {
        Prices {
            region: "us-east-1".to_owned(),
            class: StorageClass::InfrequentAccess,
            write_per_million: 0.781_25,
            read_per_million: 0.156_25,
            write_unit_hour: 0.000_81,
            read_unit_hour: 0.000_16,
        }
    }

    /// What `units` cost on demand.
    pub fn on_demand(&self, units: &Units) -> f64 {
        (units.write * self.write_per_million + units.read * self.read_per_million) / 1_000_000.0
    }

    /// What provisioning `throughput` costs per hour.
    ///
    /// ```
    /// use dynamo_model::cost::{Prices, Throughput};
    ///
    /// let hour = Prices::us_east_1().provisioned_hour(Throughput { read: 10, write: 10 });
    /// assert!((hour - 0.0078).abs() < 1e-12);
    /// ```
    pub fn provisioned_hour(&self, throughput: Throughput) -> f64 {
        f64::from(throughput.write) * self.write_unit_hour
            + f64::from(throughput.read) * self.read_unit_hour
    }
}

/// Provisioned throughput: read and write capacity units per second, named so that they cannot
/// be swapped. [`Table::provisioned`](crate::table::Table::provisioned) takes it, and
/// [`Prices::provisioned_hour`] prices it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Throughput {
    /// Read capacity units (RCU).
    pub read: u32,
    /// Write capacity units (WCU).
    pub write: u32,
}

/// How a read is made, which sets what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Eventually consistent (the default of every read but a transaction's): half a unit per
    /// 4 KB.
    Eventual,
    /// Strongly consistent (`.consistent_read(true)`): a unit per 4 KB.
    Strong,
    /// In a read transaction: two units per 4 KB.
    Transactional,
}

/// The write units a put, update or delete of an item of `item_size` bytes consumes on the
/// table: one per KB, rounded up, at least one (twice that inside a write transaction). The size
/// is DynamoDB's count, which [`crate::value::item_size`] gives; for a write that
/// replaces or changes an item, the larger of the item before and after.
///
/// A table with secondary indexes charges the indexes too: [`write_cost`] adds their share.
pub fn write_units(item_size: usize) -> f64 {
    item_size.div_ceil(1024).max(1) as f64
}

/// Whether a write is made alone or inside a write transaction, which doubles the table's share
/// (not the indexes').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// `PutItem`, `UpdateItem`, `DeleteItem`, or one item of a `BatchWriteItem`.
    Single,
    /// One action of a `TransactWriteItems`.
    Transactional,
}

/// What one write of one item consumes: the table's write units and each secondary index's, as
/// DynamoDB reports them with `ReturnConsumedCapacity=INDEXES`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WriteCost {
    /// The table's share.
    pub table: f64,
    /// Each index the write changed, by name, in the order the schema declares them. An index
    /// whose stored entry the write left as it was is not listed: it costs nothing.
    pub indexes: Vec<(&'static str, f64)>,
}

impl WriteCost {
    /// The table's and every index's units together: what the request's `CapacityUnits` says.
    pub fn total(&self) -> f64 {
        self.table + self.indexes.iter().map(|(_, units)| units).sum::<f64>()
    }

    /// The units of the index `name`, zero when the write left it alone.
    pub fn index(&self, name: &str) -> f64 {
        self.indexes
            .iter()
            .filter(|(index, _)| *index == name)
            .map(|(_, units)| units)
            .sum()
    }

    /// Adds another write's cost, for a batch or a transaction of several items.
    pub fn add(&mut self, other: &WriteCost) {
        self.table += other.table;
        for (name, units) in &other.indexes {
            match self.indexes.iter_mut().find(|(index, _)| index == name) {
                Some((_, sum)) => *sum += units,
                None => self.indexes.push((name, *units)),
            }
        }
    }
}

/// What writing `after` where `before` was consumes on a table with `schema`'s keys and
/// indexes: `before` is `None` when no item had the key, `after` is `None` for a delete. Both
/// are whole items as stored (read them with a get, or take the `ALL_OLD`/`ALL_NEW` return
/// values).
///
/// The table is charged on the larger of the two items. Each index is charged on its own entry,
/// the item's keys and the attributes it projects, by DynamoDB's rules:
///
/// | entry before | entry after | index write units |
/// |---|---|---|
/// | none (the item lacked an index key attribute) | none | nothing |
/// | none | present | the new entry's |
/// | present | none | the old entry's (a delete) |
/// | present | same index key, same projected values | nothing |
/// | present | same index key, other values | the larger entry's |
/// | present | another index key | the old entry's plus the new one's (a delete and a put) |
///
/// ```
/// use dynamo_model::cost::{self, Write};
/// use dynamo_model::prelude::*;
///
/// #[derive(Model)]
/// #[dynamo(global_index(name = "by_status", partition_key = "status"))]
/// struct Order {
///     #[dynamo(partition_key)]
///     id: String,
///     status: String,
/// }
///
/// let placed = Order { id: "o1".into(), status: "placed".into() }.to_item()?;
/// let shipped = Order { id: "o1".into(), status: "shipped".into() }.to_item()?;
/// // Creating it writes the table and the index once each.
/// let create = cost::write_cost(&Order::SCHEMA, None, Some(&placed), Write::Single);
/// assert_eq!((create.table, create.index("by_status")), (1.0, 1.0));
/// // Changing the index key moves its entry: a delete and a put on the index.
/// let ship = cost::write_cost(&Order::SCHEMA, Some(&placed), Some(&shipped), Write::Single);
/// assert_eq!((ship.table, ship.index("by_status"), ship.total()), (1.0, 2.0, 3.0));
/// # Ok::<(), dynamo_model::Error>(())
/// ```
pub fn write_cost(
    schema: &Schema,
    before: Option<&Item>,
    after: Option<&Item>,
    write: Write,
) -> WriteCost {
    let size = before.into_iter().chain(after).map(item_size).max();
    let mut table = write_units(size.unwrap_or(0));
    if write == Write::Transactional {
        table *= 2.0;
    }
    let indexes = schema
        .indexes
        .iter()
        .filter_map(|index| {
            let old = before.and_then(|item| IndexEntry::of(schema, index, item));
            let new = after.and_then(|item| IndexEntry::of(schema, index, item));
            index_units(old, new).map(|units| (index.name, units))
        })
        .collect();
    WriteCost { table, indexes }
}

/// The write units one index is charged for an entry changing from `old` to `new`, `None` when
/// it does not change.
fn index_units(old: Option<IndexEntry<'_>>, new: Option<IndexEntry<'_>>) -> Option<f64> {
    match (old, new) {
        (None, None) => None,
        (None, Some(entry)) | (Some(entry), None) => Some(entry.units()),
        (Some(old), Some(new)) if old.key != new.key => Some(old.units() + new.units()),
        (Some(old), Some(new)) if same_values(&old.attributes, &new.attributes) => None,
        (Some(old), Some(new)) => Some(old.units().max(new.units())),
    }
}

/// What an index stores of an item: the values of its key, and every attribute it holds.
struct IndexEntry<'i> {
    key: Vec<&'i AttributeValue>,
    attributes: Vec<(&'i str, &'i AttributeValue)>,
}

impl<'i> IndexEntry<'i> {
    /// The entry of `item` in `index`, or `None` when the item lacks one of the index's key
    /// attributes and so is not in the index.
    fn of(schema: &Schema, index: &IndexSchema, item: &'i Item) -> Option<Self> {
        let index_keys: Vec<&str> = index
            .partition_keys()
            .chain(index.sort_keys())
            .map(|key| key.name)
            .collect();
        let key = index_keys
            .iter()
            .map(|name| item.get(*name))
            .collect::<Option<Vec<_>>>()?;
        let is_key = |name: &str| {
            name == schema.partition_key.name
                || schema.sort_key.is_some_and(|k| k.name == name)
                || index_keys.contains(&name)
        };
        let attributes = item
            .iter()
            .filter(|(name, _)| match index.attributes {
                IndexAttributes::All => true,
                IndexAttributes::KeysOnly => is_key(name),
                IndexAttributes::Include(names) => is_key(name) || names.contains(&name.as_str()),
            })
            .map(|(name, value)| (name.as_str(), value))
            .collect();
        Some(IndexEntry { key, attributes })
    }

    fn units(&self) -> f64 {
        let size = self
            .attributes
            .iter()
            .map(|(name, value)| name.len() + attribute_size(value))
            .sum();
        write_units(size)
    }
}

/// Whether two entries hold the same values, as DynamoDB compares them: set members in any
/// order.
fn same_values(old: &[(&str, &AttributeValue)], new: &[(&str, &AttributeValue)]) -> bool {
    old.len() == new.len()
        && old.iter().all(|(name, value)| {
            new.iter()
                .any(|(other, new_value)| other == name && same_value(value, new_value))
        })
}

fn same_value(a: &AttributeValue, b: &AttributeValue) -> bool {
    fn same_set<T: Ord>(a: &[T], b: &[T]) -> bool {
        let mut a: Vec<&T> = a.iter().collect();
        let mut b: Vec<&T> = b.iter().collect();
        a.sort_unstable();
        b.sort_unstable();
        a == b
    }
    match (a, b) {
        (AttributeValue::Ss(a), AttributeValue::Ss(b))
        | (AttributeValue::Ns(a), AttributeValue::Ns(b)) => same_set(a, b),
        (AttributeValue::Bs(a), AttributeValue::Bs(b)) => {
            let bytes = |set: &[aws_sdk_dynamodb::primitives::Blob]| -> Vec<Vec<u8>> {
                set.iter().map(|b| b.as_ref().to_vec()).collect()
            };
            same_set(&bytes(a), &bytes(b))
        }
        (AttributeValue::L(a), AttributeValue::L(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        (AttributeValue::M(a), AttributeValue::M(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(name, value)| b.get(name).is_some_and(|other| same_value(value, other)))
        }
        _ => a == b,
    }
}

/// The read units a read of an item of `item_size` bytes consumes: per 4 KB rounded up (at
/// least one), half a unit eventually consistent, one strongly consistent, two in a transaction.
/// A query or scan sums the sizes of the items it reads before rounding.
pub fn read_units(item_size: usize, read: Read) -> f64 {
    let blocks = item_size.div_ceil(4096).max(1) as f64;
    match read {
        Read::Eventual => blocks / 2.0,
        Read::Strong => blocks,
        Read::Transactional => blocks * 2.0,
    }
}

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

/// What a meter recorded, priced: the report of one handler invocation, one test, or one batch
/// job. Its `Display` is one line: `3 requests (2 writes, 1 read): 2 WCU, 0.5 RCU, $0.0000013
/// on demand (us-east-1, standard)`; the alternate form (`{:#}`) adds a line per model:
///
/// ```text
/// 3 requests (2 writes, 1 read): 2 WCU, 0.5 RCU, $0.0000013 on demand (us-east-1, standard)
///   Order: 2 requests, 1 WCU, 0.5 RCU, $0.0000007
///   OrderItem: 1 request, 1 WCU, 0 RCU, $0.0000006
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostReport {
    /// Requests that reported capacity.
    pub requests: u64,
    /// Of those, the reads (get, query, scan, batch get, read transaction).
    pub reads: u64,
    /// Of those, the writes.
    pub writes: u64,
    /// Write units, the tables' and their indexes' shares together.
    pub write_units: f64,
    /// Read units, likewise.
    pub read_units: f64,
    /// What they cost on demand, in US dollars.
    pub on_demand: f64,
    /// Per table (`None` index), index, operation and model, as the meter's
    /// [`snapshot`](crate::capacity::CapacityMeter::snapshot) lists them: units and their on-demand
    /// cost.
    pub by_table: Vec<(String, Option<String>, Units, f64)>,
    /// Per model (as [`Usage::model`](crate::capacity::Usage::model) names it), in
    /// alphabetical order: every table, index and operation its requests went through.
    pub by_model: Vec<ModelCost>,
    /// The prices used.
    pub prices: Prices,
}

/// What one model's requests cost, the shares of its table and indexes together.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCost {
    /// The model, as [`Usage::model`](crate::capacity::Usage::model) names it.
    pub model: String,
    /// Requests that carried its items and reported capacity.
    pub requests: u64,
    /// Write units.
    pub write_units: f64,
    /// Read units.
    pub read_units: f64,
    /// What they cost on demand, in US dollars.
    pub on_demand: f64,
}

impl fmt::Display for CostReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let class = match self.prices.class {
            StorageClass::Standard => "standard",
            StorageClass::InfrequentAccess => "infrequent access",
        };
        write!(
            f,
            "{} ({}, {}): {} WCU, {} RCU, ${:.7} on demand ({}, {class})",
            plural(self.requests, "request"),
            plural(self.writes, "write"),
            plural(self.reads, "read"),
            self.write_units,
            self.read_units,
            self.on_demand,
            self.prices.region,
        )?;
        if f.alternate() {
            for model in &self.by_model {
                write!(
                    f,
                    "\n  {}: {}, {} WCU, {} RCU, ${:.7}",
                    model.model,
                    plural(model.requests, "request"),
                    model.write_units,
                    model.read_units,
                    model.on_demand,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_dynamodbs_rounding() {
        assert_eq!(write_units(0), 1.0);
        assert_eq!(write_units(1024), 1.0);
        assert_eq!(write_units(1025), 2.0);
        assert_eq!(write_units(400 * 1024), 400.0);
        assert_eq!(read_units(100, Read::Eventual), 0.5);
        assert_eq!(read_units(4097, Read::Eventual), 1.0);
        assert_eq!(read_units(4097, Read::Strong), 2.0);
        assert_eq!(read_units(8192, Read::Transactional), 4.0);
    }
}
