//! Prices and machine shapes: `assets/catalog.ron`, compiled in, replaceable with `--catalog FILE`.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

mod check;
mod choose;
mod provider;
mod reservation;

pub use choose::Choice;
pub use provider::Provider;
pub use reservation::{EKS_VM_OVERHEAD, allocatable, gke_memory_reserved, tiered_cpu_reserved};

/// How a provider reserves node resources for the kubelet and system daemons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reservation {
    /// GKE's published tiers (kubernetes/autoscaler `gce/reserved.go`).
    Gke,
    /// EKS AMI: memory 11 MiB × max pods + 255 MiB, CPU as GKE.
    Eks,
    /// AKS: CPU by core count, memory min(20 MB × max pods + 50 MB, 25 %).
    Aks,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeType {
    pub name: Arc<str>,
    pub vcpu: f64,
    pub memory_gib: f64,
    pub usd_per_hour: f64,
    /// The provider's own pod limit for this type (EKS without prefix delegation), if lower than the kubelet's.
    #[serde(default)]
    pub max_pods: Option<u32>,
    /// Automatic sustained-use discount for a full month (GCP N1/N2/C2/C2D: 20 %).
    #[serde(default)]
    pub sustained_use_discount: f64,
}

impl NodeType {
    pub fn monthly_usd(&self) -> f64 {
        self.usd_per_hour * HOURS_PER_MONTH * (1.0 - self.sustained_use_discount)
    }
}

/// A managed database or cache instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub name: Arc<str>,
    #[serde(default)]
    pub vcpu: f64,
    pub memory_gib: f64,
    pub usd_per_hour: f64,
}

impl Instance {
    pub fn monthly_usd(&self) -> f64 {
        self.usd_per_hour * HOURS_PER_MONTH
    }
}

/// One step of a tiered per-GB price; `size_gb: None` is the rest.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub size_gb: Option<f64>,
    pub usd_per_gb: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderPrices {
    pub provider: Provider,
    pub region: String,
    pub reservation: Reservation,
    pub default_node_type: String,
    pub nodes: Vec<NodeType>,
    pub database_service: String,
    pub databases: Vec<Instance>,
    pub db_storage_usd_per_gb_month: f64,
    pub db_min_storage_gb: f64,
    pub cache_service: String,
    pub caches: Vec<Instance>,
    pub block_storage_usd_per_gb_month: f64,
    pub object_storage_usd_per_gb_month: f64,
    pub egress: Vec<Tier>,
    pub load_balancer: LoadBalancerPrice,
    /// Databases priced by the unit (Cloud SQL custom machines) instead of from the list.
    #[serde(default)]
    pub database_custom: Option<CustomMachine>,
    /// Caches priced per GB-hour by capacity tier (Memorystore) instead of from the list.
    #[serde(default)]
    pub cache_per_gb: Option<CachePerGb>,
    /// Price multiplier of a highly available database (RDS Multi-AZ, Cloud SQL regional: 2×).
    #[serde(default = "twice")]
    pub db_ha_factor: f64,
    /// Price multiplier of a highly available listed cache (one replica per shard: 2×).
    #[serde(default = "twice")]
    pub cache_ha_factor: f64,
    #[serde(default)]
    pub control_plane: ControlPlanePrice,
    /// Committed-use and spot rates; none means on demand only.
    #[serde(default)]
    pub commitments: Commitments,
}

/// What a provider takes off for committing to node-hours, reserved databases and caches, and spot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitments {
    /// The programme committed node-hours are bought under, e.g. "AWS Compute Savings Plans, no upfront".
    pub program: String,
    /// Node discounts by node type name prefix; the first matching prefix applies (`""` matches all).
    pub compute: Vec<Discount>,
    pub database: Discount,
    pub cache: Discount,
    /// Spot discounts by node type name prefix.
    pub spot: Vec<SpotDiscount>,
    /// How much warning a spot node gets before it is reclaimed.
    pub spot_notice: String,
}

/// A committed-use discount (a fraction off on demand) for one and three years, with its source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discount {
    #[serde(default)]
    pub prefix: String,
    pub one_year: f64,
    pub three_year: f64,
    pub source: String,
    /// False where the rate is a typical figure, not a published price (`[unverified]`).
    pub verified: bool,
}

