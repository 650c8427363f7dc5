//! The planner's inputs. Field names are the keys presets, `--set` and the JSON contract use;
//! ranges and help texts live in [`super::params`], the single table every front end reads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::catalog::Provider;

pub mod spelling;

/// How `users` is counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsersAre {
    /// Simultaneously active users at the busiest hour (Diffgram, `CoCalc`).
    #[default]
    Active,
    /// Daily active users; the peak hour carries `peak_hour_fraction` of the day (article).
    Daily,
}

/// How cached and uncached requests share workers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheCostModel {
    /// Every request costs worker time: misses at the uncached rate, hits at the cached rate.
    #[default]
    Additive,
    /// The Falcon document's rule: size for the larger of the two loads.
    FalconMax,
}

/// Whether media is processed by the platform or only referenced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaMode {
    #[default]
    Process,
    ByReference,
}

/// AKS cluster tier: Free has no control-plane fee and no SLA; Standard is billed per cluster-hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AksTier {
    #[default]
    Free,
    Standard,
}

/// What the node-hours are bought as: on demand, or committed for one or three years (AWS Compute Savings
/// Plans, GCP resource-based committed use, Azure reserved VM instances; reserved database and cache).
/// Files may spell it as `--set` does (`1y`) or as headroom writes it (`one_year`): see [`spelling`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Commitment {
    #[default]
    OnDemand,
    OneYear,
    ThreeYear,
}

