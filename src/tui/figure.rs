//! Which figure a pane row shows: a typed id, so selection, explanation and the node-type picker never
//! parse a string back. Its JSON path (`id()`) is the key of the engine's explanation record.

use std::borrow::Cow;
use std::sync::Arc;

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
