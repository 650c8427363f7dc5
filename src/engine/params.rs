//! The table of every input key: its range, unit, scale and help. `--set`, validation,
//! clamping inside `plan` and the planner's sliders all read this one table.

use super::scenario::{
    AksTier, CacheCostModel, Commitment, MediaMode, Provider, Scenario, UsersAre,
};

/// How a value is shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    Fraction,
    Ratio,
    Mb,
    Kb,
    Gib,
    Ms,
    Minutes,
    Months,
    Days,
    PerSecond,
    PerHour,
    PerMinute,
    Vcpu,
    Bytes,
}

/// How a slider steps through the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    Log,
}

/// What kind of value a key holds.
#[derive(Clone, Copy)]
pub enum Kind {
    Number {
        min: f64,
        max: f64,
        integer: bool,
        scale: Scale,
        unit: Unit,
        get: fn(&Scenario) -> f64,
        set: fn(&mut Scenario, f64),
    },
    Choice {
        options: &'static [&'static str],
        get: fn(&Scenario) -> &'static str,
        set: fn(&mut Scenario, usize),
    },
    Flag {
        get: fn(&Scenario) -> bool,
        set: fn(&mut Scenario, bool),
    },
    Text {
        get: fn(&Scenario) -> Option<String>,
        set: fn(&mut Scenario, Option<String>),
    },
}

/// One input key.
#[derive(Clone, Copy)]
pub struct Param {
    pub key: &'static str,
    pub label: &'static str,
    pub group: Group,
    pub kind: Kind,
    pub help: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Sliders,
    Traffic,
    App,
    Database,
    Cache,
    Media,
    Workspaces,
    Platform,
    Pricing,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Sliders => "sliders",
            Group::Traffic => "traffic",
            Group::App => "app tier",
            Group::Database => "database",
            Group::Cache => "cache",
            Group::Media => "media",
            Group::Workspaces => "workspaces",
            Group::Platform => "platform",
            Group::Pricing => "pricing",
        }
    }
}

macro_rules! num {
    ($key:ident, $label:literal, $group:ident, $min:expr, $max:expr, $scale:ident, $unit:ident, $help:literal) => {
        num!(@ $key, $label, $group, $min, $max, false, $scale, $unit, $help)
    };
    (int $key:ident, $label:literal, $group:ident, $min:expr, $max:expr, $scale:ident, $unit:ident, $help:literal) => {
        num!(@ $key, $label, $group, $min, $max, true, $scale, $unit, $help)
    };
    (@ $key:ident, $label:literal, $group:ident, $min:expr, $max:expr, $int:expr, $scale:ident, $unit:ident, $help:literal) => {
        Param {
            key: stringify!($key),
            label: $label,
            group: Group::$group,
            kind: Kind::Number {
                min: $min,
                max: $max,
                integer: $int,
                scale: Scale::$scale,
                unit: Unit::$unit,
                get: |s| s.$key,
                set: |s, v| s.$key = v,
            },
            help: $help,
        }
    };
}

macro_rules! choice {
    ($key:ident, $label:literal, $group:ident, $ty:ident { $($variant:ident => $name:literal),+ }, $help:literal) => {
        Param {
            key: stringify!($key),
            label: $label,
            group: Group::$group,
            kind: Kind::Choice {
                options: &[$($name),+],
                get: |s| match s.$key { $($ty::$variant => $name),+ },
                set: |s, i| {
                    let all = [$($ty::$variant),+];
                    if let Some(v) = all.get(i) {
                        s.$key = *v;
                    }
                },
            },
            help: $help,
        }
    };
}

macro_rules! flag {
    ($key:ident, $label:literal, $group:ident, $help:literal) => {
        Param {
            key: stringify!($key),
            label: $label,
            group: Group::$group,
            kind: Kind::Flag {
                get: |s| s.$key,
                set: |s, v| s.$key = v,
            },
            help: $help,
        }
    };
}

