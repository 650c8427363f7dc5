//! Warnings: plain sentences, each tied to the input key that addresses it.

use crate::format::{count, gib, minutes, ms, num, pct, vcpu};

use super::media::required_worker_memory_gib;
use super::plan::{Binding, Growth, NodePool, Warning};
use super::scenario::Scenario;
use super::{Resolved, Sizing, params, surge_factor};

pub fn collect(
    s: &Scenario,
    r: &Resolved,
    z: &Sizing,
    node_pools: &[NodePool],
    growth: &Growth,
) -> Vec<Warning> {
    let mut w = Vec::new();
    let mut say = |key: &str, message: String| {
        w.push(Warning {
            key: key.to_string(),
            message,
        });
    };

    latency(s, z, &mut say);
    pools(s, r, node_pools, &mut say);
    billing(s, r, z, &mut say);
    if z.clusters > 1 {
        say(
            "max_nodes_per_cluster",
            format!(
                "{} nodes are more than one cluster holds ({} per cluster, the upstream Kubernetes limit by default): the plan splits them into {} clusters, each with its own control plane.",
                count(super::round::total(z.pools.iter().map(|p| p.nodes))),
                num(s.max_nodes_per_cluster),
                count(z.clusters)
            ),
        );
    }

    let db = &z.database;
    if db.vcpu > 0 && db.total_connections > db.max_connections {
        say(
            "db_max_connections",
            format!(
                "The app opens {} database connections ({} per replica × {} replicas) but max_connections is {}: put a pooler such as PgBouncer in front or raise db_max_connections.",
                count(db.total_connections),
                count(db.pool_per_replica),
                count(z.compute.replicas),
                count(db.max_connections)
            ),
        );
    }
    if db.shards > 1 {
        let shape = format!("{} vCPU and {}", count(db.vcpu), gib(db.memory_gib));
        let text = match (&db.instance, &s.db_instance) {
            (Some(i), Some(_)) => format!(
                "The pinned database {i} is smaller than the {shape} the load needs: the plan prices {} × {i} (shard the data or use a distributed database).",
                count(db.shards)
            ),
            (Some(i), None) => format!(
                "No single {} instance has {shape}: the plan prices {} × {i} per copy (shard the data or use a distributed database).",
                r.prices.database_service,
                count(db.shards)
            ),
            (None, _) => format!(
                "A self-hosted database of {shape} fits on no single node of pool {}: the plan splits it into {} pods of {} vCPU (shard the data or use a distributed database).",
                s.db_pool,
                count(db.shards),
                vcpu(db.instance_vcpu)
            ),
        };
        say(if s.managed { "db_instance" } else { "db_pool" }, text);
    }
    let cache = &z.cache;
    if cache.instances > 1 {
        let text = match (&cache.instance, &s.cache_instance) {
            (Some(i), Some(_)) => format!(
                "The pinned cache {i} is smaller than the {} working set: the plan uses {} of them (cluster mode).",
                gib(cache.memory_gib),
                count(cache.instances)
            ),
            (Some(i), None) => format!(
                "No single {} instance holds {}: the plan prices {} × {i} (cluster mode, sharded by key).",
                r.prices.cache_service,
                gib(cache.memory_gib),
                count(cache.instances)
            ),
            (None, _) => format!(
                "A self-hosted cache of {} fits on no single node of pool {}: the plan splits it into {} pods (cluster mode).",
                gib(cache.memory_gib),
                s.infra_pool,
                count(cache.instances)
            ),
        };
        say(
            if s.cache_managed {
                "cache_instance"
            } else {
                "infra_pool"
            },
            text,
        );
    }

    let media = &z.media;
    if media.workers > 0 && s.media_worker_memory_gib < required_worker_memory_gib(s) {
        say(
            "media_worker_memory_gib",
            format!(
                "Media workers need at least twice the largest file ({}), more than media_worker_memory_gib ({}); the plan gives each worker {}.",
                gib(required_worker_memory_gib(s)),
                gib(s.media_worker_memory_gib),
                gib(media.worker_memory_gib)
            ),
        );
    }
    if media.workers > 0 && media.drain_minutes.is_none() {
        say(
            "media_capacity_fraction",
            format!(
                "Media processing at {} of peak never catches up: the backlog of {} items after a peak hour grows faster than it drains.",
                pct(s.media_capacity_fraction),
                num(media.backlog_items)
            ),
        );
    } else if let Some(m) = media.drain_minutes.filter(|m| *m > 60.0) {
        say(
            "media_capacity_fraction",
            format!(
                "The media backlog after a peak hour takes {} to drain.",
                minutes(m)
            ),
        );
    }

    if let Some(r) = growth.runway.as_ref().filter(|r| r.month == 0) {
        say(
            "growth",
            format!(
                "Today's plan is already short — {}: {}. It has no runway until that is fixed.",
                r.tier, r.detail
            ),
        );
    } else if let Some(r) = growth.runway.as_ref().filter(|r| r.month < 3) {
        say(
            "growth",
            format!(
                "Today's plan runs out in month {} at ×{} growth a year — {}: {}. Plan the next step now.",
                r.month,
                num(s.growth),
                r.tier,
                r.detail
            ),
        );
    }

    if let Some(region) = s.region.as_deref().filter(|x| *x != r.prices.region) {
        say(
            "region",
            format!(
                "Prices are for {} {}; the catalog has no prices for {region}.",
                r.provider.label(),
                r.prices.region
            ),
        );
    }
    outside_sources(s, &mut say);
    w
}

