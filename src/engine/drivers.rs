//! What moves the bill: every numeric input re-planned at its value × (1 − swing) and × (1 + swing),
//! clamped to its range, with today's monthly cost and node count each way, sorted by the cost swing.
//! An input given a range (it is uncertain) swings across its own range instead: that is what is known
//! of it, and its row then compares with the bands.

use serde::Serialize;

use crate::catalog::Catalog;

use super::params::{Kind, PARAMS, clamp_in_place};
use super::scenario::Scenario;
use super::{params, quick};

/// The swing `headroom drivers` and the planner use unless told otherwise.
pub const DEFAULT_SWING: f64 = 0.2;

/// One input moved down and up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    pub key: &'static str,
    pub label: &'static str,
    /// Today's value and the two values tried (after clamping to the input's range and step).
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Monthly cost and total nodes with the input at `low` and at `high`.
    pub cost_low: f64,
    pub cost_high: f64,
    pub nodes_low: u64,
    pub nodes_high: u64,
    /// Moved to its own range's low and high rather than by the swing.
    pub ranged: bool,
}

impl Driver {
    /// How far the bill moves between the two ends.
    pub fn swing_usd(&self) -> f64 {
        (self.cost_high - self.cost_low).abs()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drivers {
    /// The relative swing applied to every input, e.g. 0.2 for ±20 %.
    pub swing: f64,
    pub monthly_usd: f64,
    pub nodes: u64,
    /// Largest cost swing first; inputs with no effect last, in key-table order.
    pub drivers: Vec<Driver>,
}

/// Re-plans the scenario with every numeric input moved by ±`swing` (clamped to 0 ..= 1).
pub fn drivers(scenario: &Scenario, catalog: &Catalog, swing: f64) -> Drivers {
    let swing = if swing.is_finite() {
        swing.clamp(0.0, 1.0)
    } else {
        DEFAULT_SWING
    };
    let base = params::clamped(scenario).into_owned();
    let today = quick(&base, catalog);
    let mut at = base.clone();
    let mut out = Vec::with_capacity(PARAMS.len());
    for p in PARAMS {
        let Kind::Number { get, set, .. } = p.kind else {
            continue;
        };
        let value = get(&base);
        let range = base.ranges.get(p.key).copied();
        let mut end = |to: f64| {
            set(&mut at, to);
            clamp_in_place(&mut at);
            let v = get(&at);
            let q = quick(&at, catalog);
            set(&mut at, value);
            (v, q)
        };
        let (low, ql) = end(range.map_or(value * (1.0 - swing), super::ranges::Range::low));
        let (high, qh) = end(range.map_or(value * (1.0 + swing), super::ranges::Range::high));
        out.push(Driver {
            key: p.key,
            label: p.label,
            value,
            low,
            high,
            cost_low: ql.monthly_usd,
            cost_high: qh.monthly_usd,
            nodes_low: ql.nodes,
            nodes_high: qh.nodes,
            ranged: range.is_some(),
        });
    }
    out.sort_by(|a, b| b.swing_usd().total_cmp(&a.swing_usd()));
    Drivers {
        swing,
        monthly_usd: today.monthly_usd,
        nodes: today.nodes,
        drivers: out,
    }
}

/// How the drivers were found, for `e` and `--explain`.
pub fn explain(d: &Drivers) -> super::explain::Explanation {
    use super::explain::{Explanation, term};
    let moving = d.drivers.iter().filter(|x| x.swing_usd() > 0.0).count();
    let top = d
        .drivers
        .first()
        .filter(|x| x.swing_usd() > 0.0)
        .map_or_else(
            || "No input moves the bill.".to_string(),
            |x| {
                format!(
                    "{} moves it most: {} at {} and {} at {}.",
                    x.key,
                    crate::format::money(x.cost_low),
                    crate::format::num(x.low),
                    crate::format::money(x.cost_high),
                    crate::format::num(x.high)
                )
            },
        );
    Explanation::described(
        "drivers",
        "Cost drivers: today's bill, the chart's centre",
        "$/month",
        Some(d.monthly_usd),
        vec![term("swing", d.swing, "")],
        format!(
            "Every numeric input is re-planned twice, at its value ×\u{a0}(1\u{a0}−\u{a0}swing) and ×\u{a0}(1\u{a0}+\u{a0}swing), clamped to its \
             range (whole-number inputs round to the nearest whole value), with everything else as it is; the \
             monthly bill and the node count are taken each time and the inputs sorted by how far the bill moves \
             between the two. An input with a range swings across it instead, low to high{ranged}. \
             {moving} of {} inputs move it. {top}",
            d.drivers.len(),
            ranged = ranged_keys(d)
        ),
    )
}

/// ` (users, growth)`: the inputs that swung across their own range, or nothing.
pub fn ranged_keys(d: &Drivers) -> String {
    let keys: Vec<&str> = d
        .drivers
        .iter()
        .filter(|x| x.ranged)
        .map(|x| x.key)
        .collect();
    if keys.is_empty() {
        String::new()
    } else {
        format!(" ({})", keys.join(", "))
    }
}
