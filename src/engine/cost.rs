//! Monthly cost (730 h): nodes, managed database and cache, block and object storage, egress from
//! average traffic (not peak), the load balancer and the managed cluster's control plane.

use crate::catalog::{HOURS_PER_MONTH, ProviderPrices};

use super::explain::{Explanation, Expr, Recorder, k, max, sum, t};
use super::plan::Components;
use super::scenario::Scenario;
use super::{Resolved, Sizing};

pub fn components(s: &Scenario, r: &Resolved, z: &Sizing, rec: &mut Recorder) -> Components {
    let prices = r.prices;
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
    let c = Components {
        nodes: z.pools.iter().fold(0.0, |usd, p| usd + p.monthly_usd),
        database,
        cache,
        storage: node_count as f64 * s.node_disk_gib * prices.block_storage_usd_per_gb_month
            + db_storage,
        object_storage: z.media.object_storage_gb * prices.object_storage_usd_per_gb_month,
        egress: prices.egress_usd(egress_gb),
        load_balancer: prices.load_balancer.usd_per_hour * HOURS_PER_MONTH
            + balanced_gb * prices.load_balancer.usd_per_gb,
        control_plane: control_plane_usd_per_hour(s, prices) * HOURS_PER_MONTH * z.clusters as f64,
        discount: 0.0,
    };
    if rec.is_on() {
        record(s, r, z, &c, node_count, db_ha, rec);
    }
    c
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

fn record(
    s: &Scenario,
    r: &Resolved,
    z: &Sizing,
    c: &Components,
    node_count: u64,
    db_ha: f64,
    rec: &mut Recorder,
) {
    let prices = r.prices;
    let hours = || k(HOURS_PER_MONTH, "h");
    rec.add(|| {
        let pools = r
            .pools
            .iter()
            .zip(&z.pools)
            .filter(|(_, size)| size.pods > 0)
            .map(|(pool, size)| t(format!("pool {}", pool.name), size.monthly_usd, "$"));
        Explanation::computed(
            "cost.components.nodes",
            "Nodes cost",
            "$",
            c.nodes,
            &sum(pools),
        )
        .note("Each pool's nodes × its node type's hourly price × 730 h (see the pools).")
    });
    let d = &z.database;
    rec.add(|| match &d.instance {
        Some(name) => {
            let e = t("instances", d.instances as f64, "")
                * t("price each", d.instance_monthly_usd, "$/month");
            let ha = if d.ha {
                " High availability (a standby) is in the price."
            } else {
                ""
            };
            Explanation::computed(
                "cost.components.database",
                "Database cost",
                "$",
                c.database,
                &e,
            )
            .note(format!(
                "{name}: {} vCPU and {} GiB each, from the catalog at 730 h a month.{ha}",
                super::explain::number(d.instance_vcpu),
                super::explain::number(d.instance_memory_gib),
            ))
        }
        None => Explanation::described(
            "cost.components.database",
            "Database cost",
            "$",
            Some(c.database),
            Vec::new(),
            if d.vcpu > 0 {
                "The database runs as pods on the nodes (managed = false): its cost is in nodes."
            } else {
                "No database in this plan."
            },
        ),
    });
    let cache = &z.cache;
    rec.add(|| match &cache.instance {
        Some(name) => {
            let e = t("instances", cache.instances as f64, "")
                * t("price each", cache.instance_monthly_usd, "$/month");
            Explanation::computed("cost.components.cache", "Cache cost", "$", c.cache, &e).note(
                format!(
                    "{name}: {} GiB each.",
                    super::explain::number(cache.instance_memory_gib)
                ),
            )
        }
        None => Explanation::described(
            "cost.components.cache",
            "Cache cost",
            "$",
            Some(c.cache),
            Vec::new(),
            "No managed cache: self-hosted on the nodes (its cost is in nodes), or none.",
        ),
    });
    rec.add(|| {
        let block = || {
            t(
                "block storage",
                prices.block_storage_usd_per_gb_month,
                "$/GB-month",
            )
        };
        let disks =
            t("nodes", node_count as f64, "") * t("node_disk_gib", s.node_disk_gib, "GB") * block();
        let e = if d.vcpu == 0 {
            disks
        } else if d.instance.is_some() {
            let mut db = max([
                t("database storage", d.storage_gib, "GiB"),
                t("minimum", prices.db_min_storage_gb, "GB")
                    * t("instances", d.instances as f64, ""),
            ]) * t(
                "database storage rate",
                prices.db_storage_usd_per_gb_month,
                "$/GB-month",
            );
            if db_ha != 1.0 {
                db = db * t("HA copies", db_ha, "");
            }
            disks + db
        } else {
            disks + t("database storage", d.storage_gib, "GiB") * block()
        };
        Explanation::computed(
            "cost.components.storage",
            "Block storage cost",
            "$",
            c.storage,
            &e,
        )
        .note(
            "Node disks, plus the database's volume (at least the service's minimum per instance).",
        )
    });
    rec.add(|| {
        let e = t("stored", z.media.object_storage_gb, "GB")
            * t(
                "object storage",
                prices.object_storage_usd_per_gb_month,
                "$/GB-month",
            );
        Explanation::computed(
            "cost.components.object_storage",
            "Object storage cost",
            "$",
            c.object_storage,
            &e,
        )
    });
    rec.add(|| {
        let e = t("responses", z.traffic.response_egress_gb_month, "GB")
            + t("media downloads", z.media.egress_gb_month, "GB");
        Explanation::computed("traffic.egress_gb_month", "Egress per month", "GB", z.traffic.egress_gb_month, &e)
            .note("Responses at the average rate × response_kb × network_overhead, plus uploads × media_views_per_upload × media_mb. Decimal GB.")
    });
    rec.add(|| {
        let tiers: Vec<Expr> = prices
            .egress_tiers(z.traffic.egress_gb_month)
            .map(|(gb, rate)| t("GB", gb, "GB") * t("rate", rate, "$/GB"))
            .collect();
        Explanation::computed(
            "cost.components.egress",
            "Egress cost",
            "$",
            c.egress,
            &sum(tiers),
        )
        .note("Through the provider's tiers, from average traffic, not peak.")
    });
    rec.add(|| {
        let e = t("load balancer", prices.load_balancer.usd_per_hour, "$/h") * hours()
            + t("processed", z.traffic.response_egress_gb_month, "GB")
                * t("per GB", prices.load_balancer.usd_per_gb, "$/GB");
        Explanation::computed(
            "cost.components.load_balancer",
            "Load balancer cost",
            "$",
            c.load_balancer,
            &e,
        )
        .note(format!(
            "{}: hourly charge plus the responses it carries.",
            prices.load_balancer.name
        ))
    });
    rec.add(|| {
        let e = t("clusters", z.clusters as f64, "")
            * t("control plane", control_plane_usd_per_hour(s, prices), "$/h")
            * hours();
        Explanation::computed("cost.components.control_plane", "Control plane cost", "$", c.control_plane, &e).note(
            "A managed cluster's hourly fee × clusters (⌈nodes ÷ max_nodes_per_cluster⌉); 0 without a managed cluster or on AKS's Free tier.",
        )
    });
}