fn latency(s: &Scenario, z: &Sizing, say: &mut impl FnMut(&str, String)) {
    let l = &z.compute.latency;
    let peak = z.traffic.peak_rps;
    if l.p99_ms.is_none() {
        say(
            "target_utilization",
            format!(
                "Overloaded at peak: {} RPS offered is {} of what the {} worker slots serve, so requests queue without bound: lower target_utilization, or, if the per-worker rates already include headroom, raise them to the real maximum for a latency estimate.",
                num(peak),
                pct(z.compute.latency.utilization),
                count(l.servers)
            ),
        );
        return;
    }
    if l.p95_ms.is_some_and(|p| p > s.slo_p95_ms) {
        say(
            "slo_p95_ms",
            format!(
                "p95 latency at peak is {}, above the {} objective.",
                ms(l.p95_ms),
                ms(Some(s.slo_p95_ms))
            ),
        );
    }
    if l.p99_ms.is_some_and(|p| p > s.slo_p99_ms) {
        say(
            "slo_p99_ms",
            format!(
                "p99 latency at peak is {}, above the {} objective; these workers keep p99 within it only up to {} RPS.",
                ms(l.p99_ms),
                ms(Some(s.slo_p99_ms)),
                num(l.knee_rps)
            ),
        );
    }
}

