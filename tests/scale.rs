//! Plans that stay true at every scale (issue 7, MODEL.md Revision 2): the data tier past the largest
//! instance, GCP unit prices, EKS VM overhead, control planes, cluster limits, `auto` node types and
//! unschedulable pods. Expected values are worked out in the comments from ../shared/pricing.md.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{PRESETS, any_scenario, assert_near, plan, pool, preset, with};
use headroom::catalog::{Catalog, Provider};
use headroom::engine::plan::Plan;
use headroom::engine::scenario::Scenario;
use proptest::prelude::*;

fn warned(p: &Plan, key: &str, words: &str) -> bool {
    p.warnings
        .iter()
        .any(|w| w.key == key && w.message.contains(words))
}

#[test]
fn diffgram_at_2467_users_on_aws_prices_at_least_sixteen_database_instances_and_says_why() {
    // Diffgram (000): heavy users need 1 DB vCPU per 5 users → 2 467 users ≈ 494 vCPU and 5 GiB per vCPU
    // ≈ 2.41 TiB. The largest RDS types have 32 vCPU, so at least ⌈494 ÷ 32⌉ = 16 are needed.
    // db.r5.8xlarge (256 GiB, $4.00/h): 16 → $64.00/h; db.m5.8xlarge (128 GiB, $2.848/h): ⌈2 468 ÷ 128⌉ = 20
    // → $56.96/h. The cheaper way to carry it: 20 × db.m5.8xlarge.
    let p = plan(&with("diffgram", &[("provider", "aws"), ("users", "2467")]));
    let d = &p.database;
    assert_eq!(d.vcpu, 494);
    assert_eq!(d.instance.as_deref(), Some("db.m5.8xlarge"));
    assert_eq!((d.shards, d.instances), (20, 20));
    // $2.848/h × 730 h × 20 = $41 580.80.
    assert_near(p.cost.components.database, 41_580.8, 1e-9, "database cost");
    assert!(warned(&p, "db_instance", "no single") || warned(&p, "db_instance", "No single"));
    assert!(
        d.placement().contains("20 × db.m5.8xlarge"),
        "{}",
        d.placement()
    );
    // Every growth month is priced by the same rule: never today's instance at 1.5× the load.
    for m in &p.growth.months {
        assert!(
            m.db_instances * 32 >= m.db_vcpu && m.db_instances >= 16,
            "month {}: {} instances for {} vCPU",
            m.month,
            m.db_instances,
            m.db_vcpu
        );
    }
    let last = p.growth.months.last().unwrap();
    assert!(last.db_instances > 20, "{last:?}");
}

#[test]
fn the_cli_table_says_n_times_type_and_why() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args([
            "plan",
            "--preset",
            "diffgram",
            "--set",
            "provider=aws",
            "--set",
            "users=2467",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("20 × db.m5.8xlarge"), "{text}");
    assert!(text.contains("no single instance fits"), "{text}");
}

#[test]
fn a_gcp_cache_is_priced_per_gb_not_snapped_to_a_product() {
    // users × 0.5 MB × 1.25 ÷ 1 073.74 MB per GiB (decimal MB) = 110.8 GiB at 190 354 users → 111 GB in Memorystore's M5 tier at
    // $0.016/GB-h: 111 × 0.016 × 730 = $1 296.48 (the old 300 GB product cost $3 504).
    let p = plan(&with(
        "default",
        &[("provider", "gcp"), ("users", "190354")],
    ));
    assert_near(p.cache.memory_gib, 110.8, 0.001, "cache GiB");
    assert_eq!(p.cache.instances, 1);
    assert_near(p.cost.components.cache, 1296.48, 1e-6, "cache cost");
    // Standard tier (cache_ha) M5 at $0.030: 111 × 0.030 × 730 = $2 430.90.
    let ha = plan(&with(
        "default",
        &[
            ("provider", "gcp"),
            ("users", "190354"),
            ("cache_ha", "true"),
        ],
    ));
    assert_near(ha.cost.components.cache, 2430.9, 1e-6, "HA cache cost");
}