/// Every input of a plan. Missing fields in a preset take these defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    // The five sliders.
    pub users: f64,
    pub intensity: f64,
    pub media_mb: f64,
    pub cache_hit: f64,
    pub growth: f64,
    pub horizon_months: f64,

    // Traffic.
    pub users_are: UsersAre,
    pub requests_per_user_s: f64,
    pub requests_per_user_day: f64,
    pub peak_hour_fraction: f64,
    pub peak_to_average: f64,
    pub write_fraction: f64,
    pub connections_per_user: f64,
    pub response_kb: f64,
    pub network_overhead: f64,

    // App tier.
    pub rps_per_worker_uncached: f64,
    pub rps_per_worker_cached: f64,
    pub cache_cost_model: CacheCostModel,
    pub vcpu_per_worker: f64,
    pub memory_per_worker_gib: f64,
    pub vcpu_per_replica: f64,
    /// 0 means no per-replica connection limit.
    pub max_connections_per_replica: f64,
    pub min_replicas: f64,
    pub target_utilization: f64,
    pub slo_p95_ms: f64,
    pub slo_p99_ms: f64,

    // Database.
    pub queries_per_request: f64,
    pub db_qps_per_vcpu: f64,
    pub db_memory_per_vcpu_gib: f64,
    pub db_min_vcpu: f64,
    pub query_ms: f64,
    pub records_now: f64,
    pub records_per_user_hour: f64,
    pub bytes_per_record: f64,
    pub index_factor: f64,
    pub wal_overhead: f64,
    pub replicas: f64,
    pub managed: bool,
    pub db_instance: Option<String>,
    /// High availability: a standby per instance (RDS Multi-AZ, Cloud SQL regional, Azure zone-redundant).
    pub db_ha: bool,
    pub db_max_connections: f64,
    pub connection_memory_mb: f64,

    // Cache.
    pub cache_mb_per_user: f64,
    pub cache_overhead: f64,
    pub cache_ops_per_vcpu: f64,
    pub cache_managed: bool,
    pub cache_instance: Option<String>,
    pub cache_ha: bool,

    // Media.
    pub uploads_per_user_hour: f64,
    pub largest_media_mb: Option<f64>,
    pub media_mode: MediaMode,
    pub images_per_min_per_vcpu: f64,
    pub media_worker_memory_gib: f64,
    pub media_capacity_fraction: f64,
    pub retention_days: f64,
    /// Days of uploads already stored when the plan starts (0: a new product).
    pub media_history_days: f64,
    /// Times each upload is downloaded: media egress.
    pub media_views_per_upload: f64,

    // Workspaces.
    pub workspaces_per_user: f64,
    pub workspace_cpu: f64,
    pub workspace_memory_gib: f64,
    pub cpu_overcommit: f64,
    pub memory_overcommit: f64,
    pub workspace_avg_memory_gib: Option<f64>,

    // Platform.
    pub provider: Provider,
    pub region: Option<String>,
    /// Node type per pool name; a pool without an entry uses the provider's default type.
    pub node_types: BTreeMap<String, String>,
    pub app_pool: String,
    pub infra_pool: String,
    pub db_pool: String,
    pub media_pool: String,
    pub workspace_pool: String,
    pub max_pods_per_node: f64,
    pub daemonset_pods: f64,
    pub min_nodes: f64,
    pub node_headroom: f64,
    pub node_disk_gib: f64,
    pub autoscale_lag_min: f64,
    pub spike_per_min: f64,
    pub infra_cpu: f64,
    pub infra_memory_gib: f64,
    /// Whether the pools run on the provider's managed Kubernetes (and pay its control-plane fee).
    pub managed_cluster: bool,
    pub aks_tier: AksTier,
    pub max_nodes_per_cluster: f64,

    // Pricing.
    /// Pools follow the load: peak nodes for `peak_hours_per_day`, the average load's nodes the rest.
    pub autoscaling: bool,
    pub peak_hours_per_day: f64,
    pub commitment: Commitment,
    /// The share of today's node-hours to commit; `None` commits the floor (the nodes that run all day).
    #[serde(deserialize_with = "spelling::commit_share")]
    pub commit_share: Option<f64>,
    /// The share of stateless pools' uncommitted node-hours bought as spot.
    pub spot_share: f64,
    /// A negotiated discount on the whole bill, applied last.
    pub discount: f64,

    /// Numeric inputs known only within a range, by key: `(low, high)` or `(low, likely, high)`. The
    /// point value above stays the likely one; the bands sample these.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ranges: BTreeMap<String, super::ranges::Range>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            users: 200.0,
            intensity: 0.5,
            media_mb: 5.0,
            cache_hit: 0.7,
            growth: 2.0,
            horizon_months: 12.0,

            users_are: UsersAre::Active,
            requests_per_user_s: 1.0,
            requests_per_user_day: 20.0,
            peak_hour_fraction: 0.10,
            peak_to_average: 4.0,
            write_fraction: 0.1,
            connections_per_user: 1.0,
            response_kb: 20.0,
            network_overhead: 1.5,

            rps_per_worker_uncached: 60.0,
            rps_per_worker_cached: 250.0,
            cache_cost_model: CacheCostModel::Additive,
            vcpu_per_worker: 1.0,
            memory_per_worker_gib: 0.4,
            vcpu_per_replica: 4.0,
            max_connections_per_replica: 0.0,
            min_replicas: 2.0,
            target_utilization: 0.6,
            slo_p95_ms: 500.0,
            slo_p99_ms: 1000.0,

            queries_per_request: 1.0,
            db_qps_per_vcpu: 300.0,
            db_memory_per_vcpu_gib: 5.0,
            db_min_vcpu: 1.0,
            query_ms: 50.0,
            records_now: 0.0,
            records_per_user_hour: 0.0,
            bytes_per_record: 1000.0,
            index_factor: 2.0,
            wal_overhead: 0.25,
            replicas: 1.0,
            managed: true,
            db_instance: None,
            db_ha: false,
            db_max_connections: 100.0,
            connection_memory_mb: 5.0,

            cache_mb_per_user: 0.5,
            cache_overhead: 0.25,
            cache_ops_per_vcpu: 100_000.0,
            cache_managed: true,
            cache_instance: None,
            cache_ha: false,

            uploads_per_user_hour: 0.0,
            largest_media_mb: None,
            media_mode: MediaMode::Process,
            images_per_min_per_vcpu: 60.0,
            media_worker_memory_gib: 2.0,
            media_capacity_fraction: 1.0,
            retention_days: 365.0,
            media_history_days: 0.0,
            media_views_per_upload: 3.0,

            workspaces_per_user: 0.0,
            workspace_cpu: 1.0,
            workspace_memory_gib: 2.0,
            cpu_overcommit: 1.0,
            memory_overcommit: 1.0,
            workspace_avg_memory_gib: None,

            provider: Provider::Aws,
            region: None,
            node_types: BTreeMap::new(),
            app_pool: "general".into(),
            infra_pool: "general".into(),
            db_pool: "general".into(),
            media_pool: "media".into(),
            workspace_pool: "workspaces".into(),
            max_pods_per_node: 110.0,
            daemonset_pods: 4.0,
            min_nodes: 2.0,
            node_headroom: 0.0,
            node_disk_gib: 100.0,
            autoscale_lag_min: 4.0,
            spike_per_min: 0.05,
            infra_cpu: 1.0,
            infra_memory_gib: 2.0,
            managed_cluster: true,
            aks_tier: AksTier::Free,
            max_nodes_per_cluster: 5000.0,

            autoscaling: false,
            peak_hours_per_day: 4.0,
            commitment: Commitment::OnDemand,
            commit_share: None,
            spot_share: 0.0,
            discount: 0.0,
            ranges: BTreeMap::new(),
        }
    }
}

impl Scenario {
    /// Largest single media file; defaults to the typical size.
    pub fn largest_media_mb(&self) -> f64 {
        self.largest_media_mb
            .unwrap_or(self.media_mb)
            .max(self.media_mb)
    }

    /// Expected real memory use of one workspace; defaults to its request.
    pub fn workspace_avg_memory_gib(&self) -> f64 {
        self.workspace_avg_memory_gib
            .unwrap_or(self.workspace_memory_gib / self.memory_overcommit.max(1.0))
    }
}