impl Discount {
    pub fn for_term(&self, commitment: crate::engine::scenario::Commitment) -> f64 {
        use crate::engine::scenario::Commitment;
        match commitment {
            Commitment::OnDemand => 0.0,
            Commitment::OneYear => self.one_year,
            Commitment::ThreeYear => self.three_year,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotDiscount {
    pub prefix: String,
    pub discount: f64,
    pub source: String,
    pub verified: bool,
}

impl Commitments {
    /// The committed-use discount for a node type: the first entry whose prefix it starts with.
    pub fn compute_for(&self, node: &str) -> Option<&Discount> {
        self.compute.iter().find(|d| node.starts_with(&d.prefix))
    }

    pub fn spot_for(&self, node: &str) -> Option<&SpotDiscount> {
        self.spot.iter().find(|d| node.starts_with(&d.prefix))
    }
}

fn twice() -> f64 {
    2.0
}

/// A managed cluster's hourly fee; `free_tier` when the provider also offers a cluster without one (AKS Free).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlPlanePrice {
    pub usd_per_hour: f64,
    #[serde(default)]
    pub free_tier: bool,
}

/// A custom machine priced per vCPU-hour and per GiB-hour, within the provider's shape rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomMachine {
    pub usd_per_vcpu_hour: f64,
    pub usd_per_gib_hour: f64,
    /// Largest vCPU count of one machine (vCPU is 1 or even up to this).
    pub max_vcpu: f64,
    pub min_gib_per_vcpu: f64,
    pub max_gib_per_vcpu: f64,
}

/// Per-GB-hour cache pricing by capacity tier, with the highly available tier's rates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CachePerGb {
    /// Largest capacity of one instance, in GB.
    pub max_gb: f64,
    pub tiers: Vec<CacheTier>,
}

/// Instances up to `up_to_gb` (the last tier has none) cost this per GB-hour.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheTier {
    pub up_to_gb: Option<f64>,
    pub usd_per_gb_hour: f64,
    pub ha_usd_per_gb_hour: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancerPrice {
    pub name: String,
    pub usd_per_hour: f64,
    pub usd_per_gb: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// When the prices were collected (the newest source's date), shown on every exported plan.
    #[serde(default)]
    pub prices_as_of: String,
    pub providers: Vec<ProviderPrices>,
}

pub const HOURS_PER_MONTH: f64 = 730.0;

/// A catalog file larger than this is not a catalog (the built-in one is about 15 KiB).
const MAX_CATALOG_BYTES: u64 = 4 * 1024 * 1024;

const BUILTIN: &str = include_str!("../assets/catalog.ron");

pub use check::CatalogError;

impl Catalog {
    /// The compiled-in catalog, parsed once.
    #[allow(
        clippy::panic,
        reason = "a unit test parses the built-in catalog: failing here is a build defect"
    )]
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse(BUILTIN, "assets/catalog.ron") {
            Ok(c) => c,
            // The built-in catalog is checked by a unit test, so this is a build defect.
            Err(e) => panic!("built-in catalog is invalid: {e}"),
        })
    }

    pub fn from_file(path: &Path) -> Result<Catalog, CatalogError> {
        let bytes = crate::fsio::read_capped(path, MAX_CATALOG_BYTES)
            .map_err(|e| CatalogError(format!("catalog: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            CatalogError(format!(
                "catalog {} is not a text (UTF-8) file",
                path.display()
            ))
        })?;
        Catalog::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
        let mut catalog: Catalog = ron::from_str(text).map_err(|e| {
            CatalogError(format!(
                "catalog {origin} line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            ))
        })?;
        catalog
            .check()
            .map_err(|m| CatalogError(format!("catalog {origin}: {m}")))?;
        // Cheapest first (a stable sort keeps the file's order among equal prices), so the cheapest
        // instance that fits is the first that fits: every month of every plan looks one up.
        for p in &mut catalog.providers {
            p.databases
                .sort_by(|a, b| a.usd_per_hour.total_cmp(&b.usd_per_hour));
            p.caches
                .sort_by(|a, b| a.usd_per_hour.total_cmp(&b.usd_per_hour));
        }
        Ok(catalog)
    }

    pub fn prices(&self, provider: Provider) -> &ProviderPrices {
        // `check` guarantees every provider is present; the fallback keeps this total.
        self.providers
            .iter()
            .find(|p| p.provider == provider)
            .unwrap_or(&self.providers[0])
    }

    /// Which provider lists a node type, and the type.
    pub fn find_node(&self, name: &str) -> Option<(Provider, &NodeType)> {
        self.providers
            .iter()
            .find_map(|p| p.node(name).map(|n| (p.provider, n)))
    }

    pub fn find_database(&self, name: &str) -> Option<(Provider, &Instance)> {
        self.providers.iter().find_map(|p| {
            p.databases
                .iter()
                .find(|i| &*i.name == name)
                .map(|i| (p.provider, i))
        })
    }

    pub fn find_cache(&self, name: &str) -> Option<(Provider, &Instance)> {
        self.providers.iter().find_map(|p| {
            p.caches
                .iter()
                .find(|i| &*i.name == name)
                .map(|i| (p.provider, i))
        })
    }
}

