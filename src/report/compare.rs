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
            let mut d = delta(&b, &o).unwrap_or(Value::Object(Map::new()));
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
                title: format!(
                    "headroom compare · {} → {}",
                    describe(base),
                    describe(other)
                ),
                notes: vec![format!(
                    "Monthly cost {} → {}: {}.",
                    crate::format::money(bt),
                    crate::format::money(ot),
                    Delta::between(Some(bt), Some(ot)).text(&Figure::MonthlyCost)
                )],
                head: vec!["figure", "baseline", "other", "Δ", "Δ %"],
                rows,
                right: vec![false, true, true, true, true],
                chart: Vec::new(),
                after: changed_inputs(base, other),
            };
            if format == Format::Table {
                grid::table(&g, out)
            } else {
                grid::markdown(&g, &super::inputs(other), out)
            }
        }
    }
}

/// `coder-10k (AWS us-east-1)`.
fn describe(r: &Report) -> String {
    format!(
        "{} ({} {})",
        r.preset,
        r.plan.cost.provider.label(),
        r.plan.cost.region
    )
}

/// The inputs that differ between the two, as one sentence.
fn changed_inputs(base: &Report, other: &Report) -> Vec<String> {
    let b = super::inputs(base);
    let o = super::inputs(other);
    let skip = ["preset", "headroom", "prices as of"];
    let mut changes = Vec::new();
    for (k, v) in &o {
        if skip.contains(&k.as_str()) {
            continue;
        }
        let was = b.iter().find(|(bk, _)| bk == k).map(|(_, bv)| bv.as_str());
        if was != Some(v.as_str()) {
            changes.push(format!("{k} {} → {v}", was.unwrap_or("default")));
        }
    }
    for (k, v) in &b {
        if !skip.contains(&k.as_str()) && !o.iter().any(|(ok, _)| ok == k) {
            changes.push(format!("{k} {v} → default"));
        }
    }
    if changes.is_empty() {
        vec!["The two scenarios have the same inputs.".into()]
    } else {
        vec![format!("Inputs that differ: {}.", changes.join(", "))]
    }
}

/// `other − base` for every number both have, keeping the shape of a plan: objects by key, arrays of
/// named things by name (pools), month (growth) or tier (pod groups), anything else by position. Text, flags and numbers
/// only one side has are left out.
pub fn delta(base: &Value, other: &Value) -> Option<Value> {
    match (base, other) {
        (Value::Number(b), Value::Number(o)) => {
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
