//! What the plan is bought as: node-hours (the peak all month, or with autoscaling the peak for the busy
//! hours and the average load's nodes the rest), a commitment for the floor that always runs, spot for
//! the stateless pools' remainder, and a negotiated discount on the whole bill, applied last.

use serde::Serialize;

use crate::catalog::HOURS_PER_MONTH;

use super::explain::{Explanation, Recorder, k, sum, t};
use super::nodes::NodeFit;
use super::plan::{Components, PoolSize};
use super::scenario::{Commitment, Scenario};
use super::{Resolved, Sizing};

/// What today's plan commits to; growth months keep it and buy the rest on demand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Committed {
    /// Committed node-hours per resolved pool.
    pub pool_hours: Vec<f64>,
    /// The managed database's and cache's on-demand monthly cost that is reserved.
    pub database_usd: f64,
    pub cache_usd: f64,
}

/// How the month is billed, beside the components it produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Bill {
    /// The month at on-demand prices (with autoscaled node-hours), before commitments, spot and discount.
    pub on_demand_usd: f64,
    /// Node-hours billed, and what the peak all month would be.
    pub node_hours: f64,
    pub peak_node_hours: f64,
    /// The node-hours that run all month whatever the load: what a commitment covers by default.
    pub floor_node_hours: f64,
    /// What the commitment costs a month (node-hours, database and cache), paid whether used or not.
    pub committed_usd: f64,
    /// What the spot node-hours cost a month.
    pub spot_usd: f64,
    /// Per pool with a commitment: what is committed.
    pub commit: Vec<CommitLine>,
    #[serde(skip)]
    pub committed: Committed,
}

/// "commit 3 × m5.2xlarge (the floor)".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CommitLine {
    pub pool: String,
    pub node_type: String,
    /// Node-hours committed a month, and as nodes running all month.
    pub node_hours: f64,
    pub nodes: f64,
    /// The committed-use discount applied (a fraction).
    pub discount: f64,
    /// False when the rate is a typical figure rather than a published price.
    pub verified: bool,
}

/// Hours a day the pools spend at the peak node count, as a share of the month.
pub fn peak_share(s: &Scenario) -> f64 {
    s.peak_hours_per_day.clamp(0.0, 24.0) / 24.0
}

/// The average price multiplier of a node that runs the first `share` of a month, under a sustained-use
/// discount worth `full` over a whole month. GCP bills each quarter of the month at a lower rate — N1
/// 100 / 80 / 60 / 40 %, N2 and C2D 100 / 86.8 / 73.3 / 60 % ([GCE-SUD]) — steps of `full ÷ 1.5`, so a
/// node running 4 h a day (a sixth of the month) earns nothing and one running all month earns `full`.
pub fn sustained_use_multiplier(full: f64, share: f64) -> f64 {
    let share = share.clamp(0.0, 1.0);
    if full <= 0.0 || share <= 0.0 {
        return 1.0;
    }
    let step = full / 1.5;
    let paid: f64 = (0..4)
        .map(|k| {
            let from = f64::from(k) * 0.25;
            let run = (share.min(from + 0.25) - from).max(0.0);
            run * (1.0 - f64::from(k) * step)
        })
        .sum();
    paid / share
}

/// One pool's month as bought, with each part kept for the explanation.
pub(crate) struct PoolBill {
    pub hours: f64,
    pub floor: f64,
    pub cud: f64,
    pub committed_hours: f64,
    pub spot_hours: f64,
    pub spot_rate: f64,
    pub committed_usd: f64,
    pub spot_usd: f64,
    pub on_demand_rate: f64,
    pub burst_rate: f64,
    pub sustained_hours: f64,
    pub burst_hours: f64,
    /// The month with every hour on demand.
    pub full: f64,
    /// What the pool is billed.
    pub pool_usd: f64,
    /// The peak all month on demand: billed exactly as the pool was priced.
    pub plain: bool,
}

