//! Lambda's own prices: per request and per GB-second, by architecture.

use crate::function::Architecture;

/// What Lambda charges, as data you can override (like `dynamo_model::cost::Prices`).
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaPrices {
    /// Where they apply, for reports.
    pub region: String,
    /// Dollars per million requests.
    pub request_per_million: f64,
    /// Dollars per GB-second on x86_64.
    pub gb_second_x86_64: f64,
    /// Dollars per GB-second on arm64.
    pub gb_second_arm64: f64,
}

impl LambdaPrices {
    /// us-east-1: $0.20 per million requests, $0.0000166667 per GB-second on x86_64 and
    /// $0.0000133334 on arm64 (the first tier).
    pub fn us_east_1() -> Self {
        LambdaPrices {
            region: "us-east-1".to_owned(),
            request_per_million: 0.20,
            gb_second_x86_64: 0.000_016_666_7,
            gb_second_arm64: 0.000_013_333_4,
        }
    }

    /// What one invocation billed for `billed_ms` at `memory_mb` costs.
    pub fn invocation(&self, architecture: Architecture, memory_mb: u32, billed_ms: u64) -> f64 {
        let per_gb_second = match architecture {
            Architecture::X86_64 => self.gb_second_x86_64,
            Architecture::Arm64 => self.gb_second_arm64,
        };
        let gb_seconds = f64::from(memory_mb) / 1024.0 * billed_ms as f64 / 1000.0;
        self.request_per_million / 1_000_000.0 + gb_seconds * per_gb_second
    }
}

/// How the table is billed, which sets what an invocation's DynamoDB units cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Capacity {
    /// On demand: each unit at the price per million request units (the default).
    #[default]
    OnDemand,
    /// Provisioned: each unit as one second of one capacity unit, at the price per
    /// capacity-unit hour: what the invocation's share of a fully used provisioned table costs.
    Provisioned,
}

impl Capacity {
    /// What `report`'s units cost billed this way, at the report's prices.
    pub fn cost(self, report: &dynamo_model::cost::CostReport) -> f64 {
        match self {
            Capacity::OnDemand => report.on_demand,
            Capacity::Provisioned => {
                (report.write_units * report.prices.write_unit_hour
                    + report.read_units * report.prices.read_unit_hour)
                    / 3600.0
            }
        }
    }
}
