//! The worked cases of the five source documents (shared/seeds), one test each, named after the source.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{assert_near, plan, pool, preset, with};
use headroom::engine::database::GIB;
use headroom::engine::plan::{Binding, ReplicaBound};

// ── Diffgram capacity planning (seeds/000) ─────────────────────────────────────────────────────

#[test]
fn diffgram_heavy_100_users_app_10_vcpu_20_gib_3_replicas_db_20_vcpu_100_gb() {
    let p = plan(&preset("diffgram"));
    assert_eq!(p.compute.vcpu, 10.0);
    assert_eq!(p.compute.memory_gib, 20.0);
    assert_eq!(p.compute.replicas, 3);
    assert_eq!(
        pool(&p, "general").pod_groups.as_slice()[0].cpu,
        4.0,
        "replicas of 4 vCPU"
    );
    assert_eq!(p.database.vcpu, 20);
    // "about 5 GB memory per vCPU": 100 GiB, plus a little for connections.
    assert_near(p.database.memory_gib, 100.0, 0.01, "database memory");
}

#[test]
fn diffgram_heavy_20_users_database_4_vcpu() {
    assert_eq!(plan(&with("diffgram", &[("users", "20")])).database.vcpu, 4);
}

#[test]
fn diffgram_heavy_200_users_app_20_vcpu_5_replicas() {
    let p = plan(&with("diffgram", &[("users", "200")]));
    assert_eq!(p.compute.vcpu, 20.0);
    assert_eq!(p.compute.replicas, 5);
}

#[test]
fn diffgram_moderate_100_users_app_5_vcpu_database_10_vcpu() {
    let p = plan(&with("diffgram", &[("intensity", "0.5")]));
    assert_eq!(p.compute.vcpu, 5.0);
    assert_eq!(p.database.vcpu, 10);
}

#[test]
fn diffgram_100_million_annotations_about_100_gb() {
    let p = plan(&with("diffgram", &[("records_now", "100000000")]));
    assert_near(
        p.database.storage_gib * GIB,
        100e9,
        0.01,
        "bytes for 100 M annotations",
    );
}

#[test]
fn diffgram_600_images_per_minute_of_5_mb_need_10_media_vcpu() {
    let p = plan(&preset("diffgram"));
    assert_near(p.media.items_per_min, 600.0, 1e-9, "items per minute");
    assert_eq!(p.media.vcpu, 10);
    // Twice the file size halves the per-vCPU rate.
    assert_eq!(
        plan(&with("diffgram", &[("media_mb", "10")])).media.vcpu,
        20
    );
    // Pass-by-reference needs no processing.
    assert_eq!(
        plan(&with("diffgram", &[("media_mode", "by_reference")]))
            .media
            .vcpu,
        0
    );
}

#[test]
fn diffgram_10_gb_video_needs_at_least_20_gb_worker_memory() {
    let p = plan(&with("diffgram", &[("largest_media_mb", "10000")]));
    assert!(
        p.media.worker_memory_gib * GIB >= 20e9,
        "{}",
        p.media.worker_memory_gib
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.key == "media_worker_memory_gib")
    );
}

// ── Falcon ML inference capacity plan (seeds/001) ─────────────────────────────────────────────

#[test]
fn falcon_500_rps_70_percent_hits_five_workers_on_one_8_vcpu_server() {
    let p = plan(&preset("falcon-inference"));
    assert_eq!((p.traffic.peak_rps, p.traffic.avg_rps), (500.0, 200.0));
    assert_near(p.traffic.miss_rps, 150.0, 1e-9, "uncached RPS");
    assert_near(p.traffic.hit_rps, 350.0, 1e-9, "cached RPS");
    assert_eq!(
        p.compute.busy_workers, 3.0,
        "max(⌈150/60⌉ = 3, ⌈350/250⌉ = 2)"
    );
    assert_eq!(p.compute.workers, 5);
    assert_eq!(p.compute.vcpu, 5.0);
    assert_near(p.compute.memory_gib, 2.0, 1e-9, "worker memory");
    let general = pool(&p, "general");
    assert_eq!((general.nodes, &*general.node_type), (1, "c5.2xlarge"));
    assert_near(
        general.cpu_requested,
        6.5,
        1e-9,
        "workers + 1.5 cores of infrastructure",
    );
}

