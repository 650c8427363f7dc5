//! `headroom limits`: how many users each tier of today's plan carries, sorted, and what a budget buys.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::engine::limits::{Limits, TierLimit, times};
use crate::format::{count, gib, money, num};

use super::grid::{self, Grid};
use super::{Format, Report};

/// A tier's limit in words: `364`, `none below 10⁹`, `short at 1 user`.
pub fn max_users_text(m: Option<u64>) -> String {
    match m {
        None => "over 10⁹".into(),
        Some(0) => "short at 1 user".into(),
        Some(m) => count(m),
    }
}

/// `1 user`, `3,000 users`.
fn users(n: f64) -> String {
    format!("{} {}", num(n), if n == 1.0 { "user" } else { "users" })
}

fn provisioned(t: &TierLimit) -> String {
    match t.resource {
        "memory" => gib(t.provisioned),
        "p99 SLO" => format!("{} RPS", num(t.provisioned)),
        "worker slots" => crate::format::plural(t.provisioned as u64, "slot", "slots"),
        "nodes" => crate::format::plural(t.provisioned as u64, "node", "nodes"),
        "vCPU" => format!("{} vCPU", num(t.provisioned)),
        other => format!("{} {other}", num(t.provisioned)),
    }
}

/// The first tier to run out and when, in one sentence.
pub fn summary(r: &Report, l: &Limits) -> String {
    let s = r.scenario;
    let (Some(tier), Some(res), Some(m)) = (&l.binding_tier, l.binding_resource, l.max_users)
    else {
        return format!(
            "No tier of today's plan runs out below 10⁹ users (today {}).",
            num(l.users)
        );
    };
    if (m as f64) < l.users {
        return format!(
            "Short today: {tier} {res} carries {} and today has {}. Fix it before anything else.",
            users(m as f64),
            num(l.users)
        );
    }
    let when = match l.runs_out_month {
        Some(month) => format!(
            " At ×{} a year users pass it in month {month}{}{}.",
            num(s.growth),
            also(l, s.users * s.growth.powf(f64::from(month) / 12.0)),
            if f64::from(month) > s.horizon_months && s.horizon_months > 0.0 {
                format!(", after the {}-month horizon", num(s.horizon_months))
            } else {
                String::new()
            }
        ),
        None => " Users do not grow (growth ×1).".into(),
    };
    format!(
        "Headroom {}: {tier} {res} runs out first, past {} users (today {}).{when}",
        l.times_today
            .map_or_else(String::new, |x| format!("×{}", times(x))),
        max_users_text(Some(m)),
        num(l.users)
    )
}

/// With ranged inputs, what the limits are (today's plan at the likely values) and, when users is ranged,
/// which tiers run out inside its range.
fn ranged_note(r: &Report, l: &Limits) -> Option<String> {
    let s = r.scenario;
    if s.ranges.is_empty() {
        return None;
    }
    let keys: Vec<&str> = s.ranges.keys().map(String::as_str).collect();
    let note = format!(
        "Ranged inputs ({}): these limits are today's plan at the likely values; `headroom plan` gives \
         the bands.",
        keys.join(", ")
    );
    if let Some(high) = users_high(r) {
        let inside: Vec<String> = l
            .tiers
            .iter()
            .filter(|t| runs_out_in_range(t, high))
            .filter_map(|t| {
                let m = t.max_users? as f64;
                Some(format!("{} {} ({})", t.tier, t.resource, users(m)))
            })
            .collect();
        let top = num(high);
        let tail = if inside.is_empty() {
            format!(" Every tier carries the top of users' range, {top}.")
        } else {
            format!(
                " Below the top of users' range ({top}) these run out: {}.",
                inside.join(", ")
            )
        };
        return Some(note + &tail);
    }
    Some(note)
}

/// The top of users' range, when users is ranged.
fn users_high(r: &Report) -> Option<f64> {
    r.scenario.ranges.get("users").map(|range| range.high())
}

/// Whether a tier runs out below the top of users' range: inside the range the team says it may reach.
fn runs_out_in_range(t: &TierLimit, users_high: f64) -> bool {
    t.max_users.is_some_and(|m| (m as f64) < users_high)
}