#[test]
fn cloud_sql_is_a_custom_machine_at_per_vcpu_and_per_gb_rates() {
    // Default preset, 6 000 users: misses 6 000 × 0.3 = 1 800 QPS ÷ 300 per vCPU ÷ 0.6 = 10 vCPU;
    // memory 10 × 5 GiB + pool ⌈1 800 × 0.05 ÷ 0.6⌉ = 150 connections × 5 MB = 50.73 GiB → 50.75 GiB in
    // 256 MiB steps. Cloud SQL zonal: (10 × $0.0413 + 50.75 × $0.0070) × 730 = (0.413 + 0.35525) × 730 = $560.82 (a 16 vCPU
    // product would be $789).
    let p = plan(&with("default", &[("provider", "gcp"), ("users", "6000")]));
    assert_eq!(p.database.vcpu, 10);
    assert_eq!(p.database.instance.as_deref(), Some("db-custom-10-51968"));
    assert_near(p.cost.components.database, 560.8225, 1e-6, "Cloud SQL cost");
    // Regional HA doubles both rates.
    let ha = plan(&with(
        "default",
        &[("provider", "gcp"), ("users", "6000"), ("db_ha", "true")],
    ));
    assert_near(ha.cost.components.database, 2.0 * 560.8225, 1e-6, "HA cost");
}

#[test]
fn coder_on_eks_m5_2xlarge_packs_twelve_workspaces_per_node() {
    // m5.2xlarge: 32 768 MiB × (1 − 0.075) − (11 × 58 + 255) − 100 = 29 317 MiB = 28.63 GiB;
    // less Coder's 15 % node headroom 24.34 GiB ÷ 2 GiB per workspace = 12 (13 without the VM overhead).
    let p = plan(&with(
        "coder-10k",
        &[("provider", "aws"), ("node_type.workspaces", "m5.2xlarge")],
    ));
    assert_eq!(pool(&p, "workspaces").per_node, 12);
    // 3 000 workspaces ÷ 12 = 250 nodes.
    assert_eq!(pool(&p, "workspaces").nodes, 250);
}

#[test]
fn the_default_database_is_sized_for_queries_not_users() {
    // 200 users × 1 req/s × (1 − 0.7) = 60 QPS ÷ 300 per vCPU ÷ 0.6 = 0.33 → 1 vCPU (was 10 at 10 QPS/vCPU).
    let p = plan(&preset("default"));
    assert_eq!(p.database.vcpu, 1);
    // Documents keep their coefficients: Diffgram's 10 per vCPU still gives its 20 vCPU.
    assert_eq!(preset("diffgram").db_qps_per_vcpu, 10.0);
    assert_eq!(preset("default").node_headroom, 0.0);
    assert_eq!(preset("coder-10k").node_headroom, 0.15);
}

#[test]
fn every_managed_cluster_pays_its_control_plane() {
    // $0.10 per cluster-hour × 730 = $73.00 on EKS and GKE; AKS Free tier has no fee, Standard $73.
    for (provider, tier, usd) in [
        ("aws", "free", 73.0),
        ("gcp", "free", 73.0),
        ("azure", "free", 0.0),
        ("azure", "standard", 73.0),
    ] {
        let p = plan(&with(
            "default",
            &[("provider", provider), ("aks_tier", tier)],
        ));
        assert_eq!(p.cost.clusters, 1);
        assert_near(
            p.cost.components.control_plane + 1.0,
            usd + 1.0,
            1e-12,
            provider,
        );
    }
    // Falcon's servers are plain VMs: no cluster fee.
    let falcon = plan(&preset("falcon-inference"));
    assert_eq!(falcon.cost.components.control_plane, 0.0);
}