#[test]
fn falcon_growth_2x_month_12_recomputes_to_9_workers() {
    let p = plan(&preset("falcon-inference"));
    let m12 = &p.growth.months[12];
    assert_near(m12.peak_rps, 1000.0, 1e-9, "RPS at month 12");
    assert_eq!(m12.workers, 9, "max(⌈300/60⌉, ⌈700/250⌉) = 5 → ⌈5/0.6⌉ = 9");
    assert!(p.growth.runway_months.is_some_and(|m| m < 12));
}

#[test]
fn falcon_single_server_costs_about_278_a_month_before_egress() {
    let p = plan(&preset("falcon-inference"));
    let before_egress = p.cost.monthly_usd - p.cost.components.egress;
    assert_near(before_egress, 278.0, 0.10, "c5.2xlarge + 100 GB gp3 + ALB");
    assert!(p.cost.components.egress > 0.0, "egress is shown separately");
}

#[test]
fn falcon_ha_costs_about_470_a_month_before_egress() {
    let p = plan(&preset("falcon-ha"));
    let general = pool(&p, "general");
    assert_eq!((general.nodes, &*general.node_type), (3, "c5.xlarge"));
    assert_eq!(p.database.instance.as_deref(), Some("db.t3.medium"));
    assert_eq!(p.cache.instance.as_deref(), Some("cache.t3.small"));
    assert_near(
        p.cost.monthly_usd - p.cost.components.egress,
        470.0,
        0.10,
        "3× c5.xlarge + ALB + RDS + ElastiCache",
    );
}

// ── "Capacity Planning — Why Auto-Scaling Won't Save You" (seeds/002) ─────────────────────────

#[test]
fn article_peak_qps_from_1m_dau_is_555_6() {
    let p = plan(&preset("web-article"));
    assert_near(
        p.traffic.peak_rps,
        1_000_000.0 * 20.0 * 0.10 / 3600.0,
        1e-12,
        "peak QPS",
    );
    assert_near(p.traffic.peak_rps, 555.6, 1e-4, "peak QPS");
}

#[test]
fn article_bandwidth_is_peak_qps_times_size_times_1_5() {
    let p = plan(&preset("web-article"));
    // 555.6 QPS × 20 KB × 1.5 = 16 667 KB/s = 133.3 Mbit/s.
    assert_near(
        p.traffic.peak_bandwidth_mbps,
        555.555 * 20.0 * 1.5 * 8.0 / 1000.0,
        1e-4,
        "bandwidth",
    );
}

#[test]
fn article_1000_qps_of_50_ms_queries_need_a_pool_of_at_least_50() {
    let p = plan(&with(
        "default",
        &[("users", "1000"), ("cache_hit", "0"), ("query_ms", "50")],
    ));
    assert_near(p.database.qps, 1000.0, 1e-12, "QPS");
    assert_eq!(p.database.busy_connections, 50);
    assert!(p.database.pool_size >= 50);
}

#[test]
fn article_checkout_100_per_second_for_2_s_is_200_in_flight_600_with_3x_headroom() {
    let s = with(
        "default",
        &[
            ("users", "100"),
            ("cache_hit", "0"),
            ("rps_per_worker_uncached", "0.5"),
            ("rps_per_worker_cached", "0.5"),
            ("target_utilization", "0.333333333333"),
            ("vcpu_per_worker", "0.01"),
        ],
    );
    let p = plan(&s);
    assert_near(
        p.compute.in_flight.unwrap(),
        200.0,
        0.01,
        "Little's law: 100/s × 2 s",
    );
    assert_eq!(p.compute.workers, 600);
}

#[test]
fn article_1000_qps_at_100_ms_is_100_concurrent() {
    let s = with(
        "default",
        &[
            ("users", "1000"),
            ("cache_hit", "0"),
            ("rps_per_worker_uncached", "10"),
            ("target_utilization", "0.5"),
        ],
    );
    let p = plan(&s);
    assert_near(p.compute.service_ms, 100.0, 1e-9, "service time");
    assert_near(
        p.compute.in_flight.unwrap(),
        100.0,
        0.02,
        "concurrent requests",
    );
}

