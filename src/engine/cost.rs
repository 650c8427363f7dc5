//! Monthly cost (730 h): nodes, managed database and cache, block and object storage, egress from
//! average traffic (not peak), and the load balancer.

use crate::catalog::ProviderPrices;

use super::Sizing;
use super::plan::Components;
use super::scenario::Scenario;

pub fn components(s: &Scenario, prices: &ProviderPrices, z: &Sizing) -> Components {
    let node_count = super::round::total(z.pools.iter().map(|p| p.nodes));
    let db = &z.database;
    let database = db.instance_monthly_usd * db.instances as f64;
    // A highly available database keeps a second copy of its storage as well (RDS Multi-AZ, Cloud SQL regional).
    let db_ha = if db.ha { prices.db_ha_factor } else { 1.0 };
    let db_storage = if db.vcpu == 0 {
        0.0
    } else if db.instance.is_some() {
        db.storage_gib
            .max(prices.db_min_storage_gb * db.instances as f64)
            * prices.db_storage_usd_per_gb_month
            * db_ha
    } else {
        db.storage_gib * prices.block_storage_usd_per_gb_month
    };
    let cache = z.cache.instance_monthly_usd * z.cache.instances as f64;
    let egress_gb = z.traffic.egress_gb_month;
    // Media downloads leave from object storage, not through the load balancer.
    let balanced_gb = z.traffic.response_egress_gb_month;
    Components {
        nodes: z.pools.iter().map(|p| p.monthly_usd).sum(),
        database,
        cache,
        storage: node_count as f64 * s.node_disk_gib * prices.block_storage_usd_per_gb_month
            + db_storage,
        object_storage: z.media.object_storage_gb * prices.object_storage_usd_per_gb_month,
        egress: prices.egress_usd(egress_gb),
        load_balancer: prices.load_balancer.usd_per_hour * crate::catalog::HOURS_PER_MONTH
            + balanced_gb * prices.load_balancer.usd_per_gb,
        control_plane: control_plane_usd_per_hour(s, prices)
            * crate::catalog::HOURS_PER_MONTH
            * z.clusters as f64,
    }
}

/// The managed cluster's hourly fee: none on AKS's Free tier.
pub fn control_plane_usd_per_hour(s: &Scenario, prices: &ProviderPrices) -> f64 {
    let free = prices.control_plane.free_tier && s.aks_tier == super::scenario::AksTier::Free;
    if free {
        0.0
    } else {
        prices.control_plane.usd_per_hour
    }
}
