//! The headroom of today's plan: every resource it provisions (worker slots, the p99 knee, connections,
//! database vCPU and memory, cache memory, media vCPU, each pool's nodes), what each holds, and how many
//! users each carries with everything provisioned held fixed. The growth runway checks each month against
//! the same list, so the runway and the limits never disagree about what runs out.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::format::{count, gib, num};

use super::compute::worker_slots;
use super::explain::Recorder;
use super::scenario::Scenario;
use super::{Resolved, Sizing, params, size_into};

/// Users are bisected within their input range: beyond it a limit is "none within range", not a number.
const MAX_USERS: u64 = 1_000_000_000;

/// One resource today's plan provisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    WorkerSlots,
    P99,
    AppConnections,
    DbVcpu,
    DbMemory,
    DbConnections,
    CacheMemory,
    MediaVcpu,
    /// A pool's nodes, by index into the resolved pools.
    PoolNodes(usize),
}

/// A resource and how much of it today's plan has, in the unit `Resource::need` measures.
#[derive(Clone, Copy, Debug)]
pub struct Provisioned {
    pub resource: Resource,
    pub have: f64,
}

impl Provisioned {
    /// Whether a sizing's need fits what is provisioned (a hair of tolerance for float sums).
    pub fn holds(&self, z: &Sizing) -> bool {
        self.resource.need(z) <= self.have * (1.0 + 1e-9)
    }
}

/// Every resource today's plan provisions, tier by tier: app, database, cache, media, then each pool.
/// `today` must have its latency computed (the p99 knee comes from it).
pub fn provisioned(s: &Scenario, r: &Resolved, today: &Sizing) -> Vec<Provisioned> {
    let mut out = Vec::with_capacity(8 + r.pools.len());
    let mut add = |resource, have| out.push(Provisioned { resource, have });
    let c = &today.compute;
    add(Resource::WorkerSlots, worker_slots(s, c) as f64);
    add(Resource::P99, c.latency.knee_rps);
    if s.max_connections_per_replica > 0.0 {
        add(
            Resource::AppConnections,
            c.replicas as f64 * s.max_connections_per_replica,
        );
    }
    let d = &today.database;
    if d.vcpu > 0 {
        let copy = d.shards.max(1) as f64;
        add(Resource::DbVcpu, copy * d.instance_vcpu);
        add(Resource::DbMemory, copy * d.instance_memory_gib);
        add(Resource::DbConnections, d.max_connections as f64);
    }
    let k = &today.cache;
    if k.memory_gib > 0.0 {
        add(
            Resource::CacheMemory,
            k.instances as f64 * k.instance_memory_gib,
        );
    }
    if today.media.vcpu > 0 {
        add(Resource::MediaVcpu, today.media.vcpu as f64);
    }
    for (i, p) in today.pools.iter().enumerate() {
        if p.pods > 0 {
            add(Resource::PoolNodes(i), p.nodes as f64);
        }
    }
    out
}

impl Resource {
    /// "app", "database", "cache", "media" or `pool NAME`.
    pub fn tier(self, r: &Resolved) -> String {
        match self {
            Resource::WorkerSlots | Resource::P99 | Resource::AppConnections => "app".into(),
            Resource::DbVcpu | Resource::DbMemory | Resource::DbConnections => "database".into(),
            Resource::CacheMemory => "cache".into(),
            Resource::MediaVcpu => "media".into(),
            Resource::PoolNodes(i) => format!("pool {}", r.pools[i].name),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Resource::WorkerSlots => "worker slots",
            Resource::P99 => "p99 SLO",
            Resource::AppConnections | Resource::DbConnections => "connections",
            Resource::DbVcpu | Resource::MediaVcpu => "vCPU",
            Resource::DbMemory | Resource::CacheMemory => "memory",
            Resource::PoolNodes(_) => "nodes",
        }
    }

    /// How much of the resource a sizing needs.
    pub fn need(self, z: &Sizing) -> f64 {
        match self {
            Resource::WorkerSlots => z.compute.workers as f64,
            Resource::P99 => z.traffic.peak_rps,
            Resource::AppConnections => z.traffic.connections,
            Resource::DbVcpu => z.database.vcpu as f64,
            Resource::DbMemory => z.database.memory_gib,
            Resource::DbConnections => z.database.total_connections as f64,
            Resource::CacheMemory => z.cache.memory_gib,
            Resource::MediaVcpu => z.media.vcpu as f64,
            Resource::PoolNodes(i) => z.pools.get(i).map_or(0.0, |p| p.nodes as f64),
        }
    }