macro_rules! text {
    ($key:ident, $label:literal, $group:ident, optional, $help:literal) => {
        Param {
            key: stringify!($key),
            label: $label,
            group: Group::$group,
            kind: Kind::Text {
                get: |s| s.$key.clone(),
                set: |s, v| s.$key = v,
            },
            help: $help,
        }
    };
    ($key:ident, $label:literal, $group:ident, $help:literal) => {
        Param {
            key: stringify!($key),
            label: $label,
            group: Group::$group,
            kind: Kind::Text {
                get: |s| Some(s.$key.clone()),
                set: |s, v| s.$key = v.unwrap_or_default(),
            },
            help: $help,
        }
    };
}

const BIG: f64 = 1e9;

/// Every input key, in the order the planner lists them.
#[rustfmt::skip]
pub static PARAMS: &[Param] = &[
    num!(users, "Users", Sliders, 1.0, BIG, Log, Count,
        "Simultaneously active users at the busiest hour (or daily active users when users_are = daily)."),
    num!(intensity, "Intensity", Sliders, 0.0, 1.0, Linear, Fraction,
        "Usage intensity: 0 light, 0.5 moderate, 1 heavy; per-user load k = 2^(2·intensity − 1) (Diffgram: heavy = 2× moderate)."),
    num!(media_mb, "Media size", Sliders, 0.0, 100_000.0, Log, Mb,
        "Typical media file size in decimal MB (0 = no media). Feeds media vCPU, worker memory (2× the largest file), object storage and download egress — once uploads_per_user_hour is above 0."),
    num!(cache_hit, "Cache hit", Sliders, 0.0, 0.99, Linear, Fraction,
        "Fraction of requests served from cache."),
    num!(growth, "Growth", Sliders, 1.0, 10.0, Linear, Ratio,
        "Traffic multiplier per 12 months (Falcon: 2×)."),
    num!(int horizon_months, "Horizon", Traffic, 0.0, 36.0, Linear, Months,
        "How many months ahead the growth plan looks."),
    choice!(users_are, "Users are", Traffic, UsersAre { Active => "active", Daily => "daily" },
        "Whether `users` counts simultaneously active users or daily active users."),
    num!(requests_per_user_s, "Req/user/s", Traffic, 0.001, 1000.0, Log, PerSecond,
        "Requests per active user per second at moderate intensity (used when users_are = active)."),
    num!(requests_per_user_day, "Req/user/day", Traffic, 0.0, 1_000_000.0, Log, Count,
        "Requests per daily user per day (used when users_are = daily; article)."),
    num!(peak_hour_fraction, "Peak hour share", Traffic, 0.01, 1.0, Linear, Fraction,
        "Share of a day's requests in the busiest hour (article: 10 %)."),
    num!(peak_to_average, "Peak/avg", Traffic, 1.0, 100.0, Log, Ratio,
        "Peak traffic over average traffic for active users (daily users take the average from the day); averages drive egress, storage accrual and cost per request."),
    num!(write_fraction, "Write share", Traffic, 0.0, 1.0, Linear, Fraction,
        "Share of requests that write to the database (article: model writes separately)."),
    num!(connections_per_user, "Conns/user", Traffic, 0.0, 100.0, Linear, Count,
        "Long-lived connections each active user holds (CoCalc: one websocket per user)."),
    num!(response_kb, "Response size", Traffic, 0.0, 1_000_000.0, Log, Kb,
        "Average response size in KB."),
    num!(network_overhead, "Net overhead", Traffic, 1.0, 5.0, Linear, Ratio,
        "Bandwidth multiplier for headers and retransmits (article: 1.5)."),
    num!(rps_per_worker_uncached, "RPS/worker miss", App, 0.01, 1_000_000.0, Log, PerSecond,
        "Requests per second one worker serves on a cache miss (Falcon: 50–80)."),
    num!(rps_per_worker_cached, "RPS/worker hit", App, 0.01, 1_000_000.0, Log, PerSecond,
        "Requests per second one worker serves on a cache hit (Falcon: 200–300)."),
    choice!(cache_cost_model, "Cache model", App, CacheCostModel { Additive => "additive", FalconMax => "falcon_max" },
        "additive: hits and misses both cost worker time; falcon_max: the larger of the two loads (Falcon)."),
    num!(vcpu_per_worker, "vCPU/worker", App, 0.01, 64.0, Log, Vcpu,
        "vCPU one worker uses."),
    num!(memory_per_worker_gib, "Mem/worker", App, 0.01, 512.0, Log, Gib,
        "Memory one worker uses, in GiB (Falcon: 400 MB; Diffgram: 2 GB per vCPU)."),
    num!(vcpu_per_replica, "vCPU/replica", App, 0.1, 256.0, Log, Vcpu,
        "vCPU per app replica (pod) (Diffgram: 4)."),
    num!(max_connections_per_replica, "Conns/replica", App, 0.0, 1_000_000.0, Log, Count,
        "Most connections one replica holds; 0 = no limit (CoCalc hubs: 50)."),
    num!(int min_replicas, "Min replicas", App, 1.0, 1000.0, Linear, Count,
        "Fewest app replicas, for availability."),
    num!(target_utilization, "Target util", App, 0.1, 1.0, Linear, Fraction,
        "Plan workers and database vCPU at this share of their maximum (Falcon: 50–60 %)."),
    num!(slo_p95_ms, "SLO p95", App, 1.0, 600_000.0, Log, Ms,
        "Latency objective at the 95th percentile (Falcon: 500 ms)."),
    num!(slo_p99_ms, "SLO p99", App, 1.0, 600_000.0, Log, Ms,
        "Latency objective at the 99th percentile; the knee is the load where p99 meets it (Falcon: 1 s)."),
    num!(queries_per_request, "Queries/req", Database, 0.0, 100.0, Linear, Count,
        "Database queries per request that misses the cache."),
    num!(db_qps_per_vcpu, "QPS/DB vCPU", Database, 0.1, 1_000_000.0, Log, PerSecond,
        "Queries per second one database vCPU carries (default 300: pgbench-class point queries, conservatively; Diffgram's per-user ratio: 10)."),
    num!(db_memory_per_vcpu_gib, "DB mem/vCPU", Database, 0.5, 64.0, Log, Gib,
        "Database memory per vCPU in GiB (Diffgram: about 5)."),
    num!(db_min_vcpu, "DB min vCPU", Database, 0.0, 64.0, Linear, Vcpu,
        "Smallest database; 0 lets a plan without queries have no database."),
    num!(query_ms, "Query time", Database, 0.1, 60_000.0, Log, Ms,
        "Average query time; sizes the connection pool (article: pool = QPS × query time)."),
    num!(records_now, "Records now", Database, 0.0, 1e13, Log, Count,
        "Rows already stored at month 0."),
    num!(records_per_user_hour, "Records/user/h", Database, 0.0, 1_000_000.0, Log, PerHour,
        "Rows each active user adds per hour, at moderate intensity."),
    num!(bytes_per_record, "Bytes/record", Database, 1.0, 1e9, Log, Bytes,
        "Raw size of one row."),
    num!(index_factor, "Index factor", Database, 1.0, 10.0, Linear, Ratio,
        "Storage multiplier for indexes (article: indexes can double a table)."),
    num!(wal_overhead, "WAL overhead", Database, 0.0, 5.0, Linear, Fraction,
        "Extra storage for write-ahead logs (article: at least 25 %)."),
    num!(int replicas, "DB replicas", Database, 1.0, 16.0, Linear, Count,
        "Copies of the database (primary plus read replicas); multiplies storage and instances."),
    flag!(managed, "Managed DB", Database,
        "Run the database as the provider's managed service (true) or as a pod on db_pool (false)."),
    text!(db_instance, "DB instance", Database, optional,
        "Pin a managed database instance type from the catalog; empty picks the cheapest that fits."),
    flag!(db_ha, "DB high avail.", Database,
        "A standby per database instance (RDS Multi-AZ, Cloud SQL regional, Azure zone-redundant HA): 2× the instance price."),
    num!(db_max_connections, "DB max conns", Database, 1.0, 1_000_000.0, Log, Count,
        "The database's max_connections (PostgreSQL default: 100)."),
    num!(connection_memory_mb, "Mem/connection", Database, 0.0, 1024.0, Linear, Mb,
        "Database memory per connection (article: 2–5 MB)."),
    num!(cache_mb_per_user, "Cache/user", Cache, 0.0, 100_000.0, Log, Mb,
        "Cache working set per active user, in MB."),
    num!(cache_overhead, "Cache overhead", Cache, 0.0, 5.0, Linear, Fraction,
        "Extra cache memory for fragmentation and replication buffers."),
    num!(cache_ops_per_vcpu, "Cache ops/vCPU", Cache, 1.0, 10_000_000.0, Log, PerSecond,
        "Cache operations per second one vCPU carries (self-hosted cache)."),
    flag!(cache_managed, "Managed cache", Cache,
        "Use the provider's managed cache (true) or run it as a pod on infra_pool (false)."),
    text!(cache_instance, "Cache instance", Cache, optional,
        "Pin a managed cache instance type from the catalog; empty picks the cheapest that fits."),
    flag!(cache_ha, "Cache high avail.", Cache,
        "A replica per managed cache shard (Memorystore standard tier, ElastiCache/Azure replicas)."),
    num!(uploads_per_user_hour, "Uploads/user/h", Media, 0.0, 100_000.0, Log, PerHour,
        "Media files each active user uploads per hour, at moderate intensity."),
    Param {
        key: "largest_media_mb",
        label: "Largest file",
        group: Group::Media,
        kind: Kind::Number {
            min: 0.0,
            max: 1_000_000.0,
            integer: false,
            scale: Scale::Log,
            unit: Unit::Mb,
            get: |s| s.largest_media_mb(),
            set: |s, v| s.largest_media_mb = Some(v),
        },
        help: "Largest single media file in MB; media workers need twice it in memory (Diffgram).",
    },
    choice!(media_mode, "Media mode", Media, MediaMode { Process => "process", ByReference => "by_reference" },
        "process: the platform transcodes or analyses media; by_reference: it only stores links (Diffgram)."),
    num!(images_per_min_per_vcpu, "Items/min/vCPU", Media, 0.01, 1_000_000.0, Log, PerMinute,
        "Media items one vCPU processes per minute at 5 MB; scaled by file size (Diffgram: 60)."),
    num!(media_worker_memory_gib, "Media worker", Media, 0.1, 1024.0, Log, Gib,
        "Memory of one media worker (1 vCPU), raised to 2× the largest file when that is more."),
    num!(media_capacity_fraction, "Media capacity", Media, 0.05, 1.0, Linear, Fraction,
        "Share of peak media throughput provisioned; below 1 a backlog builds at peak and drains later."),
    num!(retention_days, "Retention", Media, 0.0, 36_500.0, Log, Days,
        "Days media is kept in object storage."),
    num!(media_history_days, "Media history", Media, 0.0, 36_500.0, Linear, Days,
        "Days of uploads already in object storage today (0: a new product; set it for an existing one)."),
    num!(media_views_per_upload, "Views/upload", Media, 0.0, 1_000_000.0, Log, Count,
        "Times each uploaded file is downloaded: media egress = uploads × views × media size."),
    num!(workspaces_per_user, "Workspaces/user", Workspaces, 0.0, 100.0, Linear, Count,
        "Per-user sandboxes running per active user (Coder, CoCalc projects)."),
    num!(workspace_cpu, "Workspace CPU", Workspaces, 0.0, 64.0, Linear, Vcpu,
        "CPU limit of one workspace."),
    num!(workspace_memory_gib, "Workspace mem", Workspaces, 0.0, 1024.0, Log, Gib,
        "Memory limit of one workspace (Coder: 2 GB; CoCalc: 2000 MB)."),
    num!(cpu_overcommit, "CPU overcommit", Workspaces, 1.0, 100.0, Linear, Ratio,
        "Limit over request for workspace CPU (CoCalc cpu_oc: 20)."),
    num!(memory_overcommit, "Mem overcommit", Workspaces, 1.0, 100.0, Linear, Ratio,
        "Limit over request for workspace memory (CoCalc mem_oc: 10)."),
    Param {
        key: "workspace_avg_memory_gib",
        label: "Workspace use",
        group: Group::Workspaces,
        kind: Kind::Number {
            min: 0.0,
            max: 1024.0,
            integer: false,
            scale: Scale::Log,
            unit: Unit::Gib,
            get: |s| s.workspace_avg_memory_gib(),
            set: |s, v| s.workspace_avg_memory_gib = Some(v),
        },
        help: "Memory one workspace really uses on average (CoCalc: about 500 MB); defaults to its request.",
    },
    choice!(provider, "Provider", Platform, Provider { Aws => "aws", Gcp => "gcp", Azure => "azure" },
        "Cloud the plan is priced on; the other two are priced side by side."),
    text!(region, "Region", Platform, optional,
        "Region of the prices; the catalog holds one region per provider."),
    text!(app_pool, "App pool", Platform, "Node pool the app replicas run on."),
    text!(infra_pool, "Infra pool", Platform, "Node pool for infrastructure pods and a self-hosted cache."),
    text!(db_pool, "DB pool", Platform, "Node pool for a self-hosted database."),
    text!(media_pool, "Media pool", Platform, "Node pool for media workers."),
    text!(workspace_pool, "Workspace pool", Platform, "Node pool for workspaces."),
    num!(int max_pods_per_node, "Max pods/node", Platform, 1.0, 1000.0, Log, Count,
        "Kubelet max pods per node (upstream default 110; EKS types may allow fewer)."),
    num!(int daemonset_pods, "DaemonSet pods", Platform, 0.0, 100.0, Linear, Count,
        "Pods every node runs for the platform (logging, CNI, monitoring)."),
    num!(int min_nodes, "Min nodes", Platform, 0.0, 1000.0, Linear, Count,
        "Fewest nodes in a pool that runs anything (Diffgram: 2, to allow updates)."),
    num!(node_headroom, "Node headroom", Platform, 0.0, 0.9, Linear, Fraction,
        "Share of every node's allocatable kept free."),
    num!(node_disk_gib, "Disk/node", Platform, 0.0, 100_000.0, Log, Gib,
        "Block storage attached to each node, in GiB (Falcon: 100 GB SSD)."),
    num!(autoscale_lag_min, "Autoscale lag", Platform, 0.0, 60.0, Linear, Minutes,
        "Minutes before new nodes serve traffic (article: 3–5)."),
    num!(spike_per_min, "Spike/min", Platform, 0.0, 1.0, Linear, Fraction,
        "How fast traffic can keep rising per minute while nodes boot."),
    num!(infra_cpu, "Infra CPU", Platform, 0.0, 1000.0, Linear, Vcpu,
        "CPU of infrastructure pods: ingress, monitoring (Falcon: 1.5 cores)."),
    num!(infra_memory_gib, "Infra memory", Platform, 0.0, 10_000.0, Linear, Gib,
        "Memory of infrastructure pods in GiB (Falcon: 2 GB)."),
    flag!(managed_cluster, "Managed k8s", Platform,
        "Pools run on EKS/GKE/AKS and pay its control-plane fee per cluster (false: plain VMs, as Falcon's servers)."),
    choice!(aks_tier, "AKS tier", Platform, AksTier { Free => "free", Standard => "standard" },
        "AKS cluster tier: free (no fee, no SLA) or standard ($0.10 per cluster-hour)."),
    num!(int max_nodes_per_cluster, "Nodes/cluster", Platform, 1.0, 100_000.0, Log, Count,
        "Most nodes one cluster holds (upstream Kubernetes: 5 000); more nodes are split into several clusters."),
    flag!(autoscaling, "Autoscaling", Pricing,
        "Pools follow the load: the peak's nodes for peak_hours_per_day, the average load's nodes (≥ min_nodes) the rest; off bills the peak all month."),
    num!(peak_hours_per_day, "Peak hours/day", Pricing, 1.0, 24.0, Linear, Count,
        "Hours a day the pools run their peak node count when autoscaling."),
    choice!(commitment, "Commitment", Pricing, Commitment { OnDemand => "on_demand", OneYear => "1y", ThreeYear => "3y" },
        "Buy node-hours on demand, or commit for 1 or 3 years, no upfront (AWS Compute Savings Plans, GCP committed use, Azure reserved VMs; reserved database and cache)."),
    Param {
        key: "commit_share",
        label: "Commit share",
        group: Group::Pricing,
        kind: Kind::Number {
            min: 0.0,
            max: 1.0,
            integer: false,
            scale: Scale::Linear,
            unit: Unit::Fraction,
            get: |s| s.commit_share.unwrap_or(0.0),
            set: |s, v| s.commit_share = Some(v),
        },
        help: "Share of today's node-hours to commit; floor (the default) commits the node-hours that run all day.",
    },
    num!(spot_share, "Spot share", Pricing, 0.0, 1.0, Linear, Fraction,
        "Share of the app and media pools' uncommitted node-hours bought as spot (reclaimed at short notice)."),
    num!(discount, "Discount", Pricing, 0.0, 0.9, Linear, Fraction,
        "A negotiated discount on the whole bill (EDP, private offer), applied last."),
];