/// Bills one pool of `size.nodes` nodes, priced at `size.monthly_usd` all month on demand. `average` is
/// its node count at the average load when autoscaling is on; `committed_today` the node-hours today's
/// plan committed (`None` for today itself, which commits its floor or `commit_share`). `auto` ranks
/// node types with this same bill when autoscaling is on.
pub(crate) fn pool_bill(
    s: &Scenario,
    fit: &NodeFit,
    size: &PoolSize,
    average: Option<u64>,
    committed_today: Option<f64>,
) -> PoolBill {
    let node = fit.node;
    let term = s.commitment;
    let share = peak_share(s);
    let peak = size.nodes as f64;
    let tiers = || size.pod_groups.iter().map(|g| g.tier);
    // Looked up only when an input asks: most plans and every growth month of them need neither.
    let stateful = || tiers().any(super::nodes::holds_data);
    let stateless = || size.pods > 0 && tiers().all(|t| t == "app" || t == "media");
    // A pool holding a database or cache keeps its peak count: stateful pods do not follow the load.
    let floor = match average {
        Some(avg) if !stateful() => (avg as f64).max(s.min_nodes.min(peak)).min(peak),
        _ => peak,
    };
    let hours = if average.is_some() {
        // The floor all month plus the peak's extra nodes for the peak hours: exactly the peak all
        // month when the floor is the peak.
        (floor + (peak - floor) * share) * HOURS_PER_MONTH
    } else {
        peak * HOURS_PER_MONTH
    };
    // GCP's sustained-use discount grows with the share of the month a node runs: the floor's nodes
    // earn all of it, the peak's extra nodes (a few hours a day) only its first tiers.
    let on_demand_rate = node.usd_per_hour * (1.0 - node.sustained_use_discount);
    let burst_rate = node.usd_per_hour * fit.burst_multiplier;
    let all_month = floor * HOURS_PER_MONTH;
    // The fit carries no commitment rate on demand, and no spot rate without spot.
    let commit_rate = fit.commit;
    let cud = commit_rate.map_or(0.0, |d| d.for_term(term));
    let committed_hours = if commit_rate.is_none() {
        0.0
    } else if let Some(t) = committed_today {
        t
    } else {
        s.commit_share
            .map_or(floor * HOURS_PER_MONTH, |x| x.clamp(0.0, 1.0) * hours)
    };
    // A commitment is so many nodes every hour: an hour runs on it only up to the nodes running
    // then, and committed hours no node uses are paid all the same.
    let committed_nodes = committed_hours / HOURS_PER_MONTH;
    let used_hours = if average.is_some() {
        (committed_nodes.min(floor) * (1.0 - share) + committed_nodes.min(peak) * share)
            * HOURS_PER_MONTH
    } else {
        committed_nodes.min(peak) * HOURS_PER_MONTH
    };
    let rest = (hours - used_hours).max(0.0);
    let spot = fit.spot.filter(|_| stateless());
    let spot_hours = spot.map_or(0.0, |_| rest * s.spot_share.clamp(0.0, 1.0));
    let spot_rate = spot.map_or(0.0, |d| node.usd_per_hour * (1.0 - d.discount));
    let committed_usd = committed_hours * node.usd_per_hour * (1.0 - cud);
    let spot_usd = spot_hours * spot_rate;
    // The peak all month on demand stays exactly as the pool priced it.
    let plain = average.is_none() && committed_hours == 0.0 && spot_hours == 0.0;
    let full = if average.is_none() {
        size.monthly_usd
    } else {
        all_month * on_demand_rate + (hours - all_month).max(0.0) * burst_rate
    };
    let on_demand_hours = (rest - spot_hours).max(0.0);
    let sustained_hours = on_demand_hours.min((all_month - used_hours).max(0.0));
    let burst_hours = on_demand_hours - sustained_hours;
    let pool_usd = if plain {
        size.monthly_usd
    } else {
        committed_usd + spot_usd + sustained_hours * on_demand_rate + burst_hours * burst_rate
    };
    PoolBill {
        hours,
        floor,
        cud,
        committed_hours,
        spot_hours,
        spot_rate,
        committed_usd,
        spot_usd,
        on_demand_rate,
        burst_rate,
        sustained_hours,
        burst_hours,
        full,
        pool_usd,
        plain,
    }
}

