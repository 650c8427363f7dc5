//! `headroom drivers`: which inputs move the monthly bill most, as a table and a tornado chart.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::engine::drivers::{Driver, Drivers};
use crate::format::{count, money, num};

use super::grid::{self, Grid};
use super::{Format, Report};

/// `±20 %`.
pub fn swing_text(swing: f64) -> String {
    format!("±{} %", num((swing * 100.0 * 10.0).round() / 10.0))
}

/// One line of the tornado chart, `half` columns each side of today's total: the bill with the input at
/// its low end drawn `░`, at its high end `█`, on the side of today where it lands.
pub fn tornado_bar(d: &Driver, today: f64, scale: f64, half: usize) -> (String, String) {
    let cells = |usd: f64| -> usize {
        if scale <= 0.0 {
            0
        } else {
            (((usd - today).abs() / scale) * half as f64)
                .ceil()
                .min(half as f64) as usize
        }
    };
    let mut left = vec![' '; half];
    let mut right = vec![' '; half];
    // The larger change is drawn first so the smaller one on the same side stays visible over it.
    let mut ends = [(d.cost_low, '░'), (d.cost_high, '█')];
    ends.sort_by(|a, b| (b.0 - today).abs().total_cmp(&(a.0 - today).abs()));
    for (usd, ch) in ends {
        let n = cells(usd);
        if usd < today {
            left[half - n..].iter_mut().for_each(|c| *c = ch);
        } else if usd > today {
            right[..n].iter_mut().for_each(|c| *c = ch);
        }
    }
    (left.into_iter().collect(), right.into_iter().collect())
}

/// The tornado chart for the top rows, `width` columns wide, with its legend.
pub fn tornado(d: &Drivers, rows: &[Driver], width: usize) -> Vec<String> {
    let label_w = rows
        .iter()
        .map(|r| r.key.chars().count() + if r.ranged { 2 } else { 0 })
        .max()
        .unwrap_or(8)
        .min(24);
    let half = width.saturating_sub(label_w + 3) / 2;
    let scale = rows
        .iter()
        .flat_map(|r| [r.cost_low, r.cost_high])
        .map(|c| (c - d.monthly_usd).abs())
        .fold(0.0, f64::max);
    if scale <= 0.0 {
        return vec![format!(
            "No input moves today's {}/month bill at this swing.",
            money(d.monthly_usd)
        )];
    }
    let mut out = vec![format!(
        "{:label_w$} {:>half$}│{}",
        "",
        format!("−{} ", money(scale)),
        format!(" {} +{}", money(d.monthly_usd), money(scale)),
    )];
    for r in rows {
        let (l, rt) = tornado_bar(r, d.monthly_usd, scale, half);
        let key: String = if r.ranged {
            format!("{} ~", r.key)
        } else {
            r.key.to_string()
        }
        .chars()
        .take(label_w)
        .collect();
        out.push(format!("{key:<label_w$} {l}│{rt}"));
    }
    out.push(format!(
        "░ the input {} lower   █ the input {} higher   │ today's {}/month",
        swing_text(d.swing).trim_start_matches('±'),
        swing_text(d.swing).trim_start_matches('±'),
        money(d.monthly_usd)
    ));
    if rows.iter().any(|r| r.ranged) {
        out.push("~ a ranged input: ░ at its range's low, █ at its high".into());
    }
    out
}

/// An input's value in a narrow column: `800k`, `1.2M`, `4e10`.
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e12 {
        format!("{v:.1e}")
    } else if a >= 1e6 {
        format!("{}M", num(v / 1e6))
    } else if a >= 1e4 {
        format!("{}k", num(v / 1e3))
    } else {
        num(v)
    }
}

fn change(usd: f64, today: f64) -> String {
    let d = usd - today;
    if d.abs() < 0.005 {
        "0".into()
    } else if d < 0.0 {
        format!("−{}", money(-d))
    } else {
        format!("+{}", money(d))
    }
}

pub fn write(
    format: Format,
    r: &Report,
    d: &Drivers,
    top: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown: Vec<Driver> = d
        .drivers
        .iter()
        .take(top.unwrap_or(usize::MAX))
        .cloned()
        .collect();
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|x| {
            vec![
                if x.ranged {
                    format!("{} ~", x.key)
                } else {
                    x.key.to_string()
                },
                format!("{} → {}", short(x.low), short(x.high)),
                change(x.cost_low, d.monthly_usd),
                change(x.cost_high, d.monthly_usd),
                money(x.swing_usd()),
                format!("{} → {}", count(x.nodes_low), count(x.nodes_high)),
            ]
        })
        .collect();
    let no_effect = d.drivers.iter().filter(|x| x.swing_usd() == 0.0).count();
    let g = Grid {
        title: format!(
            "headroom drivers · {} · {} {} · {}/month · inputs {}",
            r.preset,
            r.plan.cost.provider.label(),
            r.plan.cost.region,
            money(d.monthly_usd),
            swing_text(d.swing)
        ),
        notes: vec![format!(
            "Each numeric input re-planned at its value ×\u{a0}(1\u{a0}−\u{a0}{s}) and ×\u{a0}(1\u{a0}+\u{a0}{s}), clamped to its \
             range (whole-number inputs round); the bill's change and the node count each way, largest swing \
             first. {no_effect} of {} inputs do not move the bill at this point.{ranged}",
            d.drivers.len(),
            s = num(d.swing),
            ranged = if d.drivers.iter().any(|x| x.ranged) {
                format!(
                    " Inputs marked ~ have a range{} and swing across it, low to high.",
                    crate::engine::drivers::ranged_keys(d)
                )
            } else {
                String::new()
            }
        )],
        head: vec!["input", "low → high", "at low", "at high", "swing", "nodes"],
        rows,
        right: vec![false, true, true, true, true, true],
        chart: {
            let moving: Vec<Driver> = shown
                .iter()
                .filter(|x| x.swing_usd() > 0.0)
                .take(15)
                .cloned()
                .collect();
            let mut chart = tornado(d, &moving, 78);
            let all = d.drivers.iter().filter(|x| x.swing_usd() > 0.0).count();
            if all > moving.len() {
                chart.push(format!(
                    "(the {} inputs that move the bill most of {all})",
                    moving.len()
                ));
            }
            chart
        },
        after: Vec::new(),
    };
    match format {
        Format::Table => grid::table(&g, out),
        Format::Markdown => grid::markdown(&g, &super::inputs(r), out),
        Format::Csv => {
            let rows: Vec<Vec<String>> = shown
                .iter()
                .map(|x| {
                    vec![
                        x.key.to_string(),
                        grid::num_raw(x.low),
                        grid::num_raw(x.high),
                        grid::num_raw(x.cost_low),
                        grid::num_raw(x.cost_high),
                        x.nodes_low.to_string(),
                        x.nodes_high.to_string(),
                        x.ranged.to_string(),
                    ]
                })
                .collect();
            grid::csv(
                &[
                    "key",
                    "low",
                    "high",
                    "cost_low",
                    "cost_high",
                    "nodes_low",
                    "nodes_high",
                    "ranged",
                ],
                &rows,
                out,
            )
        }
        Format::Json => {
            let mut drivers = serde_json::to_value(&shown).unwrap_or(Value::Null);
            super::json::round_all(&mut drivers);
            let v = json!({
                "schema": super::json::SCHEMA,
                "preset": r.preset,
                "inputs": super::inputs_json(r),
                "swing": d.swing,
                "monthly_usd": (d.monthly_usd * 1e4).round() / 1e4,
                "nodes": d.nodes,
                "drivers": drivers,
            });
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)
        }
    }
}
