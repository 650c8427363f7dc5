//! `headroom compare`: a baseline and another scenario side by side, every figure with its change.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::figure::{Delta, Figure, share_text};

use super::grid::{self, Grid};
use super::{Format, Report};

/// The figures of both plans: the baseline's order, then any pool only the other plan has. Figures
/// neither plan has (zero or absent in both, such as media without uploads) are left out.
pub fn figures(base: &Report, other: &Report) -> Vec<Figure> {
    let unused = |f: &Figure| {
        [f.value(base.plan), f.value(other.plan)]
            .iter()
            .all(|v| v.is_none_or(|x| x == 0.0))
            && !matches!(f, Figure::Runway | Figure::P95 | Figure::P99)
    };
    let mut out = Figure::all(base.plan);
    for f in Figure::all(other.plan) {
        if !out.contains(&f) {
            // A pool only the other plan uses goes with the pools, before the cost rows.
            let at = out
                .iter()
                .position(|x| matches!(x, Figure::Component(_)))
                .unwrap_or(out.len());
            out.insert(at, f);
        }
    }
    out.retain(|f| !unused(f));
    // With ranged inputs on either side, the monthly cost's p10 and p90 follow it: the only figures
    // that are not the point plan's.
    if base.plan.bands.is_some() || other.plan.bands.is_some() {
        let at = out
            .iter()
            .position(|f| *f == Figure::MonthlyCost)
            .map_or(out.len(), |i| i + 1);
        out.splice(
            at..at,
            [Figure::CostPercentile(10), Figure::CostPercentile(90)],
        );
    }
    out
}

fn share(d: &Delta) -> String {
    match d {
        Delta::By { share: Some(x), .. } => share_text(*x),
        Delta::Same => "0 %".into(),
        _ => "—".into(),
    }
}

pub fn write(format: Format, base: &Report, other: &Report, out: &mut dyn Write) -> io::Result<()> {
    let figures = figures(base, other);
    match format {
        Format::Json => {
            let (b, o) = (super::json::value(base), super::json::value(other));
            let mut d = delta(&as_banded(&b, other), &as_banded(&o, base))
                .unwrap_or(Value::Object(Map::new()));
            if let Value::Object(m) = &mut d {
                m.remove("schema");
            }
            let v = json!({
                "schema": super::json::SCHEMA,
                "base": b,
                "other": o,
                "delta": d,
            });
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = figures
                .iter()
                .map(|f| {
                    let (b, o) = (f.value(base.plan), f.value(other.plan));
                    let raw = |v: Option<f64>| v.map(grid::num_raw).unwrap_or_default();
                    let d = b.zip(o).map(|(b, o)| o - b);
                    vec![f.id().into_owned(), raw(b), raw(o), raw(d)]
                })
                .collect();
            grid::csv(&["figure", "base", "other", "delta"], &rows, out)
        }
        Format::Table | Format::Markdown => {
            let rows: Vec<Vec<String>> = figures
                .iter()
                .map(|f| {
                    let (b, o) = (f.value(base.plan), f.value(other.plan));
                    let d = Delta::shown(f, b, o);
                    vec![
                        f.label().into_owned(),
                        f.show(b),
                        f.show(o),
                        match d {
                            Delta::Same => "=".into(),
                            Delta::By { change, .. } => f.measure().change(change),
                            Delta::Was(_) => "—".into(),
                        },
                        share(&d),
                    ]
                })
                .collect();
            let bt = base.plan.cost.monthly_usd;
            let ot = other.plan.cost.monthly_usd;
            let g = Grid {
                title: title(base, other),
                notes: vec![
                    match Delta::shown(&Figure::MonthlyCost, Some(bt), Some(ot)) {
                        Delta::Same => {
                            format!("Monthly cost {} in both.", crate::format::money(bt))
                        }
                        d => format!(
                            "Monthly cost {} → {}: {}.",
                            crate::format::money(bt),
                            crate::format::money(ot),
                            d.text(&Figure::MonthlyCost)
                        ),
                    },
                ],
                head: vec!["figure", "baseline", "other", "Δ", "Δ %"],
                rows,
                right: vec![false, true, true, true, true],
                chart: Vec::new(),
                after: changed_inputs(base, other)
                    .into_iter()
                    .chain(ranged_note(base, other))
                    .collect(),
            };
            if format == Format::Table {
                grid::table(&g, out)
            } else {
                grid::markdown(&g, &super::inputs(other), out)
            }
        }
    }
}

/// `coder-10k → coder-10k with users=6000 · GCP us-central1`, each side's provider named when they differ.
fn title(base: &Report, other: &Report) -> String {
    let place = |r: &Report| format!("{} {}", r.plan.cost.provider.label(), r.plan.cost.region);
    if place(base) == place(other) {
        format!(
            "headroom compare · {} → {} · {}",
            base.preset,
            other.preset,
            place(base)
        )
    } else {
        format!(
            "headroom compare · {} ({}) → {} ({})",
            base.preset,
            place(base),
            other.preset,
            place(other)
        )
    }
}

