//! The outputs of a plan, one struct per pane. Field names are the JSON contract (`docs/json.md`).

use std::sync::Arc;

use serde::Serialize;

use super::scenario::Provider;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub traffic: Traffic,
    pub compute: Compute,
    pub database: Database,
    pub cache: Cache,
    pub media: Media,
    pub workspaces: Workspaces,
    pub node_pools: Vec<NodePool>,
    pub cost: Cost,
    pub growth: Growth,
    pub warnings: Vec<Warning>,
    /// p10/p50/p90 of the headline figures when inputs are ranged (`ranges`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bands: Option<super::bands::Bands>,
    /// How each figure was computed, in the order the engine computed them; empty unless asked for
    /// (`engine::plan_explained`). JSON carries it as `explain` with `--explain`.
    #[serde(skip)]
    pub explain: Vec<super::explain::Explanation>,
}

impl Plan {
    /// How one figure (by its JSON path) was computed, when the plan was explained.
    pub fn explanation(&self, id: &str) -> Option<&super::explain::Explanation> {
        self.explain.iter().find(|e| e.id == id)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Traffic {
    /// The `users` input as entered.
    pub users: f64,
    /// Users active at the busiest hour (equal to `users` unless they are daily users).
    pub active_users: f64,
    /// Per-user load multiplier from intensity.
    pub intensity_factor: f64,
    pub peak_rps: f64,
    pub avg_rps: f64,
    pub miss_rps: f64,
    pub hit_rps: f64,
    pub write_qps: f64,
    pub connections: f64,
    pub peak_bandwidth_mbps: f64,
    /// Egress billed per month, decimal GB: responses plus media downloads.
    pub egress_gb_month: f64,
    /// The responses' share of it, which also passes the load balancer.
    pub response_egress_gb_month: f64,
    pub requests_per_month: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Compute {
    /// Worker-equivalents busy at peak, before headroom, as the cache cost model counts them.
    pub busy_workers: f64,
    pub workers: u64,
    pub vcpu: f64,
    pub memory_gib: f64,
    pub replicas: u64,
    pub replicas_bound_by: ReplicaBound,
    /// Mean service time of one request on one worker.
    pub service_ms: f64,
    /// Requests in flight at peak (Little's law: rate × time in system); `None` when overloaded.
    pub in_flight: Option<f64>,
    pub latency: Latency,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaBound {
    #[default]
    Vcpu,
    Connections,
    MinReplicas,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Worker slots the queue has: replicas × workers per replica, what is priced.
    pub servers: u64,
    /// Offered load ÷ capacity of those slots; above 1 when overloaded.
    pub utilization: f64,
    /// Offered load at or above capacity: latency and in-flight grow without bound.
    pub overloaded: bool,
    pub p_wait: f64,
    /// `None` (JSON null) when the queue is unstable at peak: latency grows without bound.
    pub mean_wait_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// The highest RPS these workers carry with p99 within `slo_p99_ms`.
    pub knee_rps: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Database {
    pub qps: f64,
    pub write_qps: f64,
    pub vcpu: u64,
    pub memory_gib: f64,
    /// Connections busy at peak (Little's law: QPS × query time).
    pub busy_connections: u64,
    /// Pool size across the app tier, with headroom.
    pub pool_size: u64,
    pub pool_per_replica: u64,
    pub total_connections: u64,
    pub max_connections: u64,
    pub connection_memory_gib: f64,
    pub storage_gib: f64,
    pub storage_horizon_gib: f64,
    pub managed: bool,
    /// The managed instance type, when managed.
    pub instance: Option<Arc<str>>,
    /// Instances priced in all: shards × copies (`replicas`).
    pub instances: u64,
    /// Instances (or self-hosted pods) one copy of the data is split over: more than 1 when no single
    /// instance or node is big enough.
    pub shards: u64,
    pub instance_vcpu: f64,
    pub instance_memory_gib: f64,
    pub ha: bool,
    /// Price of one managed instance, high availability included.
    pub instance_monthly_usd: f64,
}

impl Database {
    /// "16 × db.r5.8xlarge" or "3 pods": the count and type alone, for narrow panes.
    pub fn short_placement(&self) -> String {
        use crate::format::count;
        match &self.instance {
            Some(i) => format!("{} × {i}", count(self.instances)),
            None => format!("{} self-hosted pod(s)", count(self.instances.max(1))),
        }
    }

    /// Where the database runs, in words: "16 × db.r5.8xlarge (no single instance fits: …)".
    pub fn placement(&self) -> String {
        use crate::format::{count, vcpu};
        let copies = self.instances.checked_div(self.shards).unwrap_or(1);
        let split = if copies > 1 {
            format!(
                " ({} per copy × {} copies)",
                count(self.shards),
                count(copies)
            )
        } else {
            String::new()
        };
        let ha = if self.ha { " with HA standby" } else { "" };
        let why = if self.shards > 1 {
            match self.instance {
                Some(_) => " — no single instance fits: shard or use a distributed database",
                None => " — no single node fits: shard or use a distributed database",
            }
        } else {
            ""
        };
        match &self.instance {
            Some(_) => format!("managed {}{split}{ha}{why}", self.short_placement()),
            None => format!(
                "self-hosted, {} pod(s) of {} vCPU{split}{why}",
                count(self.instances.max(1)),
                vcpu(self.instance_vcpu)
            ),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cache {
    pub memory_gib: f64,
    pub ops_per_s: f64,
    pub vcpu: f64,
    pub managed: bool,
    pub instance: Option<Arc<str>>,
    /// Cache nodes (shards): more than 1 when one instance or pod cannot hold the data.
    pub instances: u64,
    pub instance_memory_gib: f64,
    pub ha: bool,
    pub instance_monthly_usd: f64,
}

impl Cache {
    /// Where the cache runs, in words: "3 × memorystore-basic-234gb (no single instance holds it: …)".
    pub fn placement(&self) -> String {
        let ha = if self.ha && self.instance.is_some() {
            " with replicas"
        } else {
            ""
        };
        let why = if self.instances > 1 {
            " — too big for one: cluster mode, sharded by key"
        } else {
            ""
        };
        format!("{}{ha}{why}", self.short_placement())
    }

    /// "3 × memorystore-basic-234gb" or "1 pod": the count and type alone, for narrow panes.
    pub fn short_placement(&self) -> String {
        use crate::format::count;
        match &self.instance {
            Some(i) => format!("{} × {i}", count(self.instances)),
            None => format!("{} pod(s)", count(self.instances.max(1))),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Media {
    pub items_per_min: f64,
    pub items_per_min_per_vcpu: f64,
    pub vcpu: u64,
    pub workers: u64,
    pub worker_memory_gib: f64,
    pub memory_gib: f64,
    /// Uploads stored on average over the month, decimal GB (what object storage bills).
    pub object_storage_gb: f64,
    /// Days of uploads that average holds: history plus the month so far, at most the retention.
    pub stored_days: f64,
    /// Uploads per month (average rate, not peak).
    pub uploads_per_month: f64,
    /// Downloads of those uploads: uploads × views × media size, decimal GB.
    pub egress_gb_month: f64,
    pub backlog_items: f64,
    /// Minutes to drain the peak-hour backlog; `None` when it never drains.
    pub drain_minutes: Option<f64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Workspaces {
    pub count: u64,
    pub cpu_request: f64,
    pub memory_request_gib: f64,
    pub avg_memory_gib: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    Cpu,
    Memory,
    Pods,
    Usage,
    Surge,
    #[default]
    MinNodes,
}

impl Binding {
    pub fn label(self) -> &'static str {
        match self {
            Binding::Cpu => "cpu",
            Binding::Memory => "memory",
            Binding::Pods => "pods",
            Binding::Usage => "usage",
            Binding::Surge => "surge",
            Binding::MinNodes => "min nodes",
        }
    }
}

/// One kind of pod placed on a pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PodGroup {
    pub tier: &'static str,
    pub count: u64,
    pub cpu: f64,
    pub memory_gib: f64,
    /// How many of these fit on one node on their own; 0 when one does not fit at all.
    pub per_node: u64,
}

/// A sized pool with the names it is shown by.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodePool {
    pub name: Arc<str>,
    pub node_type: Arc<str>,
    pub node_vcpu: f64,
    pub node_memory_gib: f64,
    /// The node type was chosen by headroom (`node_type.<pool> = auto`).
    pub auto: bool,
    #[serde(flatten)]
    pub size: PoolSize,
}

impl NodePool {
    /// The pool in one line: "3 × m5.2xlarge (auto)" or why it cannot be scheduled.
    pub fn summary(&self) -> String {
        use crate::format::count;
        let auto = if self.auto { " (auto)" } else { "" };
        match self.unschedulable {
            Some(tier) => format!(
                "unschedulable: a {tier} pod fits on no {}{auto} node — not priced",
                self.node_type
            ),
            None => format!("{} × {}{auto}", count(self.nodes), self.node_type),
        }
    }
}

impl std::ops::Deref for NodePool {
    type Target = PoolSize;

    fn deref(&self) -> &PoolSize {
        &self.size
    }
}

/// How many nodes a pool needs and why; plain numbers, so sizing a month of growth allocates nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PoolSize {
    /// A pod kind that fits on no node of this type: the pool cannot be scheduled and is not priced.
    pub unschedulable: Option<&'static str>,
    pub allocatable_cpu: f64,
    pub allocatable_memory_gib: f64,
    pub max_pods: u64,
    pub nodes: u64,
    /// Pods per node of the pool's most numerous pod kind.
    pub per_node: u64,
    pub binding: Binding,
    pub pods: u64,
    pub cpu_requested: f64,
    pub memory_requested_gib: f64,
    pub cpu_utilization: f64,
    pub memory_utilization: f64,
    /// Nodes each limit asks for: cpu, memory, pods, usage, surge, min nodes.
    pub nodes_by: NodesBy,
    pub pod_groups: PodGroups,
    pub monthly_usd: f64,
}

/// The kinds of pod on a pool: at most one per tier, kept inline so sizing a month allocates nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct PodGroups {
    items: [PodGroup; PodGroups::CAPACITY],
    len: usize,
}

impl PodGroups {
    /// app, infrastructure, database, cache, media, workspaces.
    pub const CAPACITY: usize = 6;

    pub fn push(&mut self, group: PodGroup) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = group;
            self.len += 1;
        }
    }

    /// Empties the list; the slots past its length are never read.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn as_slice(&self) -> &[PodGroup] {
        &self.items[..self.len]
    }

    pub fn iter(&self) -> std::slice::Iter<'_, PodGroup> {
        self.as_slice().iter()
    }
}

/// Equal when the kinds listed are: slots past the length hold whatever an earlier month left there.
impl PartialEq for PodGroups {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Serialize for PodGroups {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.as_slice())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct NodesBy {
    pub cpu: u64,
    pub memory: u64,
    pub pods: u64,
    pub usage: u64,
    pub surge: u64,
    pub min_nodes: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Components {
    pub nodes: f64,
    pub database: f64,
    pub cache: f64,
    pub storage: f64,
    pub object_storage: f64,
    pub egress: f64,
    pub load_balancer: f64,
    pub control_plane: f64,
    /// Taken off the whole bill last: `discount` × the charges above.
    pub discount: f64,
}

impl Components {
    /// A component by its JSON key, the discount included.
    pub fn get(&self, key: &str) -> Option<f64> {
        if key == "discount" {
            return Some(self.discount);
        }
        self.items()
            .into_iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| v)
    }

    /// The charges before the discount.
    pub fn charges(&self) -> f64 {
        self.total() + self.discount
    }

    pub fn total(&self) -> f64 {
        -self.discount
            + self.nodes
            + self.database
            + self.cache
            + self.storage
            + self.object_storage
            + self.egress
            + self.load_balancer
            + self.control_plane
    }

    /// (key, label, value) for each component, in display order.
    pub fn items(&self) -> [(&'static str, &'static str, f64); 8] {
        [
            ("nodes", "nodes", self.nodes),
            ("database", "database", self.database),
            ("cache", "cache", self.cache),
            ("storage", "block storage", self.storage),
            ("object_storage", "object storage", self.object_storage),
            ("egress", "egress", self.egress),
            ("load_balancer", "load balancer", self.load_balancer),
            ("control_plane", "control plane", self.control_plane),
        ]
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ByProvider {
    pub aws: f64,
    pub gcp: f64,
    pub azure: f64,
}

impl ByProvider {
    pub fn get(&self, p: Provider) -> f64 {
        match p {
            Provider::Aws => self.aws,
            Provider::Gcp => self.gcp,
            Provider::Azure => self.azure,
        }
    }

    pub fn set(&mut self, p: Provider, v: f64) {
        match p {
            Provider::Aws => self.aws = v,
            Provider::Gcp => self.gcp = v,
            Provider::Azure => self.azure = v,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    pub provider: Provider,
    pub region: String,
    pub monthly_usd: f64,
    pub components: Components,
    pub per_user_usd: f64,
    pub per_million_requests_usd: f64,
    pub by_provider: ByProvider,
    /// Kubernetes clusters the nodes need (each pays a control plane); 0 without a managed cluster.
    pub clusters: u64,
    /// How the month is bought: on-demand total, node-hours, commitment, spot.
    pub billing: super::billing::Bill,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Month {
    pub month: u32,
    pub users: f64,
    pub peak_rps: f64,
    pub workers: u64,
    pub nodes: u64,
    /// Database vCPU needed and the instances priced for it (shards × copies).
    pub db_vcpu: u64,
    pub db_instances: u64,
    /// Managed cache nodes (shards) priced.
    pub cache_instances: u64,
    pub clusters: u64,
    pub db_storage_gib: f64,
    /// Media stored on average that month, decimal GB.
    pub object_storage_gb: f64,
    pub monthly_usd: f64,
    /// Counts that differ from the month before (workers, nodes, database, cache, clusters).
    pub changes: Changes,
}

/// Which counts changed from one month to the next, kept as bits so a month stays `Copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes(u8);

impl Changes {
    pub const NAMES: [&'static str; 5] = ["workers", "nodes", "database", "cache", "clusters"];

    /// The counts of month `b` that differ from month `a`.
    pub fn between(a: &Month, b: &Month) -> Changes {
        let differs = [
            a.workers != b.workers,
            a.nodes != b.nodes,
            a.db_instances != b.db_instances || a.db_vcpu != b.db_vcpu,
            a.cache_instances != b.cache_instances,
            a.clusters != b.clusters,
        ];
        Changes(
            differs
                .iter()
                .enumerate()
                .filter(|(_, d)| **d)
                .fold(0, |bits, (i, _)| bits | 1 << i),
        )
    }

    pub fn any(self) -> bool {
        self.0 != 0
    }

    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| n)
    }
}

impl Serialize for Changes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// The first thing today's provisioned plan runs out of as users grow.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Runway {
    pub month: u32,
    /// "app", "database", "cache", "media" or `pool NAME`.
    pub tier: String,
    /// "worker slots", "p99 SLO", "connections", "vCPU", "memory", "nodes".
    pub resource: &'static str,
    /// What that month needs and what is provisioned today, in the resource's unit.
    pub needed: f64,
    pub provisioned: f64,
    /// The same in words: "needs 17 vCPU; today's 1 × db.m5.4xlarge has 16".
    pub detail: String,
}

impl Runway {
    /// "month 9: database — needs 17 vCPU; today's 1 × db.m5.4xlarge has 16".
    pub fn summary(&self) -> String {
        format!("month {}: {} — {}", self.month, self.tier, self.detail)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Growth {
    pub months: Vec<Month>,
    /// First month whose load exceeds today's provisioned plan at its target utilisation; `None` if none
    /// within the horizon.
    pub runway_months: Option<u32>,
    /// What runs out in that month, and by how much.
    pub runway: Option<Runway>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The input key to change to address it.
    pub key: String,
    pub message: String,
}