    /// The figure of a plan (its JSON path) that `need` reads, so a plan can be checked against a limit
    /// without this module.
    pub fn need_figure(self, r: &Resolved) -> String {
        match self {
            Resource::WorkerSlots => "compute.workers".into(),
            Resource::P99 => "traffic.peak_rps".into(),
            Resource::AppConnections => "traffic.connections".into(),
            Resource::DbVcpu => "database.vcpu".into(),
            Resource::DbMemory => "database.memory_gib".into(),
            Resource::DbConnections => "database.total_connections".into(),
            Resource::CacheMemory => "cache.memory_gib".into(),
            Resource::MediaVcpu => "media.vcpu".into(),
            Resource::PoolNodes(i) => format!("node_pools.{}.nodes", r.pools[i].name),
        }
    }

    /// What `later` needs beyond what `today` provisions, in words.
    pub fn detail(self, s: &Scenario, r: &Resolved, today: &Sizing, later: &Sizing) -> String {
        let (tc, lc) = (&today.compute, &later.compute);
        let (td, ld) = (&today.database, &later.database);
        let slots = worker_slots(s, tc) as f64;
        match self {
            Resource::WorkerSlots => format!(
                "needs {} workers at target {}; today's {} replicas hold {} worker slots",
                count(lc.workers),
                crate::format::pct(s.target_utilization),
                count(tc.replicas),
                num(slots)
            ),
            Resource::P99 => format!(
                "peak {} RPS is past the {} RPS today's {} worker slots carry within the p99 SLO",
                num(later.traffic.peak_rps),
                num(tc.latency.knee_rps),
                num(slots)
            ),
            Resource::AppConnections => format!(
                "{} connections need {} replicas at max_connections_per_replica {}; today runs {}",
                count(later.traffic.connections.ceil() as u64),
                count((later.traffic.connections / s.max_connections_per_replica).ceil() as u64),
                num(s.max_connections_per_replica),
                count(tc.replicas)
            ),
            Resource::DbVcpu => {
                let have = td.shards.max(1) as f64 * td.instance_vcpu;
                let on = td.instance.as_ref().map_or_else(
                    || format!("today's self-hosted database has {}", num(have)),
                    |i| format!("today's {} × {i} have {}", count(td.shards), num(have)),
                );
                format!("needs {} vCPU; {on}", count(ld.vcpu))
            }
            Resource::DbMemory => format!(
                "needs {} of memory; today's instances have {}",
                gib(ld.memory_gib),
                gib(td.shards.max(1) as f64 * td.instance_memory_gib)
            ),
            Resource::DbConnections => format!(
                "{} connections are over max_connections {}",
                count(ld.total_connections),
                count(td.max_connections)
            ),
            Resource::CacheMemory => format!(
                "needs {}; today's {} hold {}",
                gib(later.cache.memory_gib),
                today.cache.short_placement(),
                gib(today.cache.instances as f64 * today.cache.instance_memory_gib)
            ),
            Resource::MediaVcpu => format!(
                "needs {} media vCPU; today runs {}",
                count(later.media.vcpu),
                count(today.media.vcpu)
            ),
            Resource::PoolNodes(i) => {
                let (t, l) = (&today.pools[i], &later.pools[i]);
                format!(
                    "needs {} × {} (bound by {}); today runs {}",
                    count(l.nodes),
                    r.pools[i].fit.node.name,
                    l.binding.label(),
                    count(t.nodes)
                )
            }
        }
    }
}

/// How many users one resource carries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierLimit {
    /// "app", "database", "cache", "media" or `pool NAME`.
    pub tier: String,
    /// "worker slots", "p99 SLO", "connections", "vCPU", "memory", "nodes".
    pub resource: &'static str,
    /// The plan figure this limit reads (`compute.workers`, `node_pools.general.nodes`, …).
    pub figure: String,
    /// What today's plan provisions, in that figure's unit.
    pub provisioned: f64,
    /// The most users it carries; `None` when it carries the whole users range (10⁹), `Some(0)` when it
    /// falls short even at one user.
    pub max_users: Option<u64>,
    /// `max_users` ÷ today's users.
    pub times_today: Option<f64>,
    /// The first month whose users (`users × growth^(month ÷ 12)`) this tier does not carry; `None`
    /// without growth or without a limit.
    pub runs_out_month: Option<u32>,
}