/// Bills a sizing in place: pool costs, nodes, database and cache components, the discount last.
/// `average` holds each pool's nodes at the average load (autoscaling on); `today` the commitment of
/// today's plan, kept by growth months (`None` for today itself, which derives it).
pub fn bill(
    s: &Scenario,
    r: &Resolved,
    z: &mut Sizing,
    average: Option<&[u64]>,
    today: Option<&Committed>,
    rec: &mut Recorder,
) -> Bill {
    let term = s.commitment;
    let c = &r.prices.commitments;
    let mut out = Bill::default();
    let mut committed = Committed::default();
    let mut nodes_usd = 0.0;
    let mut nodes_on_demand = 0.0;
    for (i, (pool, size)) in r.pools.iter().zip(z.pools.iter_mut()).enumerate() {
        let fit = &pool.fit;
        let node = fit.node;
        let peak = size.nodes as f64;
        // The peak all month on demand, as the pool priced it: the general case below gives the same
        // figures, after some forty more operations a pool a month.
        if average.is_none() && fit.commit.is_none() && fit.spot.is_none() {
            let hours = peak * HOURS_PER_MONTH;
            nodes_usd += size.monthly_usd;
            nodes_on_demand += size.monthly_usd;
            out.node_hours += hours;
            out.peak_node_hours += hours;
            out.floor_node_hours += hours;
            if today.is_none() {
                committed.pool_hours.push(0.0);
            }
            continue;
        }
        let committed_today = today.map(|t| t.pool_hours.get(i).copied().unwrap_or(0.0));
        let average = average.map(|avg| avg.get(i).copied().unwrap_or(size.nodes));
        let b = pool_bill(s, fit, size, average, committed_today);
        if rec.is_on() && !b.plain {
            let name = &pool.name;
            rec.add(|| {
                Explanation::computed(
                    format!("billing.{name}"),
                    format!("Pool {name} billed"),
                    "$",
                    b.pool_usd,
                    &(t("committed node-hours", b.committed_hours, "h")
                        * t("rate", node.usd_per_hour, "$/h")
                        * (k(1.0, "") - t("committed discount", b.cud, ""))
                        + t("spot node-hours", b.spot_hours, "h")
                            * t("spot rate", b.spot_rate, "$/h")
                        + t("on-demand node-hours all month", b.sustained_hours, "h")
                            * t("on-demand rate", b.on_demand_rate, "$/h")
                        + t("on-demand peak-hour node-hours", b.burst_hours, "h")
                            * t("peak-hour rate", b.burst_rate, "$/h")),
                )
                .note(format!(
                    "{} × {} at peak, {} the rest of the day{}; commitment {}.",
                    size.nodes,
                    node.name,
                    super::explain::number(b.floor),
                    if average.is_some() {
                        " (autoscaling)"
                    } else {
                        " (no autoscaling: the peak all month)"
                    },
                    match term {
                        Commitment::OnDemand => "none (on demand)",
                        Commitment::OneYear => "1 year",
                        Commitment::ThreeYear => "3 years",
                    }
                ))
            });
        }
        size.monthly_usd = b.pool_usd;
        nodes_usd += b.pool_usd;
        nodes_on_demand += b.full;
        out.node_hours += b.hours;
        out.peak_node_hours += peak * HOURS_PER_MONTH;
        out.floor_node_hours += b.floor * HOURS_PER_MONTH;
        out.committed_usd += b.committed_usd;
        out.spot_usd += b.spot_usd;
        if today.is_none() {
            committed.pool_hours.push(b.committed_hours);
        }
        if b.committed_hours > 0.0 {
            out.commit.push(CommitLine {
                pool: pool.name.to_string(),
                node_type: node.name.to_string(),
                node_hours: b.committed_hours,
                nodes: b.committed_hours / HOURS_PER_MONTH,
                discount: b.cud,
                verified: fit.commit.is_some_and(|d| d.verified),
            });
        }
    }

    // Managed database and cache run all month: reserved whole today, growth beyond it on demand.
    let reserve = |on_demand: f64, today_usd: Option<f64>, rate: f64| -> (f64, f64, f64) {
        if term == Commitment::OnDemand {
            return (on_demand, 0.0, 0.0);
        }
        let reserved = today_usd.unwrap_or(on_demand);
        let cost = reserved * (1.0 - rate) + (on_demand - reserved).max(0.0);
        (cost, reserved, reserved * (1.0 - rate))
    };
    let on_demand = z.components;
    let (database, db_reserved, db_committed) = reserve(
        on_demand.database,
        today.map(|t| t.database_usd),
        c.database.for_term(term),
    );
    let (cache, cache_reserved, cache_committed) = reserve(
        on_demand.cache,
        today.map(|t| t.cache_usd),
        c.cache.for_term(term),
    );
    committed.database_usd = db_reserved;
    committed.cache_usd = cache_reserved;
    out.committed_usd += db_committed + cache_committed;

    let mut billed = Components {
        nodes: nodes_usd,
        database,
        cache,
        ..on_demand
    };
    let discount = s.discount.clamp(0.0, 1.0);
    billed.discount = billed.charges() * discount;
    if rec.is_on() {
        record(s, r, z, &billed, &on_demand, discount, rec);
    }
    out.on_demand_usd = Components {
        nodes: nodes_on_demand,
        ..on_demand
    }
    .total();
    z.components = billed;
    // Only today's commitment is kept: growth months are billed against it, never against their own.
    if today.is_none() {
        out.committed = committed;
    }
    out
}

