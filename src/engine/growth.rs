//! Growth: the plan recomputed for every month to the horizon, and the runway of what is provisioned today.

use crate::format::{count, num};

use super::database::records_per_month;
use super::explain::Recorder;
use super::limits::{Provisioned, provisioned};
use super::plan::{Changes, Growth, Month, Runway};
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
    let have = provisioned(s, r, today);
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
            Some(&today.bill.committed),
        );
        if runway.is_none() {
            runway = first_limit(s, r, today, &later, &have).map(|limit| limit.at(m));
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
fn first_limit(
    s: &Scenario,
    r: &Resolved,
    today: &Sizing,
    later: &Sizing,
    have: &[Provisioned],
) -> Option<Limit> {
    have.iter()
        .find(|p| !p.holds(later) && p.holds(today))
        .map(|p| Limit {
            tier: p.resource.tier(r),
            resource: p.resource.name(),
            needed: p.resource.need(later),
            provisioned: p.have,
            detail: p.resource.detail(s, r, today, later),
        })
}

/// The runway month without the month-by-month table: month 0 when today's plan is already short, else the
/// first month whose users some provisioned resource no longer carries, found by bisection over the months
/// (users only grow, more users never need less, and no check depends on stored data). `None` when the
/// plan lasts the horizon. The bands call this once per sample.
/// `hint` is where to look first (the point plan's runway): a sample near it needs two sizings.
pub fn runway_month(
    s: &Scenario,
    r: &Resolved,
    today: &Sizing,
    scratch: &mut Sizing,
    hint: Option<u32>,
) -> Option<u32> {
    if short_today(s, today).is_some() {
        return Some(0);
    }
    let horizon = s.horizon_months as u32;
    if horizon == 0 {
        return None;
    }
    let have = provisioned(s, r, today);
    let mut fails = |m: u32| {
        super::size_core(
            scratch,
            s,
            users_at(s, m),
            s.records_now,
            m,
            r,
            &mut Recorder::off(),
        );
        have.iter().any(|p| !p.holds(scratch) && p.holds(today))
    };
    // Bracket the first failing month: `lo` holds (month 0 does: the plan is not short today), `hi` fails.
    let (mut lo, mut hi) = (0, horizon);
    match hint.filter(|h| (1..=horizon).contains(h)) {
        Some(h) if fails(h) => {
            hi = h;
            let mut step = 1;
            while hi > 1 {
                let below = hi.saturating_sub(step).max(1);
                if fails(below) {
                    hi = below;
                    step *= 2;
                } else {
                    lo = below;
                    break;
                }
            }
        }
        Some(h) => {
            lo = h;
            let mut step = 1;
            loop {
                let above = (lo + step).min(horizon);
                if fails(above) {
                    hi = above;
                    break;
                }
                if above == horizon {
                    return None;
                }
                lo = above;
                step *= 2;
            }
        }
        None => {
            if !fails(horizon) {
                return None;
            }
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fails(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}