/// The most users a monthly budget buys, re-planned at each count (node types may change).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    pub usd: f64,
    /// `None` when the whole users range fits the budget; `Some(0)` when one user already costs more.
    pub users: Option<u64>,
    /// The monthly cost at `users` (at one user when it is 0).
    pub monthly_usd: f64,
}

/// The headroom of today's plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Limits {
    pub users: f64,
    /// Sorted by `max_users`, the binding one first; tiers with no limit within range last.
    pub tiers: Vec<TierLimit>,
    /// The smallest tier limit: the plan's headroom. `None` when no tier limits users within range.
    pub max_users: Option<u64>,
    /// The tier and resource that limit first, e.g. "app p99 SLO".
    pub binding_tier: Option<String>,
    pub binding_resource: Option<&'static str>,
    /// `max_users` ÷ today's users.
    pub times_today: Option<f64>,
    /// The first month some tier runs out (the growth runway's month); `None` without growth or limits.
    pub runs_out_month: Option<u32>,
    pub budget: Option<Budget>,
    pub budget_users: Option<u64>,
}

impl Limits {
    /// "×1.8 until p99 SLO (app)" (below ×1 the plan is short today), or "no tier runs out below 10⁹ users".
    pub fn headline(&self) -> String {
        match (&self.binding_tier, self.binding_resource, self.times_today) {
            (Some(tier), Some(res), Some(x)) => format!("×{} until {res} ({tier})", times(x)),
            _ => "no tier runs out below 10⁹ users".into(),
        }
    }
}

/// How the headroom was found, for `e` and `--explain`.
pub fn explain(l: &Limits) -> super::explain::Explanation {
    use super::explain::{Explanation, term};
    let tiers: Vec<String> = l
        .tiers
        .iter()
        .map(|t| {
            format!(
                "{} {}: {}",
                t.tier,
                t.resource,
                t.max_users.map_or_else(|| "over 10⁹".into(), count)
            )
        })
        .collect();
    let terms = vec![term("users today", l.users, "")];
    Explanation::described(
        "limits.max_users",
        "Headroom",
        "users",
        l.max_users.map(|m| m as f64),
        terms,
        format!(
            "Today's plan is held fixed (node types and counts, database and cache instances, replicas and worker \
             slots) and users are raised until a tier needs more than it has: workers at the target utilisation \
             within the slots, peak RPS within the knee of the p99 SLO, connections within the replicas' and the \
             database's limits, database vCPU and memory, cache memory, media vCPU, each pool's nodes. Each tier \
             is bisected to one user (more users never need less). {}. The smallest is the headroom: {}.",
            tiers.join("; "),
            l.headline()
        ),
    )
}

/// A ratio with two significant digits where it is small: ×1.8, ×12, ×0.05.
pub fn times(x: f64) -> String {
    if x >= 10.0 {
        crate::format::thousands(x.floor() as i64)
    } else if x >= 1.0 {
        // Rounded down: headroom is never promised beyond what holds.
        format!("{:.1}", (x * 10.0).floor() / 10.0)
    } else if x >= 0.01 {
        format!("{:.2}", (x * 100.0).floor() / 100.0)
    } else {
        // Far below today's users: two significant digits, still rounded down.
        let digits = (-x.log10().floor()) as i32 + 1;
        let scale = 10f64.powi(digits);
        crate::format::trim(format!(
            "{:.*}",
            digits as usize,
            (x * scale).floor() / scale
        ))
    }
}

