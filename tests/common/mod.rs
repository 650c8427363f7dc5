//! Helpers shared by the integration tests.
#![allow(dead_code)]

use headroom::catalog::Catalog;
use headroom::engine::params::set_key;
use headroom::engine::plan::Plan;
use headroom::engine::scenario::Scenario;
use headroom::presets;

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