#[test]
fn article_200_connections_of_5_mb_are_1_gb() {
    // 2 000 QPS × 100 ms = 200 busy connections, no headroom, over 2 replicas.
    let s = with(
        "default",
        &[
            ("users", "2000"),
            ("cache_hit", "0"),
            ("query_ms", "100"),
            ("target_utilization", "1"),
            ("rps_per_worker_uncached", "1000000"),
            ("rps_per_worker_cached", "1000000"),
            ("connection_memory_mb", "5"),
        ],
    );
    let p = plan(&s);
    assert_eq!(
        (p.database.pool_size, p.database.total_connections),
        (200, 200)
    );
    // Decimal: 200 × 5 MB = 1 000 MB = 1 GB (10⁹ bytes).
    assert_near(
        p.database.connection_memory_gib * GIB,
        1e9,
        1e-12,
        "bytes for connections",
    );
    assert!(
        p.warnings.iter().any(|w| w.key == "db_max_connections"),
        "200 > PostgreSQL's default 100"
    );
}

#[test]
fn article_storage_counts_indexes_wal_and_replicas() {
    let p = plan(&with("web-article", &[("records_per_user_hour", "0")]));
    // 500 M rows × 1 000 B × index 2 × (1 + 0.25) × 3 copies.
    assert_near(
        p.database.storage_gib * GIB,
        5e8 * 1000.0 * 2.0 * 1.25 * 3.0,
        1e-9,
        "bytes",
    );
    assert_near(
        p.database.storage_horizon_gib,
        p.database.storage_gib,
        1e-12,
        "no writes, no growth",
    );
}

// ── Coder reference architecture, up to 10 000 users (seeds/003) ──────────────────────────────

#[test]
fn coder_3000_users_12_workspaces_per_t2d_node_about_250_nodes() {
    let p = plan(&preset("coder-10k"));
    let ws = pool(&p, "workspaces");
    assert_eq!(&*ws.node_type, "t2d-standard-8");
    assert_eq!(ws.per_node, 12);
    assert_eq!(ws.binding, Binding::Memory);
    assert_near(ws.nodes as f64, 256.0, 0.05, "the document provisions 256");
    assert_eq!(ws.nodes, 250);
}

// ── CoCalc scaling on Kubernetes (seeds/004) ──────────────────────────────────────────────────

#[test]
fn cocalc_200_active_users_at_50_connections_per_hub_need_4_hubs() {
    let p = plan(&preset("cocalc"));
    assert_eq!(p.compute.replicas, 4);
    assert_eq!(p.compute.replicas_bound_by, ReplicaBound::Connections);
}

#[test]
fn cocalc_about_100_projects_per_64_gb_node_and_the_pod_limit_caps_it() {
    let p = plan(&preset("cocalc"));
    let ws = pool(&p, "workspaces");
    assert_eq!(ws.node_memory_gib, 64.0);
    assert_near(ws.per_node as f64, 100.0, 0.10, "projects per node");
    assert!(
        ws.per_node <= 110 - 4,
        "never above the 110-pod limit less DaemonSets"
    );
    assert_near(
        p.workspaces.memory_request_gib * 1024.0,
        200.0,
        0.03,
        "2000 MB ÷ mem_oc 10",
    );
    // "If your max number of pods is not 110 but much smaller, you won't be able to schedule 100."
    let small = plan(&with("cocalc", &[("max_pods_per_node", "30")]));
    let ws = pool(&small, "workspaces");
    assert_eq!((ws.per_node, ws.binding), (26, Binding::Pods));
    // Without node headroom, usage would allow more than 106: the pod limit binds.
    let full = plan(&with(
        "cocalc",
        &[("node_headroom", "0"), ("users", "2000")],
    ));
    assert_eq!(pool(&full, "workspaces").per_node, 106);
}

#[test]
fn cocalc_database_1_core_10_gib_for_200_users() {
    let p = plan(&preset("cocalc"));
    assert_eq!(p.database.vcpu, 1);
    assert_near(p.database.memory_gib, 10.0, 0.01, "database memory");
}