/// The prefix of the per-pool node type keys: `node_type.general=m5.2xlarge`.
pub const NODE_TYPE_PREFIX: &str = "node_type.";

pub fn find(key: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.key == key)
}

/// `min … max` in the plain form people type.
pub fn range_text(min: f64, max: f64) -> String {
    format!("{} … {}", plain_number(min), plain_number(max))
}

/// A number as a person would type it back: no exponent, no trailing zeros.
pub fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::format::thousands(v as i64)
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        // A value too small or too large for six decimals keeps its exponent: `1e-320` is not `0`.
        if s == "0" || s == "-0" || v.abs() >= 1e15 {
            format!("{v:e}")
        } else {
            s.to_string()
        }
    }
}

mod check;
pub mod quantity;

pub use check::{
    ParamError, apply_assignment, clamp_in_place, clamped, range_errors, set_key,
    text_with_control, validate,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_inside_its_range() {
        assert!(
            range_errors(&Scenario::default()).is_empty(),
            "{:?}",
            range_errors(&Scenario::default())
        );
    }

    #[test]
    fn keys_are_unique() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert!(
                PARAMS[i + 1..].iter().all(|q| q.key != p.key),
                "duplicate key {}",
                p.key
            );
        }
    }

    #[test]
    fn set_key_names_the_key_in_every_error() {
        let mut s = Scenario::default();
        for (k, v) in [
            ("userz", "5"),
            ("users", "lots"),
            ("users", "0"),
            ("horizon_months", "1.5"),
            ("provider", "ibm"),
        ] {
            let e = set_key(&mut s, k, v).unwrap_err().to_string();
            assert!(e.contains(k), "{e}");
        }
        assert_eq!(
            set_key(&mut s, "userz", "5").unwrap_err(),
            ParamError::UnknownKey {
                key: "userz".into(),
                suggestion: Some("users")
            }
        );
    }

    #[test]
    fn set_key_accepts_separators_and_choices() {
        let mut s = Scenario::default();
        set_key(&mut s, "users", "1_000_000").unwrap();
        set_key(&mut s, "provider", "GCP").unwrap();
        set_key(&mut s, "node_type.general", "n2-standard-8").unwrap();
        assert_eq!(s.users, 1e6);
        assert_eq!(s.provider, Provider::Gcp);
        assert_eq!(s.node_types["general"], "n2-standard-8");
    }

    #[test]
    fn tiny_and_huge_values_are_shown_as_they_are() {
        assert_eq!(plain_number(1e-320), "1e-320");
        assert_eq!(plain_number(0.25), "0.25");
        assert_eq!(plain_number(1e300), "1e300");
        assert_eq!(plain_number(2e9), "2,000,000,000");
    }

    #[test]
    fn clamping_pulls_nan_and_extremes_into_range() {
        let mut s = Scenario {
            users: f64::NAN,
            cache_hit: 5.0,
            horizon_months: 7.4,
            ..Scenario::default()
        };
        clamp_in_place(&mut s);
        assert_eq!((s.users, s.cache_hit, s.horizon_months), (1.0, 0.99, 7.0));
    }
}
