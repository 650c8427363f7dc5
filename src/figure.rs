//! The figures people compare: a typed id per figure, so the planner's selection, explanations, the
//! baseline deltas and `headroom compare` never parse a string back. Its JSON path (`id()`) is the key of
//! the engine's explanation record.

use std::borrow::Cow;
use std::sync::Arc;

use crate::engine::plan::Plan;
use crate::format::{gb, gib, money, ms, num};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    PeakRps,
    MissRps,
    WriteQps,
    Workers,
    Vcpu,
    Replicas,
    P95,
    P99,
    Knee,
    InFlight,
    DbVcpu,
    PoolSize,
    Connections,
    StorageHorizon,
    CacheMemory,
    MediaVcpu,
    MediaMemory,
    ObjectStorage,
    Workspaces,
    MonthlyCost,
    PerUser,
    Runway,
    /// How many users today's plan carries (`engine::limits`), shown beside the compute figures.
    Headroom,
    /// The monthly cost's p10–p90 when inputs are ranged.
    CostBand,
    /// The monthly cost's 10th or 90th percentile over the ranges; a plan without ranges is its point.
    CostPercentile(u8),
    /// A cost component by its JSON key: `nodes`, `database`, `egress`, …
    Component(&'static str),
    /// A node pool's node count, by pool name.
    PoolNodes(Arc<str>),
    /// A node pool's allocatable resources per node, by pool name.
    PoolAllocatable(Arc<str>),
}

impl Figure {
    /// The figure's JSON path, as the engine's explanations and `--format json` name it.
    pub fn id(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Figure::PeakRps => "traffic.peak_rps",
            Figure::MissRps => "traffic.miss_rps",
            Figure::WriteQps => "traffic.write_qps",
            Figure::Workers => "compute.workers",
            Figure::Vcpu => "compute.vcpu",
            Figure::Replicas => "compute.replicas",
            Figure::P95 => "compute.latency.p95_ms",
            Figure::P99 => "compute.latency.p99_ms",
            Figure::Knee => "compute.latency.knee_rps",
            Figure::InFlight => "compute.in_flight",
            Figure::DbVcpu => "database.vcpu",
            Figure::PoolSize => "database.pool_size",
            Figure::Connections => "database.total_connections",
            Figure::StorageHorizon => "database.storage_horizon_gib",
            Figure::CacheMemory => "cache.memory_gib",
            Figure::MediaVcpu => "media.vcpu",
            Figure::MediaMemory => "media.worker_memory_gib",
            Figure::ObjectStorage => "media.object_storage_gb",
            Figure::Workspaces => "workspaces.count",
            Figure::MonthlyCost => "cost.monthly_usd",
            Figure::PerUser => "cost.per_user_usd",
            Figure::Runway => "growth.runway_months",
            Figure::Headroom => "limits.max_users",
            Figure::CostBand => "bands.monthly_usd",
            Figure::CostPercentile(10) => "bands.monthly_usd.p10",
            Figure::CostPercentile(_) => "bands.monthly_usd.p90",
            Figure::Component(key) => return Cow::Owned(format!("cost.components.{key}")),
            Figure::PoolNodes(pool) => return Cow::Owned(format!("node_pools.{pool}.nodes")),
            Figure::PoolAllocatable(pool) => {
                return Cow::Owned(format!("node_pools.{pool}.allocatable"));
            }
        })
    }

    /// The node pool this figure belongs to, if it is a pool's.
    pub fn pool(&self) -> Option<&str> {
        match self {
            Figure::PoolNodes(p) | Figure::PoolAllocatable(p) => Some(p),
            _ => None,
        }
    }
}

/// What a figure counts, for showing it and its change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Rps,
    PerSecond,
    Count,
    Vcpu,
    Ms,
    Gib,
    Gb,
    Usd,
    Month,
}

impl Measure {
    pub fn show(self, v: f64) -> String {
        match self {
            Measure::Rps => format!("{} RPS", num(v)),
            Measure::PerSecond => format!("{}/s", num(v)),
            Measure::Count => num(v),
            Measure::Vcpu => format!("{} vCPU", num(v)),
            Measure::Ms => ms(Some(v)),
            Measure::Gib => gib(v),
            Measure::Gb => gb(v),
            Measure::Usd => money(v),
            Measure::Month => format!("month {}", num(v)),
        }
    }

    /// A change with its sign: `+3`, `−$1,234`, `+12 ms`, `+2 months`.
    pub fn change(self, d: f64) -> String {
        let sign = if d < 0.0 { "−" } else { "+" };
        let a = d.abs();
        let body = match self {
            Measure::Month => format!("{} {}", num(a), if a == 1.0 { "month" } else { "months" }),
            other => other.show(a),
        };
        format!("{sign}{body}")
    }
}

