//! Growth: the plan recomputed for every month to the horizon, and the runway of what is provisioned today.

use crate::format::{count, gib, num};

use super::compute::worker_slots;
use super::database::records_per_month;
use super::explain::Recorder;
use super::plan::{Changes, Growth, Month, ReplicaBound, Runway};
use super::scenario::Scenario;
use super::{Resolved, Sizing, size_into};

pub struct Grown {
    pub growth: Growth,
    pub storage_horizon_gib: f64,
}

/// Users at month `m`: `users × growth^(m/12)`.
pub fn users_at(s: &Scenario, month: u32) -> f64 {
    s.users * s.growth.powf(f64::from(month) / 12.0)
}

pub fn grow(s: &Scenario, r: &Resolved, today: &Sizing) -> Grown {
    let horizon = s.horizon_months as u32;
    let mut months = Vec::with_capacity(horizon as usize + 1);
    let mut records = s.records_now;
    // A plan already short today has no runway: month 0 says what is short.
    let mut runway = short_today(s, today).map(|limit| limit.at(0));
    months.push(month(0, today));
    let mut written = records_per_month(s, &today.traffic);
    let mut later = Sizing::default();
    for m in 1..=horizon {
        // Records written during the previous month are on disk at the start of this one.
        records += written;
        size_into(
            &mut later,
            s,
            users_at(s, m),
            records,
            m,
            r,
            &mut Recorder::off(),
        );
        if runway.is_none() {
            runway = first_limit(s, r, today, &later).map(|limit| limit.at(m));
        }
        written = records_per_month(s, &later.traffic);
        let mut this = month(m, &later);
        if let Some(prev) = months.last() {
            this.changes = Changes::between(prev, &this);
        }
        months.push(this);
    }
    Grown {
        storage_horizon_gib: months.last().map_or(0.0, |m| m.db_storage_gib),
        growth: Growth {
            months,
            runway_months: runway.as_ref().map(|r| r.month),
            runway,
        },
    }
}

fn month(m: u32, z: &Sizing) -> Month {
    Month {
        month: m,
        users: z.traffic.users,
        peak_rps: z.traffic.peak_rps,
        workers: z.compute.workers,
        nodes: super::round::total(z.pools.iter().map(|p| p.nodes)),
        db_vcpu: z.database.vcpu,
        db_instances: z.database.instances,
        cache_instances: z.cache.instances,
        clusters: z.clusters,
        db_storage_gib: z.database.storage_gib,
        object_storage_gb: z.media.object_storage_gb,
        monthly_usd: z.components.total(),
        changes: Changes::default(),
    }
}

/// A resource a later month needs more of than today provides.
struct Limit {
    tier: String,
    resource: &'static str,
    needed: f64,
    provisioned: f64,
    detail: String,
}

impl Limit {
    fn at(self, month: u32) -> Runway {
        Runway {
            month,
            tier: self.tier,
            resource: self.resource,
            needed: self.needed,
            provisioned: self.provisioned,
            detail: self.detail,
        }
    }
}

/// What today's provisioned plan already cannot carry at today's peak: an overloaded queue, p99 past the
/// SLO, or more connections than the database accepts.
fn short_today(s: &Scenario, today: &Sizing) -> Option<Limit> {
    let c = &today.compute;
    let l = &c.latency;
    let peak = today.traffic.peak_rps;
    if l.overloaded {
        return Some(Limit {
            tier: "app".into(),
            resource: "worker slots",
            needed: l.utilization * l.servers as f64,
            provisioned: l.servers as f64,
            detail: format!(
                "overloaded today: {} RPS is {} of what {} worker slots serve",
                num(peak),
                crate::format::pct(l.utilization),
                count(l.servers)
            ),
        });
    }
    if let Some(p99) = l.p99_ms.filter(|p| *p > s.slo_p99_ms) {
        return Some(Limit {
            tier: "app".into(),
            resource: "p99 SLO",
            needed: p99,
            provisioned: s.slo_p99_ms,
            detail: format!(
                "p99 is {} today, past the {} SLO ({} RPS at peak; these slots stay within it up to {} RPS)",
                crate::format::ms(Some(p99)),
                crate::format::ms(Some(s.slo_p99_ms)),
                num(peak),
                num(l.knee_rps)
            ),
        });
    }
    let d = &today.database;
    if d.vcpu > 0 && d.total_connections > d.max_connections {
        return Some(Limit {
            tier: "database".into(),
            resource: "connections",
            needed: d.total_connections as f64,
            provisioned: d.max_connections as f64,
            detail: format!(
                "{} connections today, over max_connections {}",
                count(d.total_connections),
                count(d.max_connections)
            ),
        });
    }
    None
}