impl ProviderPrices {
    pub fn node(&self, name: &str) -> Option<&NodeType> {
        self.nodes.iter().find(|n| &*n.name == name)
    }

    /// The cheapest node type with at least this much vCPU and memory, else the largest.
    pub fn cheapest_node_at_least(&self, vcpu: f64, memory_gib: f64) -> &NodeType {
        cheapest_fitting(
            &self.nodes,
            |n| n.vcpu >= vcpu - 1e-9 && n.memory_gib >= memory_gib - 1e-9,
            NodeType::monthly_usd,
        )
        .unwrap_or_else(|| largest(&self.nodes, |n| (n.vcpu, n.memory_gib)))
    }

    /// Monthly egress cost of this many GB, through the tiers.
    pub fn egress_usd(&self, gb: f64) -> f64 {
        // A fold from +0: an empty `sum()` of floats is -0, which would print as "-0".
        self.egress_tiers(gb)
            .fold(0.0, |usd, (take, rate)| usd + take * rate)
    }

    /// (GB in the tier, $ per GB) for each tier this many GB reach.
    pub fn egress_tiers(&self, gb: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
        let mut left = gb.max(0.0);
        self.egress.iter().map_while(move |tier| {
            if left <= 0.0 {
                return None;
            }
            let take = tier.size_gb.map_or(left, |s| left.min(s));
            left -= take;
            Some((take, tier.usd_per_gb))
        })
    }
}

/// The cheapest item passing `fits`, by `price`.
pub fn cheapest_fitting<T>(
    items: &[T],
    fits: impl Fn(&T) -> bool,
    price: impl Fn(&T) -> f64,
) -> Option<&T> {
    items
        .iter()
        .filter(|i| fits(i))
        .min_by(|a, b| price(a).total_cmp(&price(b)))
}

/// The largest item by a (primary, secondary) size; `items` is never empty in a checked catalog.
pub fn largest<T>(items: &[T], size: impl Fn(&T) -> (f64, f64)) -> &T {
    let mut best = &items[0];
    for i in items {
        let (a, b) = size(i);
        let (x, y) = size(best);
        if a > x || (a == x && b > y) {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_parses_and_names_the_source_types() {
        let c = Catalog::builtin();
        for name in [
            "Standard_D16as_v4",
            "c2d-standard-16",
            "t2d-standard-8",
            "m5.2xlarge",
            "Standard_D8s_v3",
            "t3.medium",
            "c5.xlarge",
            "c5.2xlarge",
            "n2-standard-4",
        ] {
            assert!(c.find_node(name).is_some(), "{name} missing");
        }
        assert!(c.find_database("db-custom-16-61440").is_some());
        assert!(c.find_database("db.t3.medium").is_some());
        assert!(c.find_cache("cache.t3.small").is_some());
        assert!(c.find_cache("memorystore-basic-5gb").is_some());
    }

    #[test]
    fn egress_walks_the_tiers() {
        let aws = Catalog::builtin().prices(Provider::Aws);
        // 10 TB at $0.09, then 1 TB at $0.085 (AWS internet egress tiers).
        let usd = aws.egress_usd(11_264.0);
        assert!(
            (usd - (10_240.0 * 0.09 + 1024.0 * 0.085)).abs() < 1e-6,
            "{usd}"
        );
        assert_eq!(aws.egress_usd(0.0), 0.0);
    }

    #[test]
    fn a_broken_catalog_names_line_and_column() {
        let e = Catalog::parse("(providers: [\n  (provider: aws,\n  oops", "x.ron").unwrap_err();
        assert!(e.0.contains("x.ron line"), "{}", e.0);
    }
}
