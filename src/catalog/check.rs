//! A catalog is planned with only when every price and shape is finite and plausible: a teammate's
//! `--catalog` file with `inf`, 1e308 or a zero-sized node must be refused, naming the entry.

use super::{Catalog, Instance, NodeType, Provider};

/// A catalog that cannot be used, worded for the person who supplied it: the file, and the entry or the
/// line and column at fault.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CatalogError(pub String);

/// No cloud lists a machine at $1 000 an hour; a price above it is a typo or a hostile file.
const MAX_USD_PER_HOUR: f64 = 1000.0;
/// Shapes beyond these are not machines (the largest cloud VMs have ~900 vCPU and ~32 TiB).
const MAX_VCPU: f64 = 10_000.0;
const MAX_MEMORY_GIB: f64 = 1_000_000.0;
/// Per-GB and per-unit rates are cents, not dollars.
const MAX_RATE: f64 = 100.0;

fn price_ok(usd: f64) -> bool {
    usd.is_finite() && (0.0..MAX_USD_PER_HOUR).contains(&usd)
}

fn shape_ok(vcpu: f64, memory_gib: f64) -> bool {
    vcpu.is_finite()
        && memory_gib.is_finite()
        && vcpu > 0.0
        && vcpu <= MAX_VCPU
        && memory_gib > 0.0
        && memory_gib <= MAX_MEMORY_GIB
}

fn rate_ok(r: f64) -> bool {
    r.is_finite() && (0.0..MAX_RATE).contains(&r)
}

/// `Err` naming the entry and what it needs, when `ok` is false.
fn need(ok: bool, entry: &str, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("{entry} needs {what}"))
    }
}

fn check_node(n: &NodeType) -> Result<(), String> {
    let entry = format!("node type {}", n.name);
    need(
        shape_ok(n.vcpu, n.memory_gib),
        &entry,
        &format!("finite vCPU (0 < vCPU ≤ {MAX_VCPU}) and memory (0 < GiB ≤ {MAX_MEMORY_GIB})"),
    )?;
    need(
        price_ok(n.usd_per_hour),
        &entry,
        &format!("a price from $0 to ${MAX_USD_PER_HOUR}/hour"),
    )?;
    need(
        (0.0..1.0).contains(&n.sustained_use_discount),
        &entry,
        "a sustained-use discount from 0 to below 1",
    )?;
    need(n.max_pods != Some(0), &entry, "max_pods of at least 1")
}

fn check_instance(i: &Instance, what: &str) -> Result<(), String> {
    let entry = format!("{what} instance {}", i.name);
    // A cache may leave vCPU unstated (0); memory is what it is bought for.
    let vcpu_ok = i.vcpu.is_finite() && (0.0..=MAX_VCPU).contains(&i.vcpu);
    need(
        vcpu_ok && shape_ok(1.0, i.memory_gib),
        &entry,
        "finite vCPU and memory above 0",
    )?;
    need(
        price_ok(i.usd_per_hour),
        &entry,
        &format!("a price from $0 to ${MAX_USD_PER_HOUR}/hour"),
    )
}

impl Catalog {
    pub(super) fn check(&self) -> Result<(), String> {
        for p in Provider::ALL {
            let prices = self.providers.iter().find(|x| x.provider == p);
            let Some(prices) = prices else {
                return Err(format!("no prices for {}", p.key()));
            };
            if prices.nodes.is_empty() {
                return Err(format!("{} lists no node types", p.key()));
            }
            if prices.node(&prices.default_node_type).is_none() {
                return Err(format!(
                    "{} default node type {} is not listed",
                    p.key(),
                    prices.default_node_type
                ));
            }
            for n in &prices.nodes {
                check_node(n)?;
            }
            for i in &prices.databases {
                check_instance(i, "database")?;
            }
            for i in &prices.caches {
                check_instance(i, "cache")?;
            }
            if prices.databases.is_empty() || prices.caches.is_empty() {
                return Err(format!(
                    "{} needs at least one database and one cache instance",
                    p.key()
                ));
            }
            let rates = [
                (
                    "db_storage_usd_per_gb_month",
                    prices.db_storage_usd_per_gb_month,
                ),
                (
                    "block_storage_usd_per_gb_month",
                    prices.block_storage_usd_per_gb_month,
                ),
                (
                    "object_storage_usd_per_gb_month",
                    prices.object_storage_usd_per_gb_month,
                ),
                ("load_balancer.usd_per_gb", prices.load_balancer.usd_per_gb),
            ];
            for (name, r) in rates {
                if !rate_ok(r) {
                    return Err(format!("{} {name} must be from 0 to {MAX_RATE}", p.key()));
                }
            }
            let hourly = [
                (
                    "load_balancer.usd_per_hour",
                    prices.load_balancer.usd_per_hour,
                ),
                (
                    "control_plane.usd_per_hour",
                    prices.control_plane.usd_per_hour,
                ),
            ];
            for (name, r) in hourly {
                if !price_ok(r) {
                    return Err(format!(
                        "{} {name} must be from $0 to ${MAX_USD_PER_HOUR}/hour",
                        p.key()
                    ));
                }
            }
            if !(prices.db_min_storage_gb.is_finite()
                && (0.0..1e7).contains(&prices.db_min_storage_gb))
            {
                return Err(format!(
                    "{} db_min_storage_gb must be from 0 to 10 000 000",
                    p.key()
                ));
            }
            for (name, f) in [
                ("db_ha_factor", prices.db_ha_factor),
                ("cache_ha_factor", prices.cache_ha_factor),
            ] {
                if !(f.is_finite() && (1.0..=10.0).contains(&f)) {
                    return Err(format!("{} {name} must be from 1 to 10", p.key()));
                }
            }
            if prices.egress.iter().any(|t| {
                !rate_ok(t.usd_per_gb) || t.size_gb.is_some_and(|s| !(s.is_finite() && s > 0.0))
            }) {
                return Err(format!(
                    "{} egress tiers need rates from 0 to {MAX_RATE} per GB and positive sizes",
                    p.key()
                ));
            }
            if let Some(m) = &prices.database_custom {
                let ok = rate_ok(m.usd_per_vcpu_hour)
                    && rate_ok(m.usd_per_gib_hour)
                    && m.max_vcpu.is_finite()
                    && (1.0..=MAX_VCPU).contains(&m.max_vcpu)
                    && m.min_gib_per_vcpu.is_finite()
                    && m.max_gib_per_vcpu.is_finite()
                    && 0.0 < m.min_gib_per_vcpu
                    && m.min_gib_per_vcpu <= m.max_gib_per_vcpu
                    && m.max_gib_per_vcpu <= 1000.0;
                if !ok {
                    return Err(format!(
                        "{} database_custom needs finite rates and 0 < min_gib_per_vcpu ≤ max_gib_per_vcpu",
                        p.key()
                    ));
                }
            }
            if let Some(c) = &prices.cache_per_gb {
                let tiers_ok = !c.tiers.is_empty()
                    && c.tiers.iter().all(|t| {
                        rate_ok(t.usd_per_gb_hour)
                            && rate_ok(t.ha_usd_per_gb_hour)
                            && t.up_to_gb.is_none_or(|g| g.is_finite() && g > 0.0)
                    });
                if !(tiers_ok && c.max_gb.is_finite() && (1.0..=MAX_MEMORY_GIB).contains(&c.max_gb))
                {
                    return Err(format!(
                        "{} cache_per_gb needs tiers with finite rates and a max_gb from 1 to {MAX_MEMORY_GIB}",
                        p.key()
                    ));
                }
            }
        }
        Ok(())
    }
}
