//! Non-interactive output of a plan: aligned text, Markdown, JSON and CSV, over `&mut dyn Write`.

pub mod compare;
pub mod csv;
pub mod drivers;
pub mod grid;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod sections;
pub mod table;

use std::io::{self, Write};

use crate::engine::plan::Plan;
use crate::engine::scenario::Scenario;

/// Every input of a scenario as people type it: `(key, value)` in key-table order; a ranged input as its
/// range (`30000..60000`).
pub fn input_values(s: &Scenario) -> Vec<(&'static str, String)> {
    use crate::engine::params::{Kind, PARAMS, plain_number};
    PARAMS
        .iter()
        .map(|p| {
            let v = match p.kind {
                Kind::Number { .. } if s.ranges.contains_key(p.key) => {
                    s.ranges[p.key].text(plain_number)
                }
                Kind::Number { get, .. } => plain_number(get(s)),
                Kind::Choice { get, .. } => get(s).to_string(),
                Kind::Flag { get, .. } => get(s).to_string(),
                Kind::Text { get, .. } => get(s).unwrap_or_else(|| "none".into()),
            };
            (p.key, v)
        })
        .collect()
}

/// The inputs a plan came from, so an exported plan stands on its own: the preset, provider and region,
/// headroom's version, the catalog's price date, and every input that differs from the defaults.
pub fn inputs(r: &Report) -> Vec<(String, String)> {
    use crate::engine::params::{Kind, PARAMS, plain_number};
    let defaults = Scenario::default();
    let mut out = vec![
        ("preset".to_string(), r.preset.to_string()),
        ("provider".into(), r.plan.cost.provider.label().to_string()),
        ("region".into(), r.plan.cost.region.clone()),
        ("headroom".into(), env!("CARGO_PKG_VERSION").to_string()),
        ("prices as of".into(), r.prices_as_of.to_string()),
    ];
    for p in PARAMS {
        let (now, default) = match p.kind {
            // A ranged input is given as its range: the point value alone would hide the uncertainty.
            Kind::Number { .. } if r.scenario.ranges.contains_key(p.key) => {
                (r.scenario.ranges[p.key].text(plain_number), String::new())
            }
            Kind::Number { .. } if p.key == "commit_share" => {
                let share = |s: &Scenario| s.commit_share.map_or("floor".into(), plain_number);
                (share(r.scenario), share(&defaults))
            }
            Kind::Number { get, .. } => {
                (plain_number(get(r.scenario)), plain_number(get(&defaults)))
            }
            Kind::Choice { get, .. } => (get(r.scenario).to_string(), get(&defaults).to_string()),
            Kind::Flag { get, .. } => (get(r.scenario).to_string(), get(&defaults).to_string()),
            Kind::Text { get, .. } => (
                get(r.scenario).unwrap_or_default(),
                get(&defaults).unwrap_or_default(),
            ),
        };
        if now != default && p.key != "provider" && p.key != "region" {
            out.push((p.key.to_string(), crate::format::printable(&now)));
        }
    }
    for (pool, node) in &r.scenario.node_types {
        out.push((
            format!("node_type.{}", crate::format::printable(pool)),
            crate::format::printable(node),
        ));
    }
    out
}

/// The inputs header as a JSON object.
pub fn inputs_json(r: &Report) -> serde_json::Value {
    serde_json::Value::Object(
        inputs(r)
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect(),
    )
}

/// What a report describes: the plan, the scenario it came from, and the preset's name.
pub struct Report<'a> {
    pub preset: &'a str,
    pub scenario: &'a Scenario,
    pub plan: &'a Plan,
    pub explain: bool,
    /// The price catalog's date.
    pub prices_as_of: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for the terminal (80 columns)
    Table,
    /// Markdown for a design document
    Markdown,
    /// JSON with stable keys (docs/json.md)
    Json,
    /// One `key,value` row per figure
    Csv,
}

pub fn write(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::write(report, out),
        Format::Markdown => markdown::write(report, out),
        Format::Json => json::write(report, out),
        Format::Csv => csv::write(report, out),
    }
}