/// Article (002), MODEL.md Revision 2 "Traffic": daily users take their average from the day.
/// 40 000 DAU × 20 requests/day ÷ 86 400 s = 9.26 RPS on average (not the peak 22.2 ÷ 4 = 5.56); the peak
/// hour is 40 000 × 20 × 10 % ÷ 3 600 = 22.2 RPS. Egress follows the average.
#[test]
fn article_daily_users_average_over_the_day() {
    let p = plan(&with(
        "default",
        &[
            ("users_are", "daily"),
            ("users", "40000"),
            ("requests_per_user_day", "20"),
        ],
    ));
    assert_near(
        p.traffic.avg_rps,
        40_000.0 * 20.0 / 86_400.0,
        1e-9,
        "average",
    );
    assert_near(
        p.traffic.peak_rps,
        40_000.0 * 20.0 * 0.1 / 3600.0,
        1e-9,
        "peak",
    );
    // 20 KB × 1.5 per request, 730 h a month, decimal GB.
    let egress = 40_000.0 * 20.0 / 86_400.0 * 20.0 * 1.5 * 730.0 * 3600.0 / 1e6;
    assert_near(p.traffic.response_egress_gb_month, egress, 1e-9, "egress");
}

/// Diffgram (000), MODEL.md Revision 2 "Compute and latency": the queue has the worker slots that are priced.
/// 100 heavy users send 200 RPS; each request takes 1 ÷ 20 s (blended hit/miss rate), so the offered load is
/// a = 10 erlangs. 3 replicas × 4 vCPU ÷ 1 vCPU per worker = 12 slots (not the 10 workers the load needs).
/// Worked independently: Erlang B by recursion B(k) = a·B(k−1) / (k + a·B(k−1)) gives B(12, 10) = 0.1197,
/// C = 12·B / (12 − 10·(1 − B)) = 0.4494. Response T = S + W, S ~ Exp(20/s), W = 0 with 1 − C, else
/// Exp(12·20 − 200 = 40/s): P(T > t) = (1 − C)e^(−20t) + C·(40e^(−20t) − 20e^(−40t)) ÷ 20; solving
/// P(T > t) = 5 % and 1 % by bisection gives t = 167.80 ms and 248.71 ms.
#[test]
fn diffgram_latency_uses_the_12_priced_worker_slots() {
    let p = plan(&preset("diffgram"));
    let l = &p.compute.latency;
    assert_eq!(p.compute.workers, 10);
    assert_eq!(l.servers, 12);
    assert!(!l.overloaded);
    assert_near(l.utilization, 10.0 / 12.0, 1e-9, "utilisation");
    assert_near(l.p_wait, 0.449_388, 1e-4, "Erlang C");
    assert_near(l.p95_ms.unwrap(), 167.80, 1e-3, "p95");
    assert_near(l.p99_ms.unwrap(), 248.71, 1e-3, "p99");
}

/// MODEL.md Revision 2 "Compute and latency": overload is shown as the offered ratio, never capped at 100 %,
/// and latency and in-flight have no finite figure. Falcon (001) with `falcon_max` at target 1.0 sizes
/// max(⌈150 ÷ 60⌉, ⌈350 ÷ 250⌉) = 3 workers, but the blended load is 150 ÷ 60 + 350 ÷ 250 = 3.9 busy
/// workers: 3.9 ÷ 3 = 130 % of capacity.
#[test]
fn overload_is_reported_as_the_offered_ratio() {
    let p = plan(&with(
        "falcon-inference",
        &[("target_utilization", "1"), ("min_replicas", "1")],
    ));
    let l = &p.compute.latency;
    assert_eq!(l.servers, 3);
    assert!(l.overloaded);
    assert_near(l.utilization, 1.3, 1e-9, "offered ÷ capacity");
    assert_eq!(l.p95_ms, None);
    assert_eq!(l.p99_ms, None);
    assert_eq!(p.compute.in_flight, None);
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.starts_with("Overloaded at peak") && w.message.contains("130%")),
        "{:?}",
        p.warnings
    );
}