/// The headroom of today's plan (node counts, instances, replicas and workers held at today's), and with
/// `budget` the most users that monthly budget buys.
pub fn limits(scenario: &Scenario, catalog: &Catalog, budget: Option<f64>) -> Limits {
    let s = params::clamped(scenario);
    let (r, mut today) = super::today_on(&s, catalog, s.provider, &mut Recorder::off());
    super::compute::latency(&s, &today.traffic, &mut today.compute, &mut Recorder::off());
    let mut z = Sizing::default();
    let mut tiers: Vec<TierLimit> = provisioned(&s, &r, &today)
        .into_iter()
        .map(|p| {
            let mut holds = |u: f64| {
                size_into(
                    &mut z,
                    &s,
                    u,
                    s.records_now,
                    0,
                    &r,
                    &mut Recorder::off(),
                    None,
                );
                p.holds(&z)
            };
            let max_users = largest(s.users, &mut holds);
            TierLimit {
                tier: p.resource.tier(&r),
                resource: p.resource.name(),
                figure: p.resource.need_figure(&r),
                provisioned: p.have,
                max_users,
                times_today: max_users.map(|m| m as f64 / s.users),
                runs_out_month: max_users.and_then(|m| month_past(&s, m, &mut holds)),
            }
        })
        .collect();
    // Stable: equal limits keep the runway's tier order.
    tiers.sort_by_key(|t| t.max_users.unwrap_or(u64::MAX));
    let binding = tiers.first().filter(|t| t.max_users.is_some());
    let budget = budget.map(|usd| {
        let mut at = s.clone().into_owned();
        let mut cost = |u: f64| {
            at.users = u;
            super::quick(&at, catalog).monthly_usd
        };
        let users = largest(s.users, |u| cost(u) <= usd);
        Budget {
            usd,
            users,
            monthly_usd: cost(users.unwrap_or(MAX_USERS).max(1) as f64),
        }
    });
    let max_users = binding.and_then(|t| t.max_users);
    // The first month any tier runs out, as the growth runway counts it.
    let runs_out_month = tiers.iter().filter_map(|t| t.runs_out_month).min();
    Limits {
        users: s.users,
        max_users,
        runs_out_month,
        binding_tier: binding.map(|t| t.tier.clone()),
        binding_resource: binding.map(|t| t.resource),
        times_today: binding.and_then(|t| t.times_today),
        budget_users: budget.as_ref().and_then(|b| b.users),
        budget,
        tiers,
    }
}

/// The first month whose users (`users × growth^(m/12)`, fractional like the growth table's) a resource
/// that carries at most `max` whole users no longer holds.
fn month_past(s: &Scenario, max: u64, holds: &mut impl FnMut(f64) -> bool) -> Option<u32> {
    if (max as f64) < s.users {
        return Some(0);
    }
    if s.growth <= 1.0 {
        return None;
    }
    let at = |m: u32| super::growth::users_at(s, m);
    // The first month past `max`, then on while a fraction of a user past it still fits.
    let mut m = (12.0 * (max as f64 / s.users).ln() / s.growth.ln())
        .floor()
        .max(0.0) as u32;
    while at(m) <= max as f64 {
        m += 1;
    }
    while at(m) < max as f64 + 1.0 && holds(at(m)) {
        m += 1;
    }
    Some(m)
}

/// The largest whole number of users in 1 ..= 10⁹ for which `ok` holds, searched outward from `start` and
/// then bisected to one user. `None` when even 10⁹ holds; `Some(0)` when even one user does not.
/// `ok` is monotone in users (more users never need less), so the boundary is exact.
pub fn largest(start: f64, mut ok: impl FnMut(f64) -> bool) -> Option<u64> {
    let start = (start.round() as u64).clamp(1, MAX_USERS);
    let (mut lo, mut hi);
    if ok(start as f64) {
        lo = start;
        loop {
            if lo == MAX_USERS {
                return None;
            }
            hi = lo.saturating_mul(2).min(MAX_USERS);
            if !ok(hi as f64) {
                break;
            }
            lo = hi;
        }
    } else {
        hi = start;
        loop {
            if hi == 1 {
                return Some(0);
            }
            lo = (hi / 2).max(1);
            if ok(lo as f64) {
                break;
            }
            hi = lo;
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid as f64) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_finds_the_boundary_from_either_side() {
        assert_eq!(largest(10.0, |u| u <= 12_345.0), Some(12_345));
        assert_eq!(largest(1e6, |u| u <= 12_345.0), Some(12_345));
        assert_eq!(largest(5.0, |u| u <= 1.0), Some(1));
        assert_eq!(largest(5.0, |_| false), Some(0));
        assert_eq!(largest(5.0, |_| true), None);
        assert_eq!(largest(1.0, |u| u < 1e9), Some(999_999_999));
    }

    #[test]
    fn times_rounds_down() {
        assert_eq!(times(1.89), "1.8");
        assert_eq!(times(0.999), "0.99");
        assert_eq!(times(12.7), "12");
        assert_eq!(times(1234.0), "1,234");
    }
}