/// The first resource, tier by tier, that a later month needs beyond what today's plan provisions at its
/// target utilisation. A resource that today's own load already exceeds is a warning of its own, not a
/// runway: it is skipped here.
fn first_limit(s: &Scenario, r: &Resolved, today: &Sizing, later: &Sizing) -> Option<Limit> {
    let over = |need: f64, today_need: f64, have: f64| need > have && today_need <= have;
    let limit = |tier: &str, resource, needed: f64, provisioned: f64, detail: String| {
        Some(Limit {
            tier: tier.to_string(),
            resource,
            needed,
            provisioned,
            detail,
        })
    };

    let (tc, lc) = (&today.compute, &later.compute);
    let slots = worker_slots(s, tc) as f64;
    if over(lc.workers as f64, tc.workers as f64, slots) {
        return limit(
            "app",
            "worker slots",
            lc.workers as f64,
            slots,
            format!(
                "needs {} workers at target {}; today's {} replicas hold {} worker slots",
                count(lc.workers),
                crate::format::pct(s.target_utilization),
                count(tc.replicas),
                num(slots)
            ),
        );
    }
    let knee = tc.latency.knee_rps;
    if over(later.traffic.peak_rps, today.traffic.peak_rps, knee) {
        return limit(
            "app",
            "p99 SLO",
            later.traffic.peak_rps,
            knee,
            format!(
                "peak {} RPS is past the {} RPS today's {} worker slots carry within the p99 SLO",
                num(later.traffic.peak_rps),
                num(knee),
                num(slots)
            ),
        );
    }
    if lc.replicas_bound_by == ReplicaBound::Connections
        && over(lc.replicas as f64, tc.replicas as f64, tc.replicas as f64)
    {
        return limit(
            "app",
            "connections",
            lc.replicas as f64,
            tc.replicas as f64,
            format!(
                "{} connections need {} replicas at max_connections_per_replica {}; today runs {}",
                count(later.traffic.connections.ceil() as u64),
                count(lc.replicas),
                num(s.max_connections_per_replica),
                count(tc.replicas)
            ),
        );
    }

    let (td, ld) = (&today.database, &later.database);
    if td.vcpu > 0 {
        let copy = td.shards.max(1) as f64;
        let (have_cpu, have_mem) = (copy * td.instance_vcpu, copy * td.instance_memory_gib);
        if over(ld.vcpu as f64, td.vcpu as f64, have_cpu) {
            let on = td.instance.as_ref().map_or_else(
                || format!("today's self-hosted database has {}", num(have_cpu)),
                |i| format!("today's {} × {i} have {}", count(td.shards), num(have_cpu)),
            );
            return limit(
                "database",
                "vCPU",
                ld.vcpu as f64,
                have_cpu,
                format!("needs {} vCPU; {on}", count(ld.vcpu)),
            );
        }
        if over(ld.memory_gib, td.memory_gib, have_mem) {
            return limit(
                "database",
                "memory",
                ld.memory_gib,
                have_mem,
                format!(
                    "needs {} of memory; today's instances have {}",
                    gib(ld.memory_gib),
                    gib(have_mem)
                ),
            );
        }
        let max = td.max_connections as f64;
        if over(
            ld.total_connections as f64,
            td.total_connections as f64,
            max,
        ) {
            return limit(
                "database",
                "connections",
                ld.total_connections as f64,
                max,
                format!(
                    "{} connections are over max_connections {}",
                    count(ld.total_connections),
                    count(td.max_connections)
                ),
            );
        }
    }

    let (tk, lk) = (&today.cache, &later.cache);
    let have_cache = tk.instances as f64 * tk.instance_memory_gib;
    if tk.memory_gib > 0.0 && over(lk.memory_gib, tk.memory_gib, have_cache) {
        return limit(
            "cache",
            "memory",
            lk.memory_gib,
            have_cache,
            format!(
                "needs {}; today's {} hold {}",
                gib(lk.memory_gib),
                tk.short_placement(),
                gib(have_cache)
            ),
        );
    }

    let (tm, lm) = (&today.media, &later.media);
    if over(lm.vcpu as f64, tm.vcpu as f64, tm.vcpu as f64) {
        return limit(
            "media",
            "vCPU",
            lm.vcpu as f64,
            tm.vcpu as f64,
            format!(
                "needs {} media vCPU; today runs {}",
                count(lm.vcpu),
                count(tm.vcpu)
            ),
        );
    }

    for ((pool, t), l) in r.pools.iter().zip(&today.pools).zip(&later.pools) {
        if t.pods > 0 && over(l.nodes as f64, t.nodes as f64, t.nodes as f64) {
            return limit(
                &format!("pool {}", pool.name),
                "nodes",
                l.nodes as f64,
                t.nodes as f64,
                format!(
                    "needs {} × {} (bound by {}); today runs {}",
                    count(l.nodes),
                    pool.node.name,
                    l.binding.label(),
                    count(t.nodes)
                ),
            );
        }
    }
    None
}
