//! Growth: the plan recomputed for every month to the horizon, and the runway of today's plan.

use super::database::records_per_month;
use super::plan::{Growth, Month};
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
    let mut runway = None;
    months.push(month(0, today));
    let mut written = records_per_month(s, &today.traffic);
    let mut later = Sizing::default();
    for m in 1..=horizon {
        // Records written during the previous month are on disk at the start of this one.
        records += written;
        size_into(&mut later, s, users_at(s, m), records, m, r);
        if runway.is_none() && outgrows(today, &later) {
            runway = Some(m);
        }
        written = records_per_month(s, &later.traffic);
        months.push(month(m, &later));
    }
    Grown {
        storage_horizon_gib: months.last().map_or(0.0, |m| m.db_storage_gib),
        growth: Growth {
            months,
            runway_months: runway,
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
    }
}

/// Whether a later month needs more than today's plan provides at its target utilisation.
fn outgrows(today: &Sizing, later: &Sizing) -> bool {
    later.compute.workers > today.compute.workers
        || later.database.vcpu > today.database.vcpu
        || later.media.vcpu > today.media.vcpu
        || later
            .pools
            .iter()
            .zip(&today.pools)
            .any(|(l, t)| l.nodes > t.nodes)
}
