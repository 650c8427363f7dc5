//! Compare, limits and drivers (issue 11), each checked against independent `plan` runs.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use std::process::Command;

use common::{PRESETS, any_scenario, plan, preset};
use headroom::catalog::Catalog;
use headroom::engine::drivers::drivers;
use headroom::engine::limits::limits;
use headroom::engine::params::{Kind, find};
use headroom::engine::scenario::Scenario;
use headroom::report::{self, Report};
use proptest::prelude::*;
use serde_json::Value;

fn json_of(name: &str, s: &Scenario) -> Value {
    let p = plan(s);
    report::json::value(&Report {
        preset: name,
        scenario: s,
        plan: &p,
        explain: false,
        prices_as_of: "test",
    })
}

/// A figure by its JSON path; array items by their `name` (pools) or `month`.
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |at, key| match at {
        Value::Object(m) => m.get(key),
        Value::Array(items) => items
            .iter()
            .find(|i| id(i).as_deref() == Some(key))
            .or_else(|| {
                items
                    .get(key.parse::<usize>().ok()?)
                    .filter(|i| id(i).is_none())
            }),
        _ => None,
    })
}

/// What identifies an array item: a pool's name, a month's number, a pod group's tier.
fn id(item: &Value) -> Option<String> {
    ["name", "month", "tier"].iter().find_map(|k| {
        item.get(*k)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
    })
}

