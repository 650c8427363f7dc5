//! Every figure explains itself: its formula with the values of this plan substituted.
//! Built on demand from the scenario and its plan, so `plan` itself stays allocation-light.

use crate::format::{count, gib, money, ms, num, pct};

use super::media::REFERENCE_MB;
use super::plan::{Binding, Plan, ReplicaBound};
use super::scenario::{CacheCostModel, MediaMode, Scenario, UsersAre};
use super::{params, surge_factor};

/// A figure's id (its JSON path) and its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub id: String,
    pub label: String,
}

const FIXED: &[(&str, &str)] = &[
    ("traffic.peak_rps", "Peak requests per second"),
    ("traffic.avg_rps", "Average requests per second"),
    ("traffic.miss_rps", "Cache misses per second"),
    ("traffic.write_qps", "Writes per second"),
    ("traffic.peak_bandwidth_mbps", "Peak bandwidth"),
    ("traffic.egress_gb_month", "Egress per month"),
    ("compute.busy_workers", "Busy workers at peak"),
    ("compute.workers", "App workers"),
    ("compute.vcpu", "App vCPU"),
    ("compute.memory_gib", "App memory"),
    ("compute.replicas", "App replicas"),
    ("compute.in_flight", "Requests in flight"),
    ("compute.latency.p95_ms", "p95 latency at peak"),
    ("compute.latency.p99_ms", "p99 latency at peak"),
    (
        "compute.latency.knee_rps",
        "Knee (highest RPS within the p99 SLO)",
    ),
    ("database.vcpu", "Database vCPU"),
    ("database.memory_gib", "Database memory"),
    ("database.pool_size", "Connection pool"),
    ("database.total_connections", "Database connections"),
    ("database.storage_gib", "Database storage now"),
    (
        "database.storage_horizon_gib",
        "Database storage at the horizon",
    ),
    ("cache.memory_gib", "Cache memory"),
    ("media.vcpu", "Media vCPU"),
    ("media.worker_memory_gib", "Media worker memory"),
    ("media.object_storage_gb", "Object storage"),
    ("workspaces.count", "Workspaces"),
    ("cost.monthly_usd", "Monthly cost"),
    ("cost.components.nodes", "Nodes cost"),
    ("cost.components.database", "Database cost"),
    ("cost.components.cache", "Cache cost"),
    ("cost.components.storage", "Block storage cost"),
    ("cost.components.object_storage", "Object storage cost"),
    ("cost.components.egress", "Egress cost"),
    ("cost.components.load_balancer", "Load balancer cost"),
    ("cost.components.control_plane", "Control plane cost"),
    ("cost.per_user_usd", "Cost per user"),
    ("cost.per_million_requests_usd", "Cost per million requests"),
    ("growth.runway_months", "Runway"),
];

/// Every figure this plan can explain, pools included.
pub fn figures(plan: &Plan) -> Vec<Figure> {
    let mut out: Vec<Figure> = FIXED
        .iter()
        .map(|(id, label)| Figure {
            id: (*id).to_string(),
            label: (*label).to_string(),
        })
        .collect();
    for p in &plan.node_pools {
        out.push(Figure {
            id: format!("node_pools.{}.nodes", p.name),
            label: format!("Nodes in pool {}", p.name),
        });
        out.push(Figure {
            id: format!("node_pools.{}.allocatable", p.name),
            label: format!("Allocatable per node in pool {}", p.name),
        });
    }
    out
}