/// The other tiers that run out by the same month, which the growth table may name instead.
fn also(l: &Limits, users_then: f64) -> String {
    let others: Vec<String> = l
        .tiers
        .iter()
        .skip(1)
        .filter(|t| t.max_users.is_some_and(|m| (m as f64) < users_then))
        .map(|t| format!("{} {}", t.tier, t.resource))
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!(" (with {})", others.join(", "))
    }
}

fn budget_text(l: &Limits) -> Option<String> {
    let b = l.budget.as_ref()?;
    Some(match b.users {
        None => format!(
            "A budget of {}/month covers the whole users range (10⁹ users cost {}/month).",
            money(b.usd),
            money(b.monthly_usd)
        ),
        Some(0) => format!(
            "A budget of {}/month buys no users: one user already costs {}/month.",
            money(b.usd),
            money(b.monthly_usd)
        ),
        Some(u) => format!(
            "A budget of {}/month buys {} users ({}/month at that count, re-planned: node types and counts grow).",
            money(b.usd),
            count(u),
            money(b.monthly_usd)
        ),
    })
}

pub fn write(format: Format, r: &Report, l: &Limits, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = l
        .tiers
        .iter()
        .map(|t| {
            vec![
                t.tier.clone(),
                t.resource.to_string(),
                provisioned(t),
                max_users_text(t.max_users),
                t.times_today
                    .map_or_else(|| "—".into(), |x| format!("×{}", times(x))),
            ]
        })
        .collect();
    let g = Grid {
        title: format!(
            "headroom limits · {} · {} {} · {} today",
            r.preset,
            r.plan.cost.provider.label(),
            r.plan.cost.region,
            users(l.users)
        ),
        notes: std::iter::once(summary(r, l))
            .chain(ranged_note(r, l))
            .collect(),
        head: vec![
            "tier",
            "resource",
            "today's plan has",
            "max users",
            "× today",
        ],
        rows,
        right: vec![false, false, true, true, true],
        chart: Vec::new(),
        after: budget_text(l).into_iter().collect(),
    };
    match format {
        Format::Table => grid::table(&g, out),
        Format::Markdown => grid::markdown(&g, &super::inputs(r), out),
        Format::Csv => {
            // Empty unless users is ranged: then whether the tier runs out inside users' range.
            let in_range = |t: &TierLimit| {
                users_high(r).map_or_else(String::new, |h| runs_out_in_range(t, h).to_string())
            };
            let rows: Vec<Vec<String>> = l
                .tiers
                .iter()
                .map(|t| {
                    vec![
                        t.tier.clone(),
                        t.resource.to_string(),
                        t.figure.clone(),
                        grid::num_raw(t.provisioned),
                        t.max_users.map(|m| m.to_string()).unwrap_or_default(),
                        in_range(t),
                    ]
                })
                .collect();
            grid::csv(
                &[
                    "tier",
                    "resource",
                    "figure",
                    "provisioned",
                    "max_users",
                    "runs_out_in_users_range",
                ],
                &rows,
                out,
            )
        }
        Format::Json => {
            let mut limits = serde_json::to_value(l).unwrap_or(Value::Null);
            super::json::round_all(&mut limits);
            let ranged = (!r.scenario.ranges.is_empty()).then(|| {
                let high = users_high(r);
                json!({
                    "inputs": r.scenario.ranges.keys().collect::<Vec<_>>(),
                    "users_high": high,
                    "runs_out_in_users_range": high.map(|h| l
                        .tiers
                        .iter()
                        .filter(|t| runs_out_in_range(t, h))
                        .map(|t| json!({"tier": t.tier, "resource": t.resource, "max_users": t.max_users}))
                        .collect::<Vec<_>>()),
                    "note": ranged_note(r, l),
                })
            });
            let v = json!({
                "schema": super::json::SCHEMA,
                "preset": r.preset,
                "inputs": super::inputs_json(r),
                "limits": limits,
                "ranged": ranged,
            });
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)
        }
    }
}
