//! Cost: a bar per component, the total and unit costs, the three providers, and growth with the runway.

use ratatui::text::Span;

use crate::engine::plan::Plan;
use crate::figure::Figure;
use crate::format::money;

use super::Ctx;
use crate::tui::widgets::bar::{bar, sparkline_between, sparkline_marks};

use super::Row;

pub fn rows(app: &Ctx, plan: &Plan, width: u16) -> Vec<Row> {
    let c = &plan.cost;
    let t = &app.theme;
    let width = width as usize;
    let was: Vec<f64> = app.baseline.map_or_else(Vec::new, |b| {
        b.cost
            .components
            .items()
            .iter()
            .map(|(_, _, v)| *v)
            .collect()
    });
    // A component the baseline paid for stays listed at $0, so the changes add up to the total's.
    let items: Vec<_> = c
        .components
        .items()
        .into_iter()
        .enumerate()
        .filter(|(i, (_, _, v))| *v > 0.0 || was.get(*i).is_some_and(|w| *w > 0.0))
        .map(|(_, item)| item)
        .collect();
    let top = items.iter().map(|(_, _, v)| *v).fold(0.0, f64::max);
    // The value column fits the widest amount, so large bills never run into their bars.
    let value_w = items
        .iter()
        .map(|(_, _, v)| money(*v).chars().count() + 1)
        .max()
        .unwrap_or(9)
        .max(9);
    let bar_w = width.saturating_sub(10 + value_w);
    let mut rows: Vec<Row> = items
        .iter()
        .map(|(key, label, v)| {
            let (filled, empty) = bar(v / top.max(1e-9), bar_w);
            Row::figure(
                Figure::Component(key),
                vec![
                    Span::styled(format!("{:<10}", short(label)), t.dim),
                    Span::styled(filled, t.bar),
                    Span::styled(empty, t.bar_empty),
                    Span::raw(format!("{:>value_w$}", money(*v))),
                ],
            )
        })
        .collect();
    // Taken off the charges above, before the total it gives.
    if c.components.discount > 0.0 {
        rows.push(Row::figure(
            Figure::Component("discount"),
            vec![
                Span::styled(format!("{:<10}", "discount"), t.dim),
                Span::raw(format!("−{}", money(c.components.discount))),
            ],
        ));
    }
    rows.push(Row::figure(
        Figure::MonthlyCost,
        vec![
            Span::styled(format!("{:<10}", "total"), t.dim),
            Span::styled(format!("{}/month", money(c.monthly_usd)), t.title),
            // How the nodes are billed, in the fewest words: the peak all month, or autoscaled.
            Span::styled(
                if app.scenario.autoscaling {
                    " · autoscaled"
                } else {
                    " · peak 730 h"
                },
                t.dim,
            ),
        ],
    ));
    if let Some(b) = &plan.bands {
        let m = &b.monthly_usd;
        let v = |x: Option<f64>| x.map_or_else(|| "—".to_string(), money);
        rows.push(Row::figure(
            Figure::CostBand,
            vec![
                Span::styled(format!("{:<10}", "p10–p90"), t.dim),
                Span::styled(format!("{}–{}", v(m.p10), v(m.p90)), t.warning),
                Span::styled(format!(" · p50 {}", v(m.p50)), t.dim),
            ],
        ));
    }
    for (label, text) in crate::report::sections::billing(plan, app.scenario) {
        if label == "node-hours" && !app.scenario.autoscaling {
            continue;
        }
        let label = if label == "node-hours" {
            "node-h"
        } else {
            label
        };
        // Wrapped under their label: what to commit is the row a meeting acts on, never cut.
        // "2 × c5.2xlarge" stays on one line: its spaces are held apart from the wrap, then restored.
        let held = text.replace(" × ", "\u{1}×\u{1}");
        for (i, line) in crate::format::wrap(&held, width.saturating_sub(10).max(1))
            .into_iter()
            .enumerate()
        {
            let label = if i == 0 { label } else { "" };
            rows.push(Row::plain(vec![
                Span::styled(format!("{label:<10}"), t.dim),
                Span::raw(line.replace('\u{1}', " ")),
            ]));
        }
    }
    let months: Vec<f64> = plan.growth.months.iter().map(|m| m.monthly_usd).collect();
    let spark_w = width.saturating_sub(10);
    let last = plan.growth.months.last().map_or(0.0, |m| m.monthly_usd);
    // With ranged inputs the growth line sits between its p90 and p10 lines, all on one scale.
    let band: Option<(Vec<f64>, Vec<f64>)> = plan.bands.as_ref().and_then(|b| {
        let low: Option<Vec<f64>> = b.growth_usd.iter().map(|m| m.p10).collect();
        let high: Option<Vec<f64>> = b.growth_usd.iter().map(|m| m.p90).collect();
        Some((low?, high?)).filter(|(l, _)| l.len() == months.len())
    });
    let every = months
        .iter()
        .chain(band.iter().flat_map(|(l, h)| l.iter().chain(h)));
    let (lo, hi) = every.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
        (lo.min(*v), hi.max(*v))
    });
    if let Some((_, high)) = &band {
        rows.push(Row::plain(vec![
            Span::styled(format!("{:<10}", "  p90"), t.dim),
            Span::styled(sparkline_between(high, spark_w, lo, hi), t.warning),
        ]));
    }
    rows.push(Row::plain(vec![
        Span::styled(format!("{:<10}", "growth"), t.dim),
        Span::styled(sparkline_between(&months, spark_w, lo, hi), t.bar),
    ]));
    if let Some((low, _)) = &band {
        rows.push(Row::plain(vec![
            Span::styled(format!("{:<10}", "  p10"), t.dim),
            Span::styled(sparkline_between(low, spark_w, lo, hi), t.warning),
        ]));
    }
    let changed: Vec<bool> = plan.growth.months.iter().map(|m| m.changes.any()).collect();
    let marks = sparkline_marks(
        &changed,
        plan.growth.runway_months.map(|m| m as usize),
        spark_w,
    );
    if !marks.is_empty() {
        rows.push(Row::plain(vec![
            Span::raw(" ".repeat(10)),
            Span::styled(marks, t.dim),
        ]));
    }
    let runway = match &plan.growth.runway {
        Some(r) => format!("▲ month {}: {} {}", r.month, r.tier, r.resource),
        None => format!("lasts all {} months", months.len().saturating_sub(1)),
    };
    rows.push(Row::figure(
        Figure::Runway,
        vec![
            Span::styled(format!("{:<10}", "runway"), t.dim),
            Span::styled(runway, t.warning),
        ],
    ));
    rows.push(Row::figure(
        Figure::PerUser,
        vec![
            Span::styled(format!("{:<10}", "per user"), t.dim),
            Span::raw(format!(
                "{} · {}/1M req",
                money(c.per_user_usd),
                money(c.per_million_requests_usd)
            )),
        ],
    ));
    let b = &c.by_provider;
    rows.push(Row::plain(vec![Span::raw(format!(
        "AWS {} · GCP {} · Azure {}",
        money(b.aws),
        money(b.gcp),
        money(b.azure)
    ))]));
    rows.push(Row::plain(vec![
        Span::styled(format!("{:<10}", "horizon"), t.dim),
        Span::raw(format!("{}/month", money(last))),
    ]));
    if let Some(m) = plan.bands.as_ref().and_then(|b| b.growth_usd.last()) {
        let v = |x: Option<f64>| x.map_or_else(|| "—".to_string(), money);
        rows.push(Row::plain(vec![
            Span::styled(format!("{:<10}", "  p10–p90"), t.dim),
            Span::styled(format!("{}–{}", v(m.p10), v(m.p90)), t.warning),
        ]));
    }
    rows
}

fn short(label: &str) -> &str {
    match label {
        "object storage" => "objects",
        "block storage" => "storage",
        "load balancer" => "load bal.",
        "control plane" => "k8s ctl",
        other => other,
    }
}
