//! Helpers shared by the integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]
#![allow(dead_code)]

use headroom::catalog::Catalog;
use headroom::engine::params::set_key;
use headroom::engine::params::{Kind, PARAMS, Scale};
use headroom::engine::plan::Plan;
use headroom::engine::scenario::Scenario;
use headroom::presets;
use proptest::prelude::*;

pub fn preset(name: &str) -> Scenario {
    presets::builtin(name)
        .unwrap_or_else(|| panic!("no preset {name}"))
        .scenario
}

/// A preset with some keys changed, as `--set` would.
pub fn with(name: &str, changes: &[(&str, &str)]) -> Scenario {
    let mut s = preset(name);
    for (k, v) in changes {
        set_key(&mut s, k, v).unwrap_or_else(|e| panic!("{e}"));
    }
    s
}

pub fn plan(s: &Scenario) -> Plan {
    headroom::engine::plan(s, Catalog::builtin())
}

/// `actual` within `tolerance` (a fraction) of `expected`.
pub fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
    let ok = (actual - expected).abs() <= tolerance * expected.abs();
    assert!(
        ok,
        "{what}: {actual} is not within {}% of {expected}",
        tolerance * 100.0
    );
}

pub fn pool<'a>(p: &'a Plan, name: &str) -> &'a headroom::engine::plan::NodePool {
    p.node_pools
        .iter()
        .find(|x| &*x.name == name)
        .unwrap_or_else(|| panic!("no pool {name}"))
}

/// The built-in presets, in display order.
pub const PRESETS: [&str; 7] = [
    "default",
    "diffgram",
    "falcon-inference",
    "falcon-ha",
    "web-article",
    "coder-10k",
    "cocalc",
];

/// A value in a key's range from a unit draw: log-uniform on log scales, uniform otherwise.
pub fn value_at(min: f64, max: f64, integer: bool, scale: Scale, u: f64) -> f64 {
    let v = match scale {
        Scale::Log => {
            let lo = min.max(max / 1e9).max(1e-3);
            if u < 0.05 {
                min
            } else {
                (lo.ln() + (max.ln() - lo.ln()) * u).exp().clamp(min, max)
            }
        }
        Scale::Linear => min + (max - min) * u,
    };
    if integer {
        v.round().clamp(min, max)
    } else {
        v
    }
}

/// Any scenario: every number anywhere in its range, every choice, any built-in preset as a base.
pub fn any_scenario() -> impl Strategy<Value = Scenario> {
    let names: Vec<&'static str> = presets::builtin_names().collect();
    (
        prop::sample::select(names),
        prop::collection::vec(0.0..=1.0f64, PARAMS.len()),
        prop::collection::vec(0usize..3, PARAMS.len()),
        prop::collection::vec(any::<bool>(), PARAMS.len()),
        prop::collection::vec(any::<bool>(), PARAMS.len()),
    )
        .prop_map(|(base, units, choices, flags, keep)| {
            let mut s = presets::builtin(base).unwrap().scenario;
            for (i, p) in PARAMS.iter().enumerate() {
                if keep[i] {
                    continue;
                }
                match p.kind {
                    Kind::Number {
                        min,
                        max,
                        integer,
                        scale,
                        set,
                        ..
                    } => {
                        // Keep the user count moderate most of the time so cases stay fast, but reach the top too.
                        let u = if p.key == "users" {
                            units[i] * units[i]
                        } else {
                            units[i]
                        };
                        set(&mut s, value_at(min, max, integer, scale, u));
                    }
                    Kind::Choice { set, .. } => set(&mut s, choices[i]),
                    Kind::Flag { set, .. } => set(&mut s, flags[i]),
                    Kind::Text { .. } => {}
                }
            }
            s
        })
}