/// The formula behind one figure, with this plan's numbers.
pub fn explain(scenario: &Scenario, plan: &Plan, id: &str) -> Option<String> {
    let s = &params::clamped(scenario);
    let t = &plan.traffic;
    let c = &plan.compute;
    let d = &plan.database;
    let m = &plan.media;
    let k = t.intensity_factor;
    let text = match id {
        "traffic.peak_rps" => match s.users_are {
            UsersAre::Active => format!(
                "peak RPS = users {} × requests_per_user_s {} × k {} = {}\nk = 2^(2 × intensity {} − 1)",
                num(t.users),
                num(s.requests_per_user_s),
                num(k),
                num(t.peak_rps),
                num(s.intensity)
            ),
            UsersAre::Daily => format!(
                "peak RPS = DAU {} × requests_per_user_day {} × peak_hour_fraction {} ÷ 3600 × k {} = {} (article)",
                num(t.users),
                num(s.requests_per_user_day),
                num(s.peak_hour_fraction),
                num(k),
                num(t.peak_rps)
            ),
        },
        "traffic.avg_rps" => format!(
            "average RPS = peak {} ÷ peak_to_average {} = {}",
            num(t.peak_rps),
            num(s.peak_to_average),
            num(t.avg_rps)
        ),
        "traffic.miss_rps" => format!(
            "miss RPS = peak {} × (1 − cache_hit {}) = {}; hits = {}",
            num(t.peak_rps),
            num(s.cache_hit),
            num(t.miss_rps),
            num(t.hit_rps)
        ),
        "traffic.write_qps" => format!(
            "write QPS = peak {} × write_fraction {} = {} (article: model writes separately; each costs more than a read)",
            num(t.peak_rps),
            num(s.write_fraction),
            num(t.write_qps)
        ),
        "traffic.peak_bandwidth_mbps" => format!(
            "bandwidth = peak {} RPS × response {} KB × overhead {} × 8 ÷ 1000 = {} Mbit/s (article)",
            num(t.peak_rps),
            num(s.response_kb),
            num(s.network_overhead),
            num(t.peak_bandwidth_mbps)
        ),
        "traffic.egress_gb_month" => format!(
            "egress = average {} RPS × {} KB × overhead {} × 2,628,000 s ÷ 10⁶ = {} GB/month",
            num(t.avg_rps),
            num(s.response_kb),
            num(s.network_overhead),
            num(t.egress_gb_month)
        ),
        "compute.busy_workers" => match s.cache_cost_model {
            CacheCostModel::Additive => format!(
                "busy = misses {} ÷ {} RPS/worker + hits {} ÷ {} RPS/worker = {}",
                num(t.miss_rps),
                num(s.rps_per_worker_uncached),
                num(t.hit_rps),
                num(s.rps_per_worker_cached),
                num(c.busy_workers)
            ),
            CacheCostModel::FalconMax => format!(
                "busy = max(⌈misses {} ÷ {}⌉, ⌈hits {} ÷ {}⌉) = max({}, {}) = {} (Falcon)",
                num(t.miss_rps),
                num(s.rps_per_worker_uncached),
                num(t.hit_rps),
                num(s.rps_per_worker_cached),
                num((t.miss_rps / s.rps_per_worker_uncached).ceil()),
                num((t.hit_rps / s.rps_per_worker_cached).ceil()),
                num(c.busy_workers)
            ),
        },
        "compute.workers" => format!(
            "workers = ⌈busy {} ÷ target_utilization {}⌉ = {}\nheadroom is applied once here; a later month is recomputed from its own load, not scaled from this count",
            num(c.busy_workers),
            num(s.target_utilization),
            count(c.workers)
        ),
        "compute.vcpu" => format!(
            "vCPU = workers {} × vcpu_per_worker {} = {}",
            count(c.workers),
            num(s.vcpu_per_worker),
            num(c.vcpu)
        ),
        "compute.memory_gib" => format!(
            "memory = workers {} × memory_per_worker {} = {}",
            count(c.workers),
            gib(s.memory_per_worker_gib),
            gib(c.memory_gib)
        ),
        "compute.replicas" => {
            let conns = if s.max_connections_per_replica > 0.0 {
                format!(
                    "⌈connections {} ÷ {} per replica⌉",
                    num(t.connections),
                    num(s.max_connections_per_replica)
                )
            } else {
                "no connection limit".into()
            };
            let bound = match c.replicas_bound_by {
                ReplicaBound::Vcpu => "vCPU",
                ReplicaBound::Connections => "connections",
                ReplicaBound::MinReplicas => "min_replicas",
            };
            format!(
                "replicas = max(⌈vCPU {} ÷ vcpu_per_replica {}⌉, {}, min_replicas {}) = {} (bound by {})",
                num(c.vcpu),
                num(s.vcpu_per_replica),
                conns,
                num(s.min_replicas),
                count(c.replicas),
                bound
            )
        }
        "compute.in_flight" => format!(
            "in flight = peak {} RPS × time in system {} = {} (Little's law)",
            num(t.peak_rps),
            ms(c.latency.mean_wait_ms.map(|w| w + c.service_ms)),
            c.in_flight.map_or_else(|| "unbounded".into(), num)
        ),
        "compute.latency.p95_ms" | "compute.latency.p99_ms" => {
            let (p, v, slo) = if id.ends_with("p95_ms") {
                (95, c.latency.p95_ms, s.slo_p95_ms)
            } else {
                (99, c.latency.p99_ms, s.slo_p99_ms)
            };
            format!(
                "M/M/c queue: c = {} workers, λ = {} RPS, service time 1/μ = {} (blended over hits and misses)\n\
                 utilisation = λ ÷ (c·μ) = {}; P(wait) by Erlang C = {}; mean wait = {}\n\
                 p{p} response = {} (SLO {})",
                count(c.workers),
                num(t.peak_rps),
                ms(Some(c.service_ms)),
                pct(c.latency.utilization),
                pct(c.latency.p_wait),
                ms(c.latency.mean_wait_ms),
                ms(v),
                ms(Some(slo))
            )
        }
        "compute.latency.knee_rps" => format!(
            "knee = the highest λ at which {} workers (service time {}) keep p99 ≤ slo_p99_ms {} = {} RPS; peak is {} RPS",
            count(c.workers),
            ms(Some(c.service_ms)),
            ms(Some(s.slo_p99_ms)),
            num(c.latency.knee_rps),
            num(t.peak_rps)
        ),
        "database.vcpu" => format!(
            "DB QPS = misses {} × queries_per_request {} = {}\nvCPU = max(⌈{} ÷ db_qps_per_vcpu {} ÷ target {}⌉, db_min_vcpu {}) = {}",
            num(t.miss_rps),
            num(s.queries_per_request),
            num(d.qps),
            num(d.qps),
            num(s.db_qps_per_vcpu),
            num(s.target_utilization),
            num(s.db_min_vcpu),
            count(d.vcpu)
        ),
        "database.memory_gib" => format!(
            "memory = vCPU {} × db_memory_per_vcpu {} + connections {} = {}",
            count(d.vcpu),
            gib(s.db_memory_per_vcpu_gib),
            gib(d.connection_memory_gib),
            gib(d.memory_gib)
        ),
        "database.pool_size" => format!(
            "busy connections = ⌈QPS {} × query_ms {} ÷ 1000⌉ = {} (article: pool = QPS × query time)\npool = ⌈{} ÷ target {}⌉ = {}, {} per app replica",
            num(d.qps),
            num(s.query_ms),
            count(d.busy_connections),
            count(d.busy_connections),
            num(s.target_utilization),
            count(d.pool_size),
            count(d.pool_per_replica)
        ),
        "database.total_connections" => format!(
            "connections = {} per replica × {} replicas = {} of max_connections {}; server memory = pool {} × {} MB = {}",
            count(d.pool_per_replica),
            count(c.replicas),
            count(d.total_connections),
            count(d.max_connections),
            count(d.pool_size),
            num(s.connection_memory_mb),
            gib(d.connection_memory_gib)
        ),
        "database.storage_gib" => format!(
            "storage = records {} × {} B × index_factor {} × (1 + wal_overhead {}) × replicas {} = {}",
            num(s.records_now),
            num(s.bytes_per_record),
            num(s.index_factor),
            num(s.wal_overhead),
            num(s.replicas),
            gib(d.storage_gib)
        ),
        "database.storage_horizon_gib" => format!(
            "each month adds active users ÷ peak_to_average {} × records_per_user_hour {} × k {} × 730 h records;\nafter {} months: {}",
            num(s.peak_to_average),
            num(s.records_per_user_hour),
            num(k),
            num(s.horizon_months),
            gib(d.storage_horizon_gib)
        ),
        "cache.memory_gib" => format!(
            "cache = active users {} × cache_mb_per_user {} × (1 + cache_overhead {}) = {}{}",
            num(t.active_users),
            num(s.cache_mb_per_user),
            num(s.cache_overhead),
            gib(plan.cache.memory_gib),
            plan.cache
                .instance
                .as_ref()
                .map(|i| format!(" on {} × {i}", count(plan.cache.instances)))
                .unwrap_or_default()
        ),
        "media.vcpu" => {
            if s.media_mode == MediaMode::ByReference {
                "media vCPU = 0: media_mode is by_reference, so nothing is processed (Diffgram)"
                    .into()
            } else {
                format!(
                    "items/min = active users {} × uploads_per_user_hour {} × k {} ÷ 60 = {}\n\
                     rate = {} items/min/vCPU × {REFERENCE_MB} MB ÷ media_mb {} = {} per vCPU\n\
                     vCPU = ⌈{} × capacity {} ÷ {} ÷ target {}⌉ = {}",
                    num(t.active_users),
                    num(s.uploads_per_user_hour),
                    num(k),
                    num(m.items_per_min),
                    num(s.images_per_min_per_vcpu),
                    num(s.media_mb),
                    num(m.items_per_min_per_vcpu),
                    num(m.items_per_min),
                    num(s.media_capacity_fraction),
                    num(m.items_per_min_per_vcpu),
                    num(s.target_utilization),
                    count(m.vcpu)
                )
            }
        }
        "media.worker_memory_gib" => format!(
            "worker memory = max(media_worker_memory {}, 2 × largest file {} MB) = {} (Diffgram)",
            gib(s.media_worker_memory_gib),
            num(s.largest_media_mb()),
            gib(m.worker_memory_gib)
        ),
        "media.object_storage_gb" => format!(
            "object storage = items/day {} × media_mb {} × retention_days {} = {}",
            num(m.items_per_min / s.peak_to_average * 1440.0),
            num(s.media_mb),
            num(s.retention_days),
            crate::format::gb(m.object_storage_gb)
        ),
        "workspaces.count" => format!(
            "workspaces = ⌈active users {} × workspaces_per_user {}⌉ = {}; each requests {} vCPU (limit ÷ cpu_overcommit {}) and {} (limit ÷ memory_overcommit {}), uses {} on average",
            num(t.active_users),
            num(s.workspaces_per_user),
            count(plan.workspaces.count),
            num(plan.workspaces.cpu_request),
            num(s.cpu_overcommit),
            gib(plan.workspaces.memory_request_gib),
            num(s.memory_overcommit),
            gib(plan.workspaces.avg_memory_gib)
        ),
        "cost.monthly_usd" => {
            let parts: Vec<String> = plan
                .cost
                .components
                .items()
                .iter()
                .filter(|(_, _, v)| *v > 0.0)
                .map(|(_, label, v)| format!("{label} {}", money(*v)))
                .collect();
            format!(
                "monthly = {} = {} on {} {} (730 h a month)",
                parts.join(" + "),
                money(plan.cost.monthly_usd),
                plan.cost.provider.label(),
                plan.cost.region
            )
        }
        "cost.components.nodes" => {
            let parts: Vec<String> = plan
                .node_pools
                .iter()
                .map(|p| {
                    format!(
                        "{} × {} {}",
                        count(p.nodes),
                        p.node_type,
                        money(p.monthly_usd)
                    )
                })
                .collect();
            format!(
                "nodes = {} = {}",
                parts.join(" + "),
                money(plan.cost.components.nodes)
            )
        }
        "cost.components.database" => match &d.instance {
            Some(i) => format!(
                "database = {} × {i} ({} vCPU, {} each) × {}/month{} = {}/month{}",
                count(d.instances),
                num(d.instance_vcpu),
                gib(d.instance_memory_gib),
                money(d.instance_monthly_usd),
                if d.ha { " (HA standby included)" } else { "" },
                money(plan.cost.components.database),
                if d.shards > 1 {
                    format!(
                        ";\nno single instance has {} vCPU and {}: {} shards per copy (shard or use a distributed database)",
                        count(d.vcpu),
                        gib(d.memory_gib),
                        count(d.shards)
                    )
                } else {
                    String::new()
                }
            ),
            None if d.vcpu > 0 => {
                "database runs as a pod on the nodes (managed = false); its cost is in nodes".into()
            }
            None => "no database in this plan".into(),
        },
        "cost.components.cache" => match &plan.cache.instance {
            Some(i) => format!(
                "cache = {} × {i} ({} each) × {}/month = {}/month",
                count(plan.cache.instances),
                gib(plan.cache.instance_memory_gib),
                money(plan.cache.instance_monthly_usd),
                money(plan.cost.components.cache)
            ),
            None => "no managed cache: self-hosted on the nodes, or none".into(),
        },
        "cost.components.storage" => format!(
            "block storage = nodes {} × node_disk {} + database storage {} (at least the service minimum) = {}",
            count(super::round::total(plan.node_pools.iter().map(|p| p.nodes))),
            gib(s.node_disk_gib),
            gib(d.storage_gib),
            money(plan.cost.components.storage)
        ),
        "cost.components.object_storage" => format!(
            "object storage = {} × the provider's per-GB-month rate = {}",
            crate::format::gb(m.object_storage_gb),
            money(plan.cost.components.object_storage)
        ),
        "cost.components.egress" => format!(
            "egress = {} GB/month through the provider's tiers = {} (from average traffic, not peak)",
            num(t.egress_gb_month),
            money(plan.cost.components.egress)
        ),
        "cost.components.load_balancer" => format!(
            "load balancer = hourly rate × 730 h + {} GB processed × per-GB rate = {}",
            num(t.egress_gb_month),
            money(plan.cost.components.load_balancer)
        ),
        "cost.components.control_plane" => {
            let clusters = plan.cost.clusters;
            if clusters == 0 || plan.cost.components.control_plane == 0.0 {
                "control plane = $0: no managed cluster fee (managed_cluster = false, or AKS Free tier)".into()
            } else {
                format!(
                    "control plane = {} cluster(s) (⌈nodes ÷ max_nodes_per_cluster {}⌉) × {}/h × 730 h = {}",
                    count(clusters),
                    num(s.max_nodes_per_cluster),
                    money(plan.cost.components.control_plane / clusters as f64 / 730.0),
                    money(plan.cost.components.control_plane)
                )
            }
        }
        "cost.per_user_usd" => format!(
            "per user = {} ÷ {} users = {}",
            money(plan.cost.monthly_usd),
            num(t.users),
            money(plan.cost.per_user_usd)
        ),
        "cost.per_million_requests_usd" => format!(
            "per million requests = {} ÷ ({} requests/month ÷ 10⁶) = {} (article: know your cost per request)",
            money(plan.cost.monthly_usd),
            num(t.requests_per_month),
            money(plan.cost.per_million_requests_usd)
        ),
        "growth.runway_months" => match plan.growth.runway_months {
            Some(r) => format!(
                "users × growth {}^(month ÷ 12): in month {r} the load needs more workers, database vCPU, media vCPU or nodes than today's plan provides",
                num(s.growth)
            ),
            None => format!(
                "today's plan carries the load through the {}-month horizon at ×{} a year",
                num(s.horizon_months),
                num(s.growth)
            ),
        },
        other => return explain_pool(s, plan, other),
    };
    Some(text)
}

