//! The profile as one self-contained HTML page: no network needed to open it. A duration
//! histogram, memory against the configured size, cost by table and by model, and the
//! invocations, drawn as inline SVG; a few lines of script report what the browser laid out, so a
//! test can tell that it rendered.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::profile::Profile;

const BINS: usize = 10;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Profile {
    /// The profile as a self-contained HTML page (see `docs/harness.md`).
    pub fn to_html(&self) -> String {
        let summary = self.summary();
        let mut page = String::new();
        let title = escape(&self.function.name);
        let _ = write!(
            page,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}: profile</title><style>{STYLE}</style></head><body>\
             <h1>{title}</h1><p class=\"facts\">{} MB, {:?} timeout · {} invocations · p50 {:.2} ms · p95 {:.2} ms · max {:.2} ms · ${:.9} per invocation · ${:.2} a month at 100 a second</p>",
            self.function.memory_mb,
            self.function.timeout,
            summary.invocations,
            summary.p50.as_secs_f64() * 1000.0,
            summary.p95.as_secs_f64() * 1000.0,
            summary.max.as_secs_f64() * 1000.0,
            summary.cost_per_invocation,
            summary.monthly_cost(100.0),
        );
        page.push_str(&self.histogram());
        page.push_str(&self.memory());
        page.push_str(&self.costs());
        page.push_str(&self.rows());
        page.push_str(&format!(
            "<p id=\"rendered\"></p><script>{SCRIPT}</script></body></html>\n"
        ));
        page
    }

    fn histogram(&self) -> String {
        let durations: Vec<f64> = self
            .invocations
            .iter()
            .map(|i| i.duration.as_secs_f64() * 1000.0)
            .collect();
        let max = durations.iter().copied().fold(0.0_f64, f64::max).max(1e-3);
        let mut counts = [0usize; BINS];
        for d in &durations {
            let bin = ((d / max) * BINS as f64).floor() as usize;
            counts[bin.min(BINS - 1)] += 1;
        }
        let tallest = counts.iter().copied().max().unwrap_or(0).max(1);
        let mut svg = String::from(
            "<h2>Duration (ms)</h2><svg class=\"chart\" id=\"histogram\" viewBox=\"0 0 420 170\" role=\"img\" aria-label=\"duration histogram\">",
        );
        for (n, count) in counts.iter().enumerate() {
            let height = 130.0 * *count as f64 / tallest as f64;
            let x = 10.0 + n as f64 * 40.0;
            let from = max * n as f64 / BINS as f64;
            let _ = write!(
                svg,
                "<rect class=\"bar\" x=\"{x}\" y=\"{:.1}\" width=\"34\" height=\"{height:.1}\"><title>{count} between {from:.2} and {:.2} ms</title></rect><text x=\"{:.1}\" y=\"160\">{from:.1}</text>",
                140.0 - height,
                from + max / BINS as f64,
                x + 2.0
            );
        }
        svg.push_str("</svg>");
        svg
    }

    fn memory(&self) -> String {
        let configured = f64::from(self.function.memory_mb) * 1_048_576.0;
        match self.summary().peak_memory_bytes {
            Some(peak) => {
                let share = (peak as f64 / configured).min(1.0);
                format!(
                    "<h2>Memory</h2><svg class=\"chart\" id=\"memory\" viewBox=\"0 0 420 40\" role=\"img\" aria-label=\"memory\"><rect class=\"frame\" x=\"0\" y=\"5\" width=\"400\" height=\"24\"></rect><rect class=\"bar\" x=\"0\" y=\"5\" width=\"{:.1}\" height=\"24\"><title>{:.1} MB</title></rect></svg><p>{:.1} MB of {} MB at the high-water mark</p>",
                    400.0 * share,
                    peak as f64 / 1_048_576.0,
                    peak as f64 / 1_048_576.0,
                    self.function.memory_mb
                )
            }
            None => "<h2>Memory</h2><p>not measured (install <code>PeakAlloc</code>, or run the built binary)</p>".to_owned(),
        }
    }

    fn costs(&self) -> String {
        let mut by_table: BTreeMap<String, (f64, f64, f64)> = BTreeMap::new();
        let mut by_model: BTreeMap<String, (f64, f64, f64)> = BTreeMap::new();
        for invocation in &self.invocations {
            for (table, index, units, cost) in &invocation.dynamodb.by_table {
                let name = match index {
                    Some(index) => format!("{table} / {index}"),
                    None => table.clone(),
                };
                let entry = by_table.entry(name).or_default();
                *entry = (entry.0 + units.read, entry.1 + units.write, entry.2 + cost);
            }
            for model in &invocation.dynamodb.by_model {
                let entry = by_model.entry(model.model.clone()).or_default();
                *entry = (
                    entry.0 + model.read_units,
                    entry.1 + model.write_units,
                    entry.2 + model.on_demand,
                );
            }
        }
        let lambda: f64 = self.invocations.iter().map(|i| i.lambda_cost_usd).sum();
        let mut html = String::from("<h2>Cost</h2>");
        let bars = |title: &str, id: &str, rows: &BTreeMap<String, (f64, f64, f64)>| {
            let largest = rows.values().map(|r| r.2).fold(lambda, f64::max).max(1e-12);
            let mut svg = format!(
                "<h3>{title}</h3><svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 620 {}\">",
                26 * (rows.len() + 1) + 4
            );
            let all = rows
                .iter()
                .map(|(name, (_, _, cost))| (name.clone(), *cost))
                .chain(std::iter::once(("Lambda".to_owned(), lambda)));
            for (n, (name, cost)) in all.enumerate() {
                let y = 4 + n * 26;
                let _ = write!(
                    svg,
                    "<text x=\"0\" y=\"{}\">{}</text><rect class=\"bar\" x=\"220\" y=\"{y}\" width=\"{:.1}\" height=\"20\"><title>${cost:.9}</title></rect><text x=\"{:.1}\" y=\"{}\">${cost:.7}</text>",
                    y + 15,
                    escape(&name),
                    300.0 * cost / largest,
                    225.0 + 300.0 * cost / largest,
                    y + 15
                );
            }
            svg.push_str("</svg>");
            svg
        };
        html.push_str(&bars("By table and index", "by-table", &by_table));
        html.push_str(&bars("By model", "by-model", &by_model));
        html
    }

    fn rows(&self) -> String {
        let mut html = String::from(
            "<h2>Invocations</h2><table><tr><th>#</th><th>outcome</th><th>duration</th><th>billed</th><th>requests</th><th>RCU</th><th>WCU</th><th>cost</th></tr>",
        );
        for (n, i) in self.invocations.iter().enumerate() {
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{:.2} ms</td><td>{} ms</td><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>${:.9}</td></tr>",
                n + 1,
                escape(&i.outcome()),
                i.duration.as_secs_f64() * 1000.0,
                i.billed_ms,
                i.dynamodb.requests,
                i.dynamodb.read_units,
                i.dynamodb.write_units,
                i.cost_usd()
            );
        }
        html.push_str("</table>");
        html
    }
}

const STYLE: &str = "body{font:14px system-ui,sans-serif;margin:2em;color:#222}h1{margin-bottom:0}\
.facts{color:#555}.chart{width:640px;max-width:100%;display:block;margin:.5em 0}.bar{fill:#3b6ea8}\
.frame{fill:#eee}text{font-size:11px;fill:#444}table{border-collapse:collapse}\
td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}";

/// What the browser laid out: the bars of each chart with their drawn width, written into the
/// page so that a headless browser's DOM shows it.
const SCRIPT: &str = "(function(){var out=[];document.querySelectorAll('svg.chart').forEach(function(svg){\
var bars=svg.querySelectorAll('rect.bar');var drawn=0;bars.forEach(function(b){var r=b.getBoundingClientRect();if(r.width>0&&r.height>0){drawn++;}});\
out.push(svg.id+':'+drawn+'/'+bars.length);});var p=document.getElementById('rendered');p.setAttribute('data-rendered',out.join(' '));p.textContent='rendered '+out.join(', ');})();";