#[test]
fn twenty_million_users_need_several_clusters_and_say_so() {
    let p = plan(&with("default", &[("users", "20000000")]));
    let nodes: u64 = p.node_pools.iter().map(|n| n.nodes).sum();
    assert!(nodes > 5000, "{nodes} nodes");
    let clusters = nodes.div_ceil(5000);
    assert_eq!(p.cost.clusters, clusters);
    assert_near(
        p.cost.components.control_plane,
        73.0 * clusters as f64,
        1e-9,
        "control plane",
    );
    assert!(warned(&p, "max_nodes_per_cluster", "clusters"));
    // A smaller limit splits sooner.
    let small = plan(&with(
        "default",
        &[("users", "20000000"), ("max_nodes_per_cluster", "1000")],
    ));
    assert_eq!(small.cost.clusters, nodes.div_ceil(1000));
}

#[test]
fn a_pod_bigger_than_any_node_is_unschedulable_not_thousands_of_nodes() {
    // A 4 vCPU app replica on t3.medium (2 vCPU): no node count is true.
    let p = plan(&with("default", &[("node_type.general", "t3.medium")]));
    let general = pool(&p, "general");
    assert_eq!(general.unschedulable, Some("app"));
    assert_eq!(general.nodes, 0);
    assert_eq!(general.monthly_usd, 0.0);
    assert!(warned(&p, "node_type.general", "cannot be scheduled"));
    assert!(general.summary().contains("unschedulable"));
    // `auto` finds a type the pod fits on.
    let auto = plan(&preset("default"));
    let general = pool(&auto, "general");
    assert!(general.auto && general.unschedulable.is_none() && general.nodes > 0);
}

#[test]
fn a_self_hosted_database_bigger_than_a_node_is_split_into_pods_that_fit() {
    // CoCalc runs PostgreSQL itself; at 200 000 users it needs far more than one node.
    let p = plan(&with("cocalc", &[("users", "200000")]));
    let d = &p.database;
    assert!(d.shards > 1, "{d:?}");
    let general = pool(&p, &preset("cocalc").db_pool);
    assert!(general.unschedulable.is_none());
    assert!(d.instance_vcpu <= general.allocatable_cpu + 1e-9);
    assert!(warned(&p, "db_pool", "splits it into"));
}