fn explain_pool(s: &Scenario, plan: &Plan, id: &str) -> Option<String> {
    let rest = id.strip_prefix("node_pools.")?;
    let (name, field) = rest.rsplit_once('.')?;
    let p = plan.node_pools.iter().find(|p| &*p.name == name)?;
    let keep = 1.0 - s.node_headroom;
    match field {
        "nodes" => {
            let by = &p.nodes_by;
            Some(format!(
                "nodes = max(cpu {}, memory {}, pods {}, usage {}, surge {}, min_nodes {}) = {} × {} (binding: {})\n\
                 cpu ⌈{} requested ÷ {} usable⌉; memory ⌈{} ÷ {}⌉; pods ⌈{} ÷ ({} − {} DaemonSet)⌉;\n\
                 surge: peak CPU × (1 + spike_per_min {})^autoscale_lag_min {} = ×{} must fit at 100 % allocatable",
                count(by.cpu),
                count(by.memory),
                count(by.pods),
                count(by.usage),
                count(by.surge),
                count(by.min_nodes),
                count(p.nodes),
                p.node_type,
                binding_text(p.binding),
                num(p.cpu_requested),
                num(p.allocatable_cpu * keep),
                gib(p.memory_requested_gib),
                gib(p.allocatable_memory_gib * keep),
                count(p.pods),
                count(p.max_pods),
                num(s.daemonset_pods),
                num(s.spike_per_min),
                num(s.autoscale_lag_min),
                num(surge_factor(s))
            ))
        }
        "allocatable" => Some(format!(
            "{}: {} vCPU, {} → allocatable {} vCPU, {} after kubelet/system reservations and 100 MiB eviction;\n\
             usable after node_headroom {}: {} vCPU, {}; max pods {}",
            p.node_type,
            num(p.node_vcpu),
            gib(p.node_memory_gib),
            num(p.allocatable_cpu),
            gib(p.allocatable_memory_gib),
            pct(s.node_headroom),
            num(p.allocatable_cpu * keep),
            gib(p.allocatable_memory_gib * keep),
            count(p.max_pods)
        )),
        _ => None,
    }
}

fn binding_text(b: Binding) -> &'static str {
    b.label()
}