fn pools(s: &Scenario, r: &Resolved, node_pools: &[NodePool], say: &mut impl FnMut(&str, String)) {
    let biggest = node_pools
        .iter()
        .filter(|p| p.unschedulable.is_none())
        .max_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd));
    if let Some(p) = biggest {
        say(
            &format!("{}{}", params::NODE_TYPE_PREFIX, p.name),
            format!(
                "Binding bottleneck: pool {} is bound by {} at {} × {} (CPU {} and memory {} requested).",
                p.name,
                p.binding.label(),
                count(p.nodes),
                p.node_type,
                pct(p.cpu_utilization),
                pct(p.memory_utilization)
            ),
        );
    }
    for pool in node_pools {
        let key = format!("{}{}", params::NODE_TYPE_PREFIX, pool.name);
        let mapped_from = r
            .pools
            .iter()
            .find(|x| x.name == pool.name)
            .and_then(|x| x.mapped_from.as_ref());
        if let Some(from) = mapped_from {
            say(
                &key,
                format!(
                    "{from} is not a {} node type; pool {} is priced on {}, the cheapest with at least its vCPU and memory.",
                    r.provider.label(),
                    pool.name,
                    pool.node_type
                ),
            );
        }
        for g in pool.pod_groups.iter().filter(|g| g.per_node == 0) {
            say(
                &key,
                format!(
                    "Pool {6} cannot be scheduled: one {} pod ({} vCPU, {}) fits on no {} node ({} vCPU, {} allocatable after headroom). Pick a larger node type (or auto) for pool {}; until then the plan prices no nodes for it and its total is incomplete.",
                    g.tier,
                    vcpu(g.cpu),
                    gib(g.memory_gib),
                    pool.node_type,
                    vcpu(pool.allocatable_cpu * (1.0 - s.node_headroom)),
                    gib(pool.allocatable_memory_gib * (1.0 - s.node_headroom)),
                    pool.name
                ),
            );
        }
        if pool.binding == Binding::Pods {
            say(
                "max_pods_per_node",
                format!(
                    "Pool {} fills its pod limit ({} per node less {} DaemonSet pods) before CPU or memory: raise max_pods_per_node or use smaller nodes.",
                    pool.name,
                    count(pool.max_pods),
                    num(s.daemonset_pods)
                ),
            );
        }
        if pool.binding == Binding::Surge {
            say(
                "autoscale_lag_min",
                format!(
                    "Pool {} keeps {} nodes, not {}, so traffic rising {} a minute for {} minutes (×{}) fits while new nodes boot.",
                    pool.name,
                    count(pool.nodes),
                    count(pool.nodes_by.cpu.max(pool.nodes_by.memory)),
                    pct(s.spike_per_min),
                    num(s.autoscale_lag_min),
                    num(surge_factor(s))
                ),
            );
        }
        if s.daemonset_pods >= pool.max_pods as f64 && pool.pods > 0 {
            say(
                "daemonset_pods",
                format!(
                    "{} DaemonSet pods leave no room under the {}-pod limit of {}.",
                    num(s.daemonset_pods),
                    count(pool.max_pods),
                    pool.node_type
                ),
            );
        }
    }
}

/// Values beyond what the source documents describe: the plan still computes, but says so.
fn outside_sources(s: &Scenario, say: &mut impl FnMut(&str, String)) {
    if s.peak_to_average > 20.0 {
        say(
            "peak_to_average",
            format!(
                "A peak of {}× average is beyond the article's 10–20×.",
                num(s.peak_to_average)
            ),
        );
    }
    if s.autoscale_lag_min < 3.0 {
        say(
            "autoscale_lag_min",
            format!(
                "An autoscaling lag of {} minutes is shorter than the article's measured 3–5 minutes.",
                num(s.autoscale_lag_min)
            ),
        );
    }
    if s.max_pods_per_node > 256.0 {
        say(
            "max_pods_per_node",
            format!(
                "{} pods per node is above GKE's hard limit of 256.",
                num(s.max_pods_per_node)
            ),
        );
    }
    if s.workspaces_per_user > 0.0 && s.users > 10_000.0 {
        say("users", "Coder's reference architecture covers up to 10,000 users; beyond that the workspace figures are extrapolated.".into());
    }
    if s.cpu_overcommit > 20.0 || s.memory_overcommit > 10.0 {
        say("memory_overcommit", "Overcommit beyond CoCalc's defaults (CPU 20, memory 10) risks eviction under real use.".into());
    }
}

/// Spot reclaim notice, and commitment rates that are typical figures rather than published prices.
fn billing(s: &Scenario, r: &Resolved, z: &Sizing, say: &mut impl FnMut(&str, String)) {
    let c = &r.prices.commitments;
    if z.bill.spot_usd > 0.0 {
        say(
            "spot_share",
            format!(
                "Spot nodes ({} of the app and media pools' uncommitted hours) can be reclaimed at short notice (warning given: {}): run enough replicas to lose one without missing the SLO.",
                pct(s.spot_share),
                c.spot_notice
            ),
        );
    }
    let unverified = z.bill.commit.iter().any(|l| !l.verified)
        || (z.bill.committed_usd > 0.0 && (!c.database.verified || !c.cache.verified));
    if unverified && s.commitment != super::scenario::Commitment::OnDemand {
        say(
            "commitment",
            format!(
                "Commitment rates here ({}) are partly typical figures, not published prices [unverified]: check the quote before signing.",
                c.program
            ),
        );
    }
}