#[test]
fn bad_catalogs_are_refused_naming_the_entry() {
    let good = include_str!("../assets/catalog.ron");
    let dir = tempdir();
    let cases = [
        ("usd_per_hour: 0.0416", "usd_per_hour: inf", "t3.medium"),
        ("usd_per_hour: 0.0416", "usd_per_hour: 1e308", "t3.medium"),
        (
            "vcpu: 2,  memory_gib: 4,",
            "vcpu: -2,  memory_gib: 4,",
            "t3.medium",
        ),
        (
            "vcpu: 2,  memory_gib: 4,",
            "vcpu: 0,  memory_gib: 4,",
            "t3.medium",
        ),
        ("max_pods: Some(17)", "max_pods: Some(0)", "t3.medium"),
        (
            "usd_per_hour: 0.145), // [IC]",
            "usd_per_hour: 1e300), // [IC]",
            "db.t3.large",
        ),
    ];
    for (i, (from, to, entry)) in cases.iter().enumerate() {
        assert!(good.contains(from), "{from}");
        let path = dir.join(format!("bad{i}.ron"));
        std::fs::write(&path, good.replacen(from, to, 1)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_headroom"))
            .args(["plan", "--catalog"])
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{to}: {err}");
        assert!(err.contains(entry), "{to}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("headroom-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The node types of the provider the scenario is priced on.
fn node_names(s: &Scenario) -> Vec<String> {
    Catalog::builtin()
        .prices(s.provider)
        .nodes
        .iter()
        .map(|n| n.name.to_string())
        .collect()
}

fn checked_capacity(p: &Plan) {
    let d = &p.database;
    if d.vcpu > 0 && d.instance.is_some() {
        assert!(
            d.shards as f64 * d.instance_vcpu >= d.vcpu as f64 - 1e-9,
            "database vCPU short: {d:?}"
        );
        assert!(
            d.shards as f64 * d.instance_memory_gib >= d.memory_gib - 1e-9,
            "database memory short: {d:?}"
        );
    }
    let c = &p.cache;
    if c.memory_gib > 0.0 && c.instance.is_some() {
        assert!(
            c.instances as f64 * c.instance_memory_gib >= c.memory_gib - 1e-9,
            "cache memory short: {c:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// What is priced always covers what the plan says is needed, today and in every growth month,
    /// and a month's bill equals the plan of that month's users.
    #[test]
    fn priced_data_tier_capacity_covers_the_need_every_month(
        s in any_scenario(),
        provider in 0usize..3,
    ) {
        let mut s = s;
        s.provider = Provider::ALL[provider];
        s.managed = true;
        s.cache_managed = true;
        let p = plan(&s);
        checked_capacity(&p);
        // Beyond the users range a re-plan would clamp; growth months may go there.
        for m in p.growth.months.iter().step_by(6).filter(|m| m.users <= 1e9) {
            let mut at = s.clone();
            at.users = m.users;
            at.horizon_months = 0.0;
            let q = plan(&at);
            checked_capacity(&q);
            prop_assert_eq!(q.database.instances, m.db_instances, "month {}", m.month);
            prop_assert_eq!(q.cache.instances, m.cache_instances, "month {}", m.month);
        }
    }

    /// More users never cost less, on every provider.
    #[test]
    fn monthly_cost_never_falls_as_users_rise(
        s in any_scenario(),
        provider in 0usize..3,
        more in 1.0..10.0f64,
    ) {
        let mut s = s;
        s.provider = Provider::ALL[provider];
        s.horizon_months = 0.0;
        let before = plan(&s).cost.monthly_usd;
        s.users = (s.users * more).min(1e9);
        let after = plan(&s).cost.monthly_usd;
        prop_assert!(after >= before - 1e-6 * before, "{before} → {after}");
    }

    /// `auto` is the cheapest node type the pool's pods fit on: pinning any other type of the provider
    /// never prices the pool (its nodes and their disks) lower. With the database or cache self-hosted on
    /// the pool, each type splits them into the pods it needs, so auto must weigh each type with its own
    /// split (a CI run found auto pricing a pool at 16 times the cheapest type when it kept the default
    /// type's split).
    #[test]
    fn auto_picks_the_cheapest_node_type_that_fits(
        users in 1.0..200_000.0f64,
        vcpu_per_replica in 1.0..24.0f64,
        memory_per_worker in 0.1..16.0f64,
        provider in 0usize..3,
        self_hosted_db in proptest::bool::ANY,
        self_hosted_cache in proptest::bool::ANY,
        max_pods in prop_oneof![Just(110.0), 1.0..8.0f64],
        autoscaling in proptest::bool::ANY,
        peak_hours in 1.0..24.0f64,
        commitment in 0usize..3,
    ) {
        let mut s = preset("default");
        // Autoscaled, a pool is billed for its average load's nodes off-peak: auto must rank by that bill.
        s.autoscaling = autoscaling;
        s.peak_hours_per_day = peak_hours;
        s.commitment = [
            headroom::engine::scenario::Commitment::OnDemand,
            headroom::engine::scenario::Commitment::OneYear,
            headroom::engine::scenario::Commitment::ThreeYear,
        ][commitment];
        s.provider = Provider::ALL[provider];
        s.users = users;
        s.vcpu_per_replica = vcpu_per_replica;
        s.memory_per_worker_gib = memory_per_worker;
        s.horizon_months = 0.0;
        s.managed = !self_hosted_db;
        s.cache_managed = !self_hosted_cache;
        s.max_pods_per_node = max_pods.round();
        let p = plan(&s);
        let disk = s.node_disk_gib * Catalog::builtin().prices(s.provider).block_storage_usd_per_gb_month;
        let pool_cost = |n: &headroom::engine::plan::NodePool| n.monthly_usd + n.nodes as f64 * disk;
        let auto = pool(&p, "general");
        for name in node_names(&s) {
            let mut pinned = s.clone();
            pinned.node_types.insert("general".into(), name.clone());
            let q = plan(&pinned);
            let other = pool(&q, "general");
            // Auto settles on a type every pod fits when there is one.
            prop_assert!(
                auto.unschedulable.is_none() || other.unschedulable.is_some(),
                "auto is unschedulable on {} but every pod fits {}", auto.node_type, name
            );
            if other.unschedulable.is_none() {
                prop_assert!(
                    pool_cost(other) >= pool_cost(auto) - 1e-9,
                    "{} costs {} < auto {} ({})",
                    name, pool_cost(other), pool_cost(auto), auto.node_type
                );
            }
        }
    }
}

#[test]
fn every_preset_plans_every_provider_with_what_it_prices_covering_the_need() {
    for name in PRESETS {
        for provider in Provider::ALL {
            for users in ["1", "100000000"] {
                let mut s = with(name, &[("users", users)]);
                s.provider = provider;
                let p = plan(&s);
                checked_capacity(&p);
                assert!(
                    p.cost.monthly_usd.is_finite(),
                    "{name} {provider:?} {users}"
                );
                for n in &p.node_pools {
                    // Never an invented node count: schedulable pools have whole nodes, others none.
                    assert!(n.unschedulable.is_none() || n.nodes == 0);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Growth months and band samples buy the last month's database or cache again without searching
    /// the catalog when `Choice::serves` says the search would pick it: whenever it does, the search
    /// must pick exactly that (type, count and price), on every provider, pinned or not, at any scale.
    #[test]
    fn a_purchase_served_again_is_what_the_search_would_buy(
        // Log-uniform: most needs fit one type, as most months do; some need several.
        log_vcpu in -2.0..10.0f64,
        log_gib in -2.0..12.0f64,
        grow_vcpu in 0.5..3.0f64,
        grow_gib in 0.5..3.0f64,
        same in any::<bool>(),
        pin in 0..3usize,
        ha in any::<bool>(),
    ) {
        let (was_vcpu, was_gib) = (log_vcpu.exp2(), log_gib.exp2());
        let (now_vcpu, now_gib) = if same {
            (was_vcpu, was_gib)
        } else {
            (was_vcpu * grow_vcpu, was_gib * grow_gib)
        };
        for provider in Provider::ALL {
            let prices = Catalog::builtin().prices(provider);
            let db_pin = [None, prices.databases.first().map(|i| &*i.name), Some("no-such-type")][pin];
            let cache_pin = [None, prices.caches.first().map(|i| &*i.name), Some("no-such-type")][pin];
            let was = prices.choose_database(was_vcpu, was_gib, db_pin, ha);
            if let Some(again) = was.serves(db_pin, (was_vcpu, was_gib), (now_vcpu, now_gib)) {
                prop_assert_eq!(again, prices.choose_database(now_vcpu, now_gib, db_pin, ha));
            }
            let was = prices.choose_cache(was_gib, cache_pin, ha);
            if let Some(again) = was.serves(cache_pin, (0.0, was_gib), (0.0, now_gib)) {
                prop_assert_eq!(again, prices.choose_cache(now_gib, cache_pin, ha));
            }
            // A choice made for one pin never serves another.
            let unpinned = prices.choose_database(was_vcpu, was_gib, None, ha);
            if let Some(name) = prices.databases.first().map(|i| &*i.name) {
                prop_assert!(unpinned.serves(Some(name), (was_vcpu, was_gib), (was_vcpu, was_gib)).is_none());
            }
        }
    }
}
