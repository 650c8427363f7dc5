//! Commitments, spot, autoscaled node-hours and the discount (issue 12), against hand computations from the
//! catalog's rates (`assets/catalog.ron`, commitments; `../shared/pricing.md`, "Commitments").
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{PRESETS, any_scenario, plan, preset, with};
use headroom::engine::scenario::{Commitment, Provider};
use proptest::prelude::*;

fn pool_usd(p: &headroom::engine::plan::Plan, name: &str) -> (String, u64, f64) {
    let n = p.node_pools.iter().find(|n| &*n.name == name).unwrap();
    (n.node_type.to_string(), n.size.nodes, n.size.monthly_usd)
}

/// The default preset committed for one year on each provider, every node running all month (the floor is
/// the whole plan without autoscaling), so each pool costs nodes × 730 h × hourly × (1 − discount):
/// - AWS (Compute Savings Plans proxy, 27.9 % [IC-RI]): 2 × c5.2xlarge at $0.34/h → 2 × 730 × 0.34 × 0.721
///   = $357.9044; 2 × t3.medium at $0.0416/h → 2 × 730 × 0.0416 × 0.721 = $43.7907.
/// - GCP (resource-based CUD 1 yr 37 %): 2 × e2-standard-4 at $0.13402/h → 2 × 730 × 0.13402 × 0.63
///   = $123.2716.
/// - Azure (reserved VM 1 yr 40 % [unverified]): 2 × `Standard_D8s_v3` at $0.384/h → 2 × 730 × 0.384 × 0.6
///   = $336.384; 2 × `Standard_D2s_v3` at $0.096/h → 2 × 730 × 0.096 × 0.6 = $84.096.
#[test]
fn committed_floor_costs_the_committed_rate_on_each_provider() {
    let near = |got: f64, want: f64, what: &str| {
        assert!((got - want).abs() < 0.005, "{what}: {got} vs {want}");
    };
    let aws = plan(&with("default", &[("commitment", "1y")]));
    let (t, n, usd) = pool_usd(&aws, "general");
    assert_eq!((t.as_str(), n), ("c5.2xlarge", 2));
    near(usd, 357.9044, "aws general");
    near(pool_usd(&aws, "media").2, 43.7907, "aws media");
    let gcp = plan(&with(
        "default",
        &[("commitment", "1y"), ("provider", "gcp")],
    ));
    let (t, n, usd) = pool_usd(&gcp, "media");
    assert_eq!((t.as_str(), n), ("e2-standard-4", 2));
    near(usd, 123.2716, "gcp media");
    let azure = plan(&with(
        "default",
        &[("commitment", "1y"), ("provider", "azure")],
    ));
    let (t, n, usd) = pool_usd(&azure, "general");
    assert_eq!((t.as_str(), n), ("Standard_D8s_v3", 2));
    near(usd, 336.384, "azure general");
    near(pool_usd(&azure, "media").2, 84.096, "azure media");
    // What was committed is the floor: every node, all month.
    let lines = &aws.cost.billing.commit;
    assert_eq!(lines.iter().map(|l| l.nodes).sum::<f64>(), 4.0);
    assert!(aws.cost.monthly_usd < aws.cost.billing.on_demand_usd);
}

/// With autoscaling the floor (the average load's nodes, at least `min_nodes`) is committed and the peak
/// hours above it are on demand: pool = floor × 730 × rate × (1 − cud) + (node-hours − floor × 730) × rate.
#[test]
fn committed_floor_with_autoscaling_buys_the_peak_on_demand() {
    for provider in ["aws", "gcp", "azure"] {
        let s = with(
            "coder-10k",
            &[
                ("provider", provider),
                ("autoscaling", "true"),
                ("commitment", "3y"),
            ],
        );
        let p = plan(&s);
        let catalog = headroom::catalog::Catalog::builtin();
        let prices = catalog.prices(s.provider);
        let b = &p.cost.billing;
        assert!(
            b.floor_node_hours < b.node_hours && b.node_hours < b.peak_node_hours,
            "{provider}: {b:?}"
        );
        let pool = p
            .node_pools
            .iter()
            .find(|n| &*n.name == "workspaces")
            .unwrap();
        let node = prices.node(&pool.node_type).unwrap();
        let line = b.commit.iter().find(|l| l.pool == "workspaces").unwrap();
        let cud = prices
            .commitments
            .compute_for(&node.name)
            .unwrap()
            .three_year;
        let peak = pool.size.nodes as f64;
        let floor = line.nodes;
        assert!(floor < peak, "{provider}: the floor is below the peak");
        let hours = (peak * 4.0 + floor * 20.0) / 24.0 * 730.0;
        let want = floor * 730.0 * node.usd_per_hour * (1.0 - cud)
            + (hours - floor * 730.0) * node.usd_per_hour * (1.0 - node.sustained_use_discount);
        assert!(
            (pool.size.monthly_usd - want).abs() < 1e-6 * want,
            "{provider}: {} vs {want}",
            pool.size.monthly_usd
        );
    }
}