/// How one figure moved from a baseline to another plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Delta {
    Same,
    /// Both plans have the figure: `other − base`, and its share of `base` when that is not zero.
    By {
        change: f64,
        share: Option<f64>,
    },
    /// One plan has no figure (latency unbounded, no runway within the horizon, a pool only one uses).
    Was(Option<f64>),
}

impl Delta {
    pub fn between(base: Option<f64>, other: Option<f64>) -> Delta {
        match (base, other) {
            (Some(b), Some(o)) if b == o => Delta::Same,
            (Some(b), Some(o)) => Delta::By {
                change: o - b,
                share: (b != 0.0).then(|| (o - b) / b.abs()),
            },
            (None, None) => Delta::Same,
            (b, _) => Delta::Was(b),
        }
    }

    /// The change as people see it: `Same` when both values read the same once rounded for display
    /// (a p95 that moved by a microsecond has not changed on screen).
    pub fn shown(figure: &Figure, base: Option<f64>, other: Option<f64>) -> Delta {
        if figure.show(base) == figure.show(other) {
            Delta::Same
        } else {
            Delta::between(base, other)
        }
    }

    /// `+$1,234 (+18 %)`, `+3`, `=`, `was 42 ms`, `was —` for a figure the baseline did not have.
    pub fn text(&self, figure: &Figure) -> String {
        let m = figure.measure();
        match self {
            Delta::Same => "=".into(),
            Delta::By { change, share } => {
                let share = share
                    .filter(|_| m == Measure::Usd)
                    .map(|x| format!(" ({})", share_text(x)))
                    .unwrap_or_default();
                format!("{}{share}", m.change(*change))
            }
            Delta::Was(Some(b)) => format!("was {}", figure.show(Some(*b))),
            Delta::Was(None) => format!("was {}", figure.show(None)),
        }
    }

    /// Whether the figure went up (`Some(true)`), down (`Some(false)`), or neither.
    pub fn up(&self) -> Option<bool> {
        match self {
            Delta::By { change, .. } => Some(*change > 0.0),
            _ => None,
        }
    }
}

impl Figure {
    /// The figures of a plan in reading order, the ones `headroom compare` lists: traffic, app, database,
    /// cache, media, workspaces, each pool's nodes, each cost component, the totals and the runway.
    pub fn all(plan: &Plan) -> Vec<Figure> {
        let mut out = vec![
            Figure::PeakRps,
            Figure::MissRps,
            Figure::WriteQps,
            Figure::Workers,
            Figure::Vcpu,
            Figure::Replicas,
            Figure::P95,
            Figure::P99,
            Figure::Knee,
            Figure::InFlight,
            Figure::DbVcpu,
            Figure::PoolSize,
            Figure::Connections,
            Figure::StorageHorizon,
            Figure::CacheMemory,
            Figure::MediaVcpu,
            Figure::MediaMemory,
            Figure::ObjectStorage,
            Figure::Workspaces,
        ];
        out.extend(
            plan.node_pools
                .iter()
                .map(|p| Figure::PoolNodes(Arc::clone(&p.name))),
        );
        out.extend(
            plan.cost
                .components
                .items()
                .into_iter()
                .map(|(k, _, _)| Figure::Component(k)),
        );
        out.push(Figure::Component("discount"));
        out.extend([Figure::MonthlyCost, Figure::PerUser, Figure::Runway]);
        out
    }

