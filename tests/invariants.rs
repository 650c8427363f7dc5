//! Invariants of `plan` over the whole input space (proptest).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::any_scenario;

use headroom::catalog::Catalog;
use headroom::engine::params::{Kind, PARAMS};
use headroom::engine::plan::Plan;
use headroom::engine::scenario::{CacheCostModel, Scenario};
use headroom::presets;
use proptest::prelude::*;

fn plan(s: &Scenario) -> Plan {
    headroom::engine::plan(s, Catalog::builtin())
}

/// Every number in the plan is finite and not negative (RON spells NaN, inf and signs out).
fn assert_clean(p: &Plan) {
    let mut numbers_only = p.clone();
    numbers_only.warnings.clear();
    let text = ron::to_string(&numbers_only).unwrap();
    for bad in ["NaN", ":inf", ":-"] {
        assert!(!text.contains(bad), "plan contains {bad}: {text}");
    }
}

fn first_media_gb(s: &Scenario) -> f64 {
    plan(s).media.object_storage_gb
}

fn nodes(p: &Plan, pool: &str) -> u64 {
    p.node_pools
        .iter()
        .find(|x| &*x.name == pool)
        .map_or(0, |x| x.nodes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_is_finite_and_non_negative(s in any_scenario()) {
        let p = plan(&s);
        assert_clean(&p);
        prop_assert!(p.cost.monthly_usd > 0.0);
        prop_assert!(p.compute.workers >= 1);
        prop_assert_eq!(p.growth.months.len(), s.horizon_months as usize + 1);
    }

    /// The plan sizes today's load once and places it on every provider: each provider's figure must be
    /// that provider's own plan, to the cent and beyond.
    #[test]
    fn each_providers_total_is_its_own_plan(s in any_scenario()) {
        let p = plan(&s);
        for (provider, total) in [
            (headroom::engine::scenario::Provider::Aws, p.cost.by_provider.aws),
            (headroom::engine::scenario::Provider::Gcp, p.cost.by_provider.gcp),
            (headroom::engine::scenario::Provider::Azure, p.cost.by_provider.azure),
        ] {
            let mut there = s.clone();
            there.provider = provider;
            prop_assert_eq!(total, plan(&there).cost.monthly_usd, "{:?}", provider);
        }
    }

    #[test]
    fn more_users_never_lowers_any_tier(s in any_scenario(), more in 1.0..10.0f64) {
        let a = plan(&s);
        let mut bigger = s.clone();
        bigger.users = (s.users * more).min(1e9);
        let b = plan(&bigger);
        prop_assert!(b.compute.vcpu >= a.compute.vcpu);
        prop_assert!(b.compute.memory_gib >= a.compute.memory_gib);
        prop_assert!(b.compute.replicas >= a.compute.replicas);
        prop_assert!(b.database.vcpu >= a.database.vcpu);
        prop_assert!(b.database.memory_gib >= a.database.memory_gib - 1e-9);
        prop_assert!(b.cache.memory_gib >= a.cache.memory_gib);
        prop_assert!(b.media.vcpu >= a.media.vcpu);
        prop_assert!(b.media.memory_gib >= a.media.memory_gib);
        // An `auto` pool may move to a larger type with fewer nodes; its cost still never falls (below).
        for pool in a.node_pools.iter().filter(|p| {
            b.node_pools.iter().any(|q| q.name == p.name && q.node_type == p.node_type)
        }) {
            prop_assert!(nodes(&b, &pool.name) >= pool.nodes, "pool {}: {} < {}", pool.name, nodes(&b, &pool.name), pool.nodes);
        }
        prop_assert!(b.cost.monthly_usd >= a.cost.monthly_usd - 1e-6, "{} < {}", b.cost.monthly_usd, a.cost.monthly_usd);
        for (x, y) in [(b.cost.by_provider.aws, a.cost.by_provider.aws), (b.cost.by_provider.gcp, a.cost.by_provider.gcp), (b.cost.by_provider.azure, a.cost.by_provider.azure)] {
            prop_assert!(x >= y - 1e-6);
        }
    }

    #[test]
    fn a_higher_cache_hit_never_raises_app_or_database_load(s in any_scenario(), up in 0.0..0.99f64) {
        let mut s = s;
        // A hit that costs a worker more than a miss is not a cache.
        s.rps_per_worker_cached = s.rps_per_worker_cached.max(s.rps_per_worker_uncached);
        let a = plan(&s);
        let mut better = s.clone();
        better.cache_hit = (s.cache_hit + up).min(0.99);
        let b = plan(&better);
        prop_assert!(b.database.qps <= a.database.qps * (1.0 + 1e-12) + 1e-9);
        prop_assert!(b.database.vcpu <= a.database.vcpu);
        if s.cache_cost_model == CacheCostModel::Additive {
            prop_assert!(b.compute.busy_workers <= a.compute.busy_workers * (1.0 + 1e-12) + 1e-9);
            prop_assert!(b.compute.workers <= a.compute.workers);
        }
    }

    #[test]
    fn growth_of_one_keeps_the_horizon_equal_to_today(s in any_scenario()) {
        let mut s = s;
        s.growth = 1.0;
        let p = plan(&s);
        let (first, last) = (&p.growth.months[0], p.growth.months.last().unwrap());
        prop_assert_eq!((first.workers, first.nodes), (last.workers, last.nodes));
        prop_assert_eq!(first.peak_rps, last.peak_rps);
        // Nothing grows, so nothing runs out later; a plan already short today says month 0.
        prop_assert!(matches!(p.growth.runway_months, None | Some(0)));
        // Stored records and media accrue month by month; with neither, nothing changes.
        if s.records_per_user_hour == 0.0 && first_media_gb(&s) == 0.0 {
            prop_assert!((first.monthly_usd - last.monthly_usd).abs() < 1e-9);
        } else {
            // Within a rounding step: at $10¹⁶ a month (a proptest found 22 trillion nodes) a dollar of
            // storage is below one ulp, and the discount's rounding can take one ulp off the total.
            prop_assert!(last.monthly_usd >= first.monthly_usd * (1.0 - 1e-15));
        }
    }
}

#[test]
fn every_range_bound_of_every_key_plans_cleanly() {
    for name in presets::builtin_names() {
        let base = presets::builtin(name).unwrap().scenario;
        for p in PARAMS {
            if let Kind::Number { min, max, set, .. } = p.kind {
                for v in [min, max] {
                    let mut s = base.clone();
                    set(&mut s, v);
                    assert_clean(&plan(&s));
                }
            }
        }
    }
}

#[test]
fn nan_and_infinite_inputs_are_clamped_not_propagated() {
    let mut s = Scenario::default();
    for p in PARAMS {
        if let Kind::Number { set, .. } = p.kind {
            set(&mut s, f64::NAN);
        }
    }
    assert_clean(&plan(&s));
    let s = Scenario {
        users: f64::INFINITY,
        cache_hit: -3.0,
        ..Scenario::default()
    };
    assert_clean(&plan(&s));
}