/// Every numeric leaf with its path, arrays keyed as `lookup` finds them.
fn leaves(prefix: &str, v: &Value, out: &mut Vec<(String, f64)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Number(n) => out.push((prefix.to_string(), n.as_f64().unwrap())),
        Value::Object(m) => m.iter().for_each(|(k, x)| leaves(&join(k), x, out)),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(&join(&id(x).unwrap_or_else(|| i.to_string())), x, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// compare: the JSON delta is other − base for every number both plans have, and has nothing else.
    #[test]
    fn compare_delta_is_other_minus_base(base in any_scenario(), other in any_scenario()) {
        let (b, o) = (json_of("base", &base), json_of("other", &other));
        let d = report::compare::delta(&b, &o).unwrap();
        let mut expected = Vec::new();
        leaves("", &b, &mut expected);
        let mut got = Vec::new();
        leaves("", &d, &mut got);
        for (path, bv) in &expected {
            // Months and pools are matched by what identifies them; their ids are kept, not subtracted.
            if path == "schema" || path.ends_with(".month") || path.ends_with(".tier") {
                continue;
            }
            let Some(ov) = lookup(&o, path).and_then(Value::as_f64) else { continue };
            let dv = got.iter().find(|(p, _)| p == path).map(|(_, v)| *v);
            let want = ov - bv;
            prop_assert!(dv.is_some(), "{path}: no delta, want {want}");
            prop_assert!((dv.unwrap() - want).abs() <= 1e-3 + 1e-9 * want.abs(), "{path}: {dv:?} vs {want}");
        }
        for (path, _) in &got {
            if path.ends_with(".month") || path.ends_with(".tier") {
                continue;
            }
            prop_assert!(lookup(&b, path).is_some_and(Value::is_number), "{path} is not a number of base");
        }
    }
}

/// compare: the Coder question (issue 11's example) through the binary; the node delta is the difference
/// of two independent plans.
#[test]
fn coder_compare_node_delta_is_the_difference_of_two_plans() {
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args([
            "compare",
            "coder-10k",
            "coder-10k",
            "--set",
            "users=6000",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let base = plan(&preset("coder-10k"));
    let mut s = preset("coder-10k");
    s.users = 6000.0;
    let other = plan(&s);
    for pool in &base.node_pools {
        let want = other
            .node_pools
            .iter()
            .find(|p| p.name == pool.name)
            .unwrap()
            .size
            .nodes as f64
            - pool.size.nodes as f64;
        let got =
            lookup(&v, &format!("delta.node_pools.{}.nodes", pool.name)).and_then(Value::as_f64);
        assert_eq!(got, Some(want), "pool {}", pool.name);
    }
    // 3 000 → 6 000 users needs more workspace nodes: the delta is not trivially zero.
    assert!(
        lookup(&v, "delta.node_pools.workspaces.nodes")
            .and_then(Value::as_f64)
            .unwrap()
            > 0.0
    );
    let cost = lookup(&v, "delta.cost.monthly_usd")
        .and_then(Value::as_f64)
        .unwrap();
    assert!((cost - (other.cost.monthly_usd - base.cost.monthly_usd)).abs() < 1e-3);
}

/// The plan as JSON without the report's rounding: a limit is exact, so its check must be too.
fn exact(s: &Scenario) -> Value {
    serde_json::to_value(plan(s)).unwrap()
}

/// Today's scenario with every pool pinned to the node type today's plan runs, so a plan at another user
/// count keeps the provisioned types (an `auto` pool would otherwise be re-chosen).
fn pinned(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    for pool in plan(&s).node_pools {
        s.node_types
            .insert(pool.name.to_string(), pool.node_type.to_string());
    }
    s
}

/// limits: for every tier of every built-in preset, a plan at `max_users` keeps that tier's figure within
/// what today's plan provisions, and a plan at `max_users + 1` does not.
#[test]
fn every_tier_limit_is_exact_to_one_user() {
    let mut checked = 0;
    for name in PRESETS {
        let today = preset(name);
        let l = limits(&today, Catalog::builtin(), None);
        assert!(!l.tiers.is_empty(), "{name}: no tiers");
        let fixed = pinned(&today);
        for t in &l.tiers {
            let Some(m) = t.max_users else {
                // No limit within range: the top of the range holds.
                let mut s = fixed.clone();
                s.users = 1e9;
                let v = lookup(&exact(&s), &t.figure)
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0);
                assert!(
                    v <= t.provisioned * (1.0 + 1e-9),
                    "{name} {}: {v} at 10⁹",
                    t.figure
                );
                continue;
            };
            let figure_at = |users: f64| {
                let mut s = fixed.clone();
                s.users = users;
                lookup(&exact(&s), &t.figure)
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0)
            };
            if m > 0 {
                let at = figure_at(m as f64);
                assert!(
                    at <= t.provisioned * (1.0 + 1e-9),
                    "{name} {} {}: {at} > {} at {m}",
                    t.tier,
                    t.resource,
                    t.provisioned
                );
            }
            let past = figure_at(m as f64 + 1.0);
            assert!(
                past > t.provisioned,
                "{name} {} {}: {past} ≤ {} at {}",
                t.tier,
                t.resource,
                t.provisioned,
                m + 1
            );
            checked += 1;
        }
        // The binding tier is the smallest limit.
        let smallest = l.tiers.iter().filter_map(|t| t.max_users).min();
        assert_eq!(l.max_users, smallest, "{name}");
    }
    assert!(checked >= 30, "only {checked} limits checked");
}

/// limits --budget: the users found cost at most the budget, re-planned, and one more user costs more.
#[test]
fn budget_users_cost_within_budget_and_one_more_exceeds_it() {
    for name in PRESETS {
        let today = preset(name);
        let budget = plan(&today).cost.monthly_usd * 1.7;
        let l = limits(&today, Catalog::builtin(), Some(budget));
        let u = l
            .budget_users
            .unwrap_or_else(|| panic!("{name}: no budget users"));
        let cost = |users: f64| {
            let mut s = today.clone();
            s.users = users;
            plan(&s).cost.monthly_usd
        };
        assert!(
            cost(u as f64) <= budget,
            "{name}: {u} users cost {} > {budget}",
            cost(u as f64)
        );
        assert!(
            cost(u as f64 + 1.0) > budget,
            "{name}: {} users still within {budget}",
            u + 1
        );
        assert!(
            u as f64 > today.users,
            "{name}: 1.7× the bill buys more users than today"
        );
    }
}

/// limits: `headroom limits --preset default` names the first tier and when; the month agrees with the
/// growth runway (the same checks, month by month).
#[test]
fn default_limit_month_agrees_with_the_growth_runway() {
    let mut s = preset("default");
    s.horizon_months = 36.0;
    let l = limits(&s, Catalog::builtin(), None);
    let p = plan(&s);
    let runway = p
        .growth
        .runway
        .as_ref()
        .expect("default runs out within 36 months");
    assert_eq!(l.runs_out_month, Some(runway.month));
    // Several resources can run out in the same month; the runway names the first in tier order, and its
    // limit is passed that month too.
    let users_then = s.users * s.growth.powf(f64::from(runway.month) / 12.0);
    let named = l
        .tiers
        .iter()
        .find(|t| t.tier == runway.tier && t.resource == runway.resource)
        .expect("the runway's resource is one of the limits");
    assert!((named.max_users.unwrap() as f64) < users_then);
    let before = s.users * s.growth.powf(f64::from(runway.month - 1) / 12.0);
    assert!(
        l.max_users.unwrap() as f64 >= before,
        "the binding limit holds the month before"
    );
}

/// drivers: every row's two costs are two independent `plan` runs; rows are sorted by swing; an input
/// with no effect on today's bill says 0.
#[test]
fn driver_costs_are_two_plans_and_sorted() {
    for name in ["diffgram", "default", "coder-10k"] {
        let s = preset(name);
        let d = drivers(&s, Catalog::builtin(), 0.2);
        let today = plan(&s);
        assert_eq!(d.monthly_usd, today.cost.monthly_usd, "{name}");
        for row in &d.drivers {
            let Kind::Number { set, .. } = find(row.key).unwrap().kind else {
                panic!()
            };
            for (value, cost, nodes) in [
                (row.low, row.cost_low, row.nodes_low),
                (row.high, row.cost_high, row.nodes_high),
            ] {
                let mut at = s.clone();
                set(&mut at, value);
                let p = plan(&at);
                assert_eq!(p.cost.monthly_usd, cost, "{name} {} = {value}", row.key);
                assert_eq!(
                    p.growth.months[0].nodes, nodes,
                    "{name} {} = {value}",
                    row.key
                );
            }
        }
        assert!(
            d.drivers
                .windows(2)
                .all(|w| w[0].swing_usd() >= w[1].swing_usd()),
            "{name}: order"
        );
        let horizon = d
            .drivers
            .iter()
            .find(|x| x.key == "horizon_months")
            .unwrap();
        assert_eq!(
            horizon.swing_usd(),
            0.0,
            "{name}: the horizon does not change today's bill"
        );
        assert_eq!(horizon.cost_low, today.cost.monthly_usd);
    }
    // Diffgram's bill is moved most by its traffic and media, not by a platform detail.
    let d = drivers(&preset("diffgram"), Catalog::builtin(), 0.2);
    assert!(d.drivers[0].swing_usd() > 0.0);
    let users = d.drivers.iter().position(|x| x.key == "users").unwrap();
    assert!(users < 5, "users is driver #{users}");
}

/// With ranged inputs the three commands say so: compare adds the monthly cost's p10 and p90 (each side's
/// bands, or its point plan without ranges) and lists a ranged input as its range; limits names the tiers
/// that run out below the top of users' range; drivers swings a ranged input across its own range, each
/// end an independent plan. The discount reads as the negative amount it is.
#[test]
fn ranged_inputs_are_said_and_used_by_compare_limits_and_drivers() {
    use headroom::engine::ranges::Range;
    let mut s = preset("default");
    s.users = 45_000.0;
    s.ranges
        .insert("users".into(), Range::Uniform(30_000.0, 60_000.0));
    let d = drivers(&s, Catalog::builtin(), 0.2);
    let users = d.drivers.iter().find(|x| x.key == "users").unwrap();
    assert!(users.ranged);
    assert_eq!((users.low, users.high), (30_000.0, 60_000.0));
    for (u, cost) in [(30_000.0, users.cost_low), (60_000.0, users.cost_high)] {
        let mut at = s.clone();
        at.ranges.clear();
        at.users = u;
        assert_eq!(plan(&at).cost.monthly_usd, cost);
    }
    let intensity = d.drivers.iter().find(|x| x.key == "intensity").unwrap();
    assert!(!intensity.ranged);
    assert!((intensity.low - s.intensity * 0.8).abs() < 1e-9);

    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args(args)
            .env(
                "HEADROOM_DATA_DIR",
                std::env::temp_dir().join("headroom-analysis-ranged"),
            )
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let text = run(&["drivers", "--set", "users=30k..60k"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("users ~ ") && l.contains(" 30k → 60k ")),
        "{text}"
    );
    assert!(
        text.contains("Inputs marked ~ have a range (users)"),
        "{text}"
    );

    let b = plan(&s).bands.unwrap();
    let base = plan(&preset("default")).cost.monthly_usd;
    let text = run(&[
        "compare",
        "default",
        "default",
        "--set",
        "users=30k..60k",
        "--set",
        "discount=0.1",
    ]);
    let money = headroom::format::money;
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label}: {text}"))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // The discount run's bands are the undiscounted bands less 10 %.
    let p10 = row("monthly cost p10");
    assert_eq!(p10[3], money(base), "{text}");
    assert_eq!(p10[4], money(b.monthly_usd.p10.unwrap() * 0.9), "{text}");
    let p90 = row("monthly cost p90");
    assert_eq!(p90[4], money(b.monthly_usd.p90.unwrap() * 0.9), "{text}");
    let discount = row("cost: discount");
    assert!(
        discount[3].starts_with("−$") && discount[4].starts_with("−$"),
        "{text}"
    );
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("users 200 → 30,000..60,000"), "{text}");
    assert!(
        text.contains("Ranged inputs in the other (users)"),
        "{text}"
    );

    // JSON: with only the other side ranged, the baseline's cost stands as its percentiles.
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "compare",
        "default",
        "default",
        "--set",
        "users=30k..60k",
        "--format",
        "json",
    ]))
    .unwrap();
    let (base_cost, other_bands) = (
        json["base"]["cost"]["monthly_usd"].as_f64().unwrap(),
        &json["other"]["bands"]["monthly_usd"],
    );
    for p in ["p10", "p50", "p90"] {
        let d = json["delta"]["bands"]["monthly_usd"][p].as_f64().unwrap();
        let want = other_bands[p].as_f64().unwrap() - base_cost;
        assert!((d - want).abs() < 1e-3, "{p}: {d} vs {want}");
    }

    let text = run(&["limits", "--set", "users=30k..60k"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Below the top of users' range (60,000) these run out: database"),
        "{text}"
    );
    // JSON and CSV carry the same: which tiers run out inside users' range, by the same test.
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "limits",
        "--set",
        "users=30k..60k",
        "--format",
        "json",
    ]))
    .unwrap();
    let ranged = &json["ranged"];
    assert_eq!(ranged["users_high"], 60_000.0, "{ranged}");
    assert_eq!(ranged["inputs"][0], "users", "{ranged}");
    let inside = ranged["runs_out_in_users_range"].as_array().unwrap();
    let tiers = json["limits"]["tiers"].as_array().unwrap();
    let below = |t: &serde_json::Value| t["max_users"].as_f64().is_some_and(|m| m < 60_000.0);
    assert_eq!(inside.len(), tiers.iter().filter(|t| below(t)).count());
    assert!(inside.len() < tiers.len() && !inside.is_empty(), "{ranged}");
    assert!(ranged["note"].as_str().unwrap().contains("likely values"));
    let csv = run(&["limits", "--set", "users=30k..60k", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",runs_out_in_users_range"));
    let flags: Vec<&str> = lines.map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(flags.iter().filter(|f| **f == "true").count(), inside.len());
    assert!(flags.iter().all(|f| *f == "true" || *f == "false"), "{csv}");
    // Without ranges: no `ranged` block and an empty column.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["limits", "--format", "json"])).unwrap();
    assert!(json["ranged"].is_null());
    let csv = run(&["limits", "--format", "csv"]);
    assert!(csv.lines().skip(1).all(|l| l.ends_with(',')), "{csv}");
}