/// `discount = 0.1` lowers the total by exactly 10 %, on every provider and preset.
#[test]
fn a_ten_percent_discount_is_exactly_ten_percent() {
    for name in PRESETS {
        for provider in ["aws", "gcp", "azure"] {
            let full = plan(&with(name, &[("provider", provider)]))
                .cost
                .monthly_usd;
            let off = plan(&with(name, &[("provider", provider), ("discount", "0.1")]));
            assert!(
                (off.cost.monthly_usd - 0.9 * full).abs() < 1e-9 * full,
                "{name} {provider}"
            );
            assert!((off.cost.components.discount - 0.1 * full).abs() < 1e-9 * full);
        }
    }
}

/// What you signed stays signed: growth months keep today's commitment and buy the growth on demand, so
/// the commitment saves the same amount every month.
#[test]
fn growth_months_keep_todays_commitment() {
    for name in ["default", "coder-10k", "diffgram"] {
        let on_demand = plan(&preset(name));
        let committed = plan(&with(name, &[("commitment", "1y")]));
        let saving = |m: usize| {
            on_demand.growth.months[m].monthly_usd - committed.growth.months[m].monthly_usd
        };
        assert!(saving(0) > 0.0, "{name}");
        for m in 1..on_demand.growth.months.len() {
            assert!(
                (saving(m) - saving(0)).abs() < 1e-6 * saving(0).max(1.0),
                "{name} month {m}: {} vs {}",
                saving(m),
                saving(0)
            );
        }
    }
}

/// Spot only for stateless pools: the media pool of the default preset (media workers only) gets it, the
/// general pool (app with infrastructure and the cache) does not.
#[test]
fn spot_goes_to_stateless_pools_only() {
    let base = plan(&with("diffgram", &[]));
    let spot = plan(&with("diffgram", &[("spot_share", "1")]));
    assert!(spot.cost.billing.spot_usd > 0.0);
    let media = |p: &headroom::engine::plan::Plan| pool_usd(p, "media").2;
    assert!(media(&spot) < media(&base));
    let general = |p: &headroom::engine::plan::Plan| pool_usd(p, "general").2;
    assert_eq!(
        general(&spot),
        general(&base),
        "general holds the infrastructure pods"
    );
    assert!(
        spot.warnings.iter().any(|w| w.key == "spot_share"),
        "reclaim notice warned"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Autoscaling never bills more than the peak all month nor less than the floor, and never costs more
    /// than the same plan without it. Nodes are compared with their disks (storage): an `auto` pool may
    /// settle on another type once autoscaled, and it weighs both.
    #[test]
    fn autoscaling_lies_between_the_floor_and_the_peak(mut s in any_scenario()) {
        s.autoscaling = true;
        s.commitment = Commitment::OnDemand;
        s.spot_share = 0.0;
        s.discount = 0.0;
        let p = plan(&s);
        let b = &p.cost.billing;
        // Relative: a plan of 10⁹ workspaces bills node-hours in the 10¹², where 1e-6 is below an ulp.
        let slack = 1e-9 * b.peak_node_hours + 1e-6;
        prop_assert!(b.floor_node_hours <= b.node_hours + slack);
        prop_assert!(b.node_hours <= b.peak_node_hours + slack);
        s.autoscaling = false;
        let peak = plan(&s);
        let nodes = |q: &headroom::engine::plan::Plan| q.cost.components.nodes + q.cost.components.storage;
        prop_assert!(nodes(&p) <= nodes(&peak) * (1.0 + 1e-9) + 1e-9);
        prop_assert_eq!(peak.cost.billing.node_hours, peak.cost.billing.peak_node_hours);
    }

    /// Committing the floor never costs more than buying it on demand, on any provider (spot, which can
    /// undercut a commitment, is left out).
    #[test]
    fn committing_the_floor_never_costs_more(mut s in any_scenario(), p in 0usize..3) {
        s.provider = [Provider::Aws, Provider::Gcp, Provider::Azure][p];
        s.commit_share = None;
        s.spot_share = 0.0;
        s.commitment = Commitment::OnDemand;
        let on_demand = plan(&s).cost.monthly_usd;
        s.commitment = Commitment::ThreeYear;
        prop_assert!(plan(&s).cost.monthly_usd <= on_demand * (1.0 + 1e-9) + 1e-9);
    }
}

/// A commitment is nodes every hour: committing more than the floor of an autoscaled pool pays for hours
/// no node uses, so it never costs less than committing the floor (coder-10k's workspaces run 63 nodes
/// all day and 250 at peak).
#[test]
fn committing_past_the_floor_never_saves_more() {
    for provider in [Provider::Aws, Provider::Gcp, Provider::Azure] {
        let mut s = preset("coder-10k");
        s.provider = provider;
        s.autoscaling = true;
        s.commitment = Commitment::ThreeYear;
        let floor = plan(&s).cost.monthly_usd;
        let mut last = floor;
        for share in [0.75, 0.9, 1.0] {
            s.commit_share = Some(share);
            let cost = plan(&s).cost.monthly_usd;
            assert!(
                cost >= floor - 1e-6,
                "{provider:?} {share}: {cost} < floor {floor}"
            );
            assert!(
                cost >= last - 1e-6,
                "{provider:?} {share}: more commitment, less cost"
            );
            last = cost;
        }
    }
}