/// The inputs that differ between the two, as one sentence.
fn changed_inputs(base: &Report, other: &Report) -> Vec<String> {
    let b = super::input_values(base.scenario);
    let o = super::input_values(other.scenario);
    let mut changes: Vec<String> = b
        .iter()
        .zip(&o)
        .filter(|((_, bv), (_, ov))| bv != ov)
        .map(|((k, bv), (_, ov))| {
            format!(
                "{k} {} → {}",
                crate::format::printable(bv),
                crate::format::printable(ov)
            )
        })
        .collect();
    let pools = |r: &Report| r.scenario.node_types.clone();
    let (bp, op) = (pools(base), pools(other));
    for pool in bp.keys().chain(op.keys().filter(|k| !bp.contains_key(*k))) {
        let (was, now) = (bp.get(pool), op.get(pool));
        if was != now {
            let show = |v: Option<&String>| {
                v.map_or_else(|| "default".to_string(), |x| crate::format::printable(x))
            };
            changes.push(format!(
                "node_type.{} {} → {}",
                crate::format::printable(pool),
                show(was),
                show(now)
            ));
        }
    }
    if changes.is_empty() {
        vec!["The two scenarios have the same inputs.".into()]
    } else {
        vec![format!("Inputs that differ: {}.", changes.join(", "))]
    }
}

/// Which side has ranged inputs, and what that means for the figures above.
fn ranged_note(base: &Report, other: &Report) -> Option<String> {
    let ranged = |r: &Report| r.plan.bands.as_ref().map(|b| b.ranged.join(", "));
    let samples = [base, other]
        .iter()
        .find_map(|r| r.plan.bands.as_ref().map(|b| b.samples))?;
    let sides: Vec<String> = [("baseline", ranged(base)), ("other", ranged(other))]
        .into_iter()
        .filter_map(|(side, keys)| Some(format!("{side} ({})", keys?)))
        .collect();
    (!sides.is_empty()).then(|| {
        format!(
            "Ranged inputs in the {}: every figure is planned at the likely value except the monthly \
             cost p10 and p90, which sample the ranges ({} samples; a side without ranges is its point \
             plan). `headroom plan` gives all the bands.",
            sides.join(" and "),
            crate::format::count(samples as u64)
        )
    })
}

/// `other − base` for every number both have, keeping the shape of a plan: objects by key, arrays of
/// named things by name (pools), month (growth) or tier (pod groups), anything else by position. Text, flags and numbers
/// only one side has are left out.
/// A side's plan JSON for the delta: when only the other side has ranged inputs, this side's monthly cost
/// stands as its own p10, p50 and p90, as the table's p10 and p90 rows take it, so `delta.bands.monthly_usd`
/// is there whenever either side has bands.
fn as_banded(side: &Value, other: &Report) -> Value {
    let mut v = side.clone();
    if other.plan.bands.is_some() && side["bands"].is_null() {
        let cost = side["cost"]["monthly_usd"].clone();
        v["bands"] = json!({"monthly_usd": {"p10": cost, "p50": cost, "p90": cost}});
    }
    v
}

pub fn delta(base: &Value, other: &Value) -> Option<Value> {
    match (base, other) {
        (Value::Number(b), Value::Number(o)) => {
            // Counts stay whole: 42 workers minus 21 is 21, not 21.0.
            if let (Some(b), Some(o)) = (b.as_i64(), o.as_i64()) {
                return Some(Value::from(o - b));
            }
            let d = o.as_f64()? - b.as_f64()?;
            let d = (d * 1e4).round() / 1e4 + 0.0;
            serde_json::Number::from_f64(d).map(Value::Number)
        }
        (Value::Object(b), Value::Object(o)) => {
            let m: Map<String, Value> = b
                .iter()
                .filter_map(|(k, bv)| Some((k.clone(), delta(bv, o.get(k)?)?)))
                .collect();
            (!m.is_empty()).then_some(Value::Object(m))
        }
        (Value::Array(b), Value::Array(o)) => {
            let id = |v: &Value| {
                ["name", "month", "tier"]
                    .iter()
                    .find_map(|k| v.get(*k))
                    .cloned()
            };
            let items: Vec<Value> = b
                .iter()
                .enumerate()
                .filter_map(|(i, bv)| {
                    let ov = match id(bv) {
                        Some(key) => o.iter().find(|ov| id(ov).as_ref() == Some(&key))?,
                        None => o.get(i)?,
                    };
                    let mut d = delta(bv, ov)?;
                    // Keep what identifies the item beside its changes.
                    if let Value::Object(m) = &mut d {
                        for k in ["name", "month", "tier"] {
                            if let Some(key) = bv.get(k) {
                                m.insert(k.into(), key.clone());
                            }
                        }
                    }
                    Some(d)
                })
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        _ => None,
    }
}