    /// The figure in people's words.
    pub fn label(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Figure::PeakRps => "peak requests",
            Figure::MissRps => "cache misses",
            Figure::WriteQps => "writes",
            Figure::Workers => "app workers",
            Figure::Vcpu => "app vCPU",
            Figure::Replicas => "app replicas",
            Figure::P95 => "p95 latency",
            Figure::P99 => "p99 latency",
            Figure::Knee => "RPS within p99 SLO",
            Figure::InFlight => "requests in flight",
            Figure::DbVcpu => "database vCPU",
            Figure::PoolSize => "database pool size",
            Figure::Connections => "database connections",
            Figure::StorageHorizon => "database storage at horizon",
            Figure::CacheMemory => "cache memory",
            Figure::MediaVcpu => "media vCPU",
            Figure::MediaMemory => "media worker memory",
            Figure::ObjectStorage => "object storage",
            Figure::Workspaces => "workspaces",
            Figure::MonthlyCost => "monthly cost",
            Figure::PerUser => "cost per user",
            Figure::Runway => "runway",
            Figure::Headroom => "headroom",
            Figure::CostBand => "monthly cost p10–p90",
            Figure::CostPercentile(10) => "monthly cost p10",
            Figure::CostPercentile(_) => "monthly cost p90",
            Figure::Component(key) => {
                return Cow::Owned(format!("cost: {}", key.replace('_', " ")));
            }
            Figure::PoolNodes(pool) => return Cow::Owned(format!("pool {pool}: nodes")),
            Figure::PoolAllocatable(pool) => {
                return Cow::Owned(format!("pool {pool}: allocatable per node"));
            }
        })
    }

    pub fn measure(&self) -> Measure {
        match self {
            Figure::PeakRps | Figure::Knee => Measure::Rps,
            Figure::MissRps | Figure::WriteQps => Measure::PerSecond,
            Figure::Vcpu | Figure::DbVcpu | Figure::MediaVcpu => Measure::Vcpu,
            Figure::P95 | Figure::P99 => Measure::Ms,
            Figure::StorageHorizon | Figure::CacheMemory | Figure::MediaMemory => Measure::Gib,
            Figure::ObjectStorage => Measure::Gb,
            Figure::MonthlyCost
            | Figure::PerUser
            | Figure::Component(_)
            | Figure::CostBand
            | Figure::CostPercentile(_) => Measure::Usd,
            Figure::Runway => Measure::Month,
            _ => Measure::Count,
        }
    }

    /// The figure's number in a plan; `None` where the plan has none (latency of an overloaded queue, a
    /// runway beyond the horizon, a pool this plan does not use, allocatable which is two numbers).
    pub fn value(&self, p: &Plan) -> Option<f64> {
        let c = &p.compute;
        Some(match self {
            Figure::PeakRps => p.traffic.peak_rps,
            Figure::MissRps => p.traffic.miss_rps,
            Figure::WriteQps => p.traffic.write_qps,
            Figure::Workers => c.workers as f64,
            Figure::Vcpu => c.vcpu,
            Figure::Replicas => c.replicas as f64,
            Figure::P95 => return c.latency.p95_ms,
            Figure::P99 => return c.latency.p99_ms,
            Figure::Knee => c.latency.knee_rps,
            Figure::InFlight => return c.in_flight,
            Figure::DbVcpu => p.database.vcpu as f64,
            Figure::PoolSize => p.database.pool_size as f64,
            Figure::Connections => p.database.total_connections as f64,
            Figure::StorageHorizon => p.database.storage_horizon_gib,
            Figure::CacheMemory => p.cache.memory_gib,
            Figure::MediaVcpu => p.media.vcpu as f64,
            Figure::MediaMemory => p.media.worker_memory_gib,
            Figure::ObjectStorage => p.media.object_storage_gb,
            Figure::Workspaces => p.workspaces.count as f64,
            Figure::MonthlyCost => p.cost.monthly_usd,
            Figure::PerUser => p.cost.per_user_usd,
            Figure::Runway => return p.growth.runway_months.map(f64::from),

            // The discount comes off the bill: it reads, and moves, as a negative amount.
            Figure::Component("discount") => -p.cost.components.discount + 0.0,
            Figure::Component(key) => return p.cost.components.get(key),
            // A pool this plan does not use runs no nodes.
            Figure::PoolNodes(pool) => p
                .node_pools
                .iter()
                .find(|n| n.name == *pool)
                .map_or(0.0, |n| n.size.nodes as f64),
            // Limits are found beside the plan, not in it; allocatable is two numbers.
            Figure::Headroom | Figure::PoolAllocatable(_) => return None,
            Figure::CostBand => return p.bands.as_ref().and_then(|b| b.monthly_usd.p50),
            Figure::CostPercentile(at) => {
                return match &p.bands {
                    Some(b) if *at == 10 => b.monthly_usd.p10,
                    Some(b) => b.monthly_usd.p90,
                    None => Some(p.cost.monthly_usd),
                };
            }
        })
    }

    /// The figure's value for people, and what its absence means.
    pub fn show(&self, v: Option<f64>) -> String {
        match (v, self) {
            (Some(v), _) => self.measure().show(v),
            (None, Figure::P95 | Figure::P99 | Figure::InFlight) => "unbounded".into(),
            (None, Figure::Runway) => "lasts the horizon".into(),
            (None, _) => "—".into(),
        }
    }

    /// Whether a rise is good news (more capacity, a longer runway): the planner colours by it.
    pub fn higher_is_better(&self) -> bool {
        matches!(self, Figure::Knee | Figure::Runway)
    }

    /// The change from `base` to `other`, as shown.
    pub fn delta(&self, base: &Plan, other: &Plan) -> Delta {
        Delta::shown(self, self.value(base), self.value(other))
    }
}

/// A relative change: `+18 %`, `−0.6 %`, `+850 %`; ten times or more as a factor, `×500k`.
pub fn share_text(x: f64) -> String {
    if x >= 9.0 {
        return format!(
            "×{}",
            crate::format::compact_numbers(&num((1.0 + x).round()))
        );
    }
    let p = (x * 100.0).abs();
    let p = if p >= 10.0 {
        num(p.round())
    } else {
        format!("{p:.1}")
    };
    format!("{}{p} %", if x < 0.0 { "−" } else { "+" })
}