/// The billed nodes, database and cache, and the discount, in place of their on-demand explanations.
fn record(
    s: &Scenario,
    r: &Resolved,
    z: &Sizing,
    billed: &Components,
    on_demand: &Components,
    discount: f64,
    rec: &mut Recorder,
) {
    let term = s.commitment;
    let c = &r.prices.commitments;
    if billed.nodes != on_demand.nodes {
        let pools = r
            .pools
            .iter()
            .zip(&z.pools)
            .filter(|(_, size)| size.pods > 0)
            .map(|(pool, size)| t(format!("pool {}", pool.name), size.monthly_usd, "$"));
        rec.replace("cost.components.nodes", || {
            Explanation::computed("cost.components.nodes", "Nodes cost", "$", billed.nodes, &sum(pools))
                .note("Each pool's billed node-hours (see billing.<pool>): committed, spot and on demand.")
        });
    }
    for (id, label, value, was, rate) in [
        (
            "cost.components.database",
            "Database cost",
            billed.database,
            on_demand.database,
            c.database.for_term(term),
        ),
        (
            "cost.components.cache",
            "Cache cost",
            billed.cache,
            on_demand.cache,
            c.cache.for_term(term),
        ),
    ] {
        if value != was {
            rec.replace(id, || {
                Explanation::computed(
                    id,
                    label,
                    "$",
                    value,
                    &(t("on demand", was, "$") * (k(1.0, "") - t("reserved discount", rate, ""))),
                )
                .note(format!("Reserved for the term ({}).", c.program))
            });
        }
    }
    if discount > 0.0 {
        rec.add(|| {
            Explanation::computed(
                "cost.components.discount",
                "Discount",
                "$",
                billed.discount,
                &(t("charges", billed.charges(), "$") * t("discount", discount, "")),
            )
            .note("A negotiated discount on the whole bill, taken off last.")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::sustained_use_multiplier as m;

    #[test]
    fn sustained_use_follows_the_quarters_of_the_month() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(m(0.2, 1.0), 0.8));
        assert!(close(m(0.3, 1.0), 0.7));
        // N1: the first half at 100 % and 80 %.
        assert!(close(m(0.3, 0.5), 0.9));
        // 4 h a day is under a quarter of the month: no discount.
        assert!(close(m(0.2, 4.0 / 24.0), 1.0));
        // N2 over three quarters: 100, 86.7 and 73.3 % averaged.
        assert!(close(m(0.2, 0.75), (1.0 + 13.0 / 15.0 + 11.0 / 15.0) / 3.0));
        assert!(close(m(0.0, 0.5), 1.0));
    }
}
