//! Choosing managed database and cache instances: the cheapest listed type that fits, several of the
//! type that needs the fewest when none fits alone, or a machine priced by the unit where the provider
//! sells it that way (Cloud SQL custom machines, Memorystore per GB).

use std::sync::Arc;

use super::{CachePerGb, CustomMachine, HOURS_PER_MONTH, Instance, ProviderPrices};

/// `count` instances of one type, each with this shape and monthly price (high availability included).
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub name: Arc<str>,
    pub count: u64,
    pub vcpu: f64,
    pub memory_gib: f64,
    pub monthly_usd: f64,
    /// The first listed type that holds the need alone: see [`Choice::serves`].
    pub first_fit: bool,
    /// The type the scenario pinned by name.
    pub pinned: bool,
}

impl Choice {
    /// This choice again for the need `now`, where it was chosen for `was`, when no search could choose
    /// otherwise: the same need, or a larger one that a first fit still holds alone. Every cheaper type
    /// listed before it was too small for `was`, so it is too small for `now`. `None` when the list must
    /// be searched again. Growth months and band samples buy the same database month after month.
    /// A pinned type serves any need of the same pin, as many of it as the need takes.
    pub fn serves(&self, pinned: Option<&str>, was: (f64, f64), now: (f64, f64)) -> Option<Choice> {
        let same_pin = match pinned {
            Some(name) => self.pinned && &*self.name == name,
            None => !self.pinned,
        };
        if !same_pin {
            return None;
        }
        if now == was {
            return Some(self.clone());
        }
        let holds = self.vcpu >= now.0 - 1e-9 && self.memory_gib >= now.1 - 1e-9;
        let still_first = self.first_fit && now.0 >= was.0 && now.1 >= was.1 && holds;
        (self.pinned || still_first).then(|| Choice {
            count: count_of(self.vcpu, self.memory_gib, now.0, now.1),
            ..self.clone()
        })
    }
}

/// Whole units needed, forgiving float noise so 5.000000001 is 5.
fn whole(x: f64) -> u64 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    crate::engine::round::ceil_whole(x - 1e-9)
}

impl ProviderPrices {
    /// The database for this many vCPU and GiB: a pinned listed type, a custom machine where the provider
    /// prices by the unit, else the cheapest listed type; several of them when none is big enough.
    pub fn choose_database(
        &self,
        vcpu: f64,
        memory_gib: f64,
        pinned: Option<&str>,
        ha: bool,
    ) -> Choice {
        let factor = if ha { self.db_ha_factor } else { 1.0 };
        if let Some(i) = pinned.and_then(|n| self.databases.iter().find(|i| &*i.name == n)) {
            return Choice {
                pinned: true,
                ..listed(i, vcpu, memory_gib, factor)
            };
        }
        if let Some(m) = &self.database_custom {
            return custom(m, vcpu, memory_gib, factor);
        }
        from_list(&self.databases, vcpu, memory_gib, factor)
    }

    /// The managed cache for this much memory, chosen as the database is.
    pub fn choose_cache(&self, memory_gib: f64, pinned: Option<&str>, ha: bool) -> Choice {
        let factor = if ha { self.cache_ha_factor } else { 1.0 };
        if let Some(i) = pinned.and_then(|n| self.caches.iter().find(|i| &*i.name == n)) {
            return Choice {
                pinned: true,
                ..listed(i, 0.0, memory_gib, factor)
            };
        }
        if let Some(c) = &self.cache_per_gb {
            return per_gb(c, memory_gib, ha);
        }
        from_list(&self.caches, 0.0, memory_gib, factor)
    }
}

/// How many instances of this shape carry the load, at least one.
fn count_of(each_vcpu: f64, each_gib: f64, vcpu: f64, memory_gib: f64) -> u64 {
    let by_cpu = if vcpu > 0.0 && each_vcpu > 0.0 {
        whole(vcpu / each_vcpu)
    } else {
        0
    };
    by_cpu.max(whole(memory_gib / each_gib)).max(1)
}

fn listed(i: &Instance, vcpu: f64, memory_gib: f64, factor: f64) -> Choice {
    Choice {
        name: Arc::clone(&i.name),
        count: count_of(i.vcpu, i.memory_gib, vcpu, memory_gib),
        vcpu: i.vcpu,
        memory_gib: i.memory_gib,
        monthly_usd: i.usd_per_hour * HOURS_PER_MONTH * factor,
        first_fit: false,
        pinned: false,
    }
}

/// The cheapest listed instance that fits; when none does, the lowest total over the largest types (by
/// vCPU for a database, memory for a cache), fewer instances on a tie. Sharding only over the largest
/// types keeps a database whole while one instance can hold it, and taking the lowest total among them
/// keeps the bill from falling as the load rises (fewest-count-first would switch between a memory-rich
/// and a cheaper type at count boundaries).
fn from_list(list: &[Instance], vcpu: f64, memory_gib: f64, factor: f64) -> Choice {
    // Usually one instance fits: the catalog lists them cheapest first, so the first that fits is the
    // cheapest (every month is sized this way).
    let fits = |i: &&Instance| i.vcpu >= vcpu - 1e-9 && i.memory_gib >= memory_gib - 1e-9;
    let single = list.iter().find(fits);
    if let Some(i) = single {
        return Choice {
            first_fit: true,
            ..listed(i, vcpu, memory_gib, factor)
        };
    }
    let size = |i: &Instance| if vcpu > 0.0 { i.vcpu } else { i.memory_gib };
    let largest = list.iter().map(size).fold(0.0, f64::max);
    let mut best: Option<(&Instance, f64, u64)> = None;
    for i in list.iter().filter(|i| size(i) >= largest) {
        let n = count_of(i.vcpu, i.memory_gib, vcpu, memory_gib);
        let total = n as f64 * i.usd_per_hour;
        if best.is_none_or(|(_, bt, bn)| (total, n) < (bt, bn)) {
            best = Some((i, total, n));
        }
    }
    // A checked catalog lists at least one instance; this fallback keeps it total.
    let pick = best.map_or(&list[0], |(i, _, _)| i);
    listed(pick, vcpu, memory_gib, factor)
}

/// A custom machine: vCPU 1 or even up to the maximum, memory within the per-vCPU bounds in 256 MiB
/// steps, split into equal machines when one is not enough.
fn custom(m: &CustomMachine, vcpu: f64, memory_gib: f64, factor: f64) -> Choice {
    let most_memory = m.max_vcpu * m.max_gib_per_vcpu;
    let count = whole(vcpu / m.max_vcpu)
        .max(whole(memory_gib / most_memory))
        .max(1);
    let n = count as f64;
    let even = |v: u64| if v > 1 && v % 2 == 1 { v + 1 } else { v.max(1) };
    let by_memory = whole(memory_gib / n / m.max_gib_per_vcpu);
    let cores = even(whole(vcpu / n).max(by_memory)).min(m.max_vcpu as u64) as f64;
    let memory = ((memory_gib / n).max(cores * m.min_gib_per_vcpu) * 4.0 - 1e-9)
        .ceil()
        .max(1.0)
        / 4.0;
    Choice {
        name: format!("db-custom-{cores}-{}", (memory * 1024.0).round()).into(),
        count,
        vcpu: cores,
        memory_gib: memory,
        monthly_usd: (cores * m.usd_per_vcpu_hour + memory * m.usd_per_gib_hour)
            * HOURS_PER_MONTH
            * factor,
        first_fit: false,
        pinned: false,
    }
}

/// Whole GB of capacity at the rate of the capacity tier one instance falls in. Larger tiers cost less per
/// GB, so where the smallest size of a higher tier costs less than the size needed, that size is bought
/// (as anyone reading the price list would): the price never falls as the cache grows.
fn per_gb(c: &CachePerGb, memory_gib: f64, ha: bool) -> Choice {
    let capacity = whole(memory_gib).max(1) as f64;
    let count = whole(capacity / c.max_gb).max(1);
    let need = (capacity / count as f64).ceil();
    let rate = |t: &super::CacheTier| {
        if ha {
            t.ha_usd_per_gb_hour
        } else {
            t.usd_per_gb_hour
        }
    };
    let mut best = (need, f64::INFINITY);
    let mut floor = 1.0;
    for t in &c.tiers {
        let top = t.up_to_gb.unwrap_or(c.max_gb).min(c.max_gb);
        if top >= need {
            let size = need.max(floor);
            let hourly = size * rate(t);
            if hourly < best.1 {
                best = (size, hourly);
            }
        }
        floor = top.floor() + 1.0;
    }
    let (each, hourly) = if best.1.is_finite() {
        best
    } else {
        (need, 0.0)
    };
    let kind = if ha { "standard" } else { "basic" };
    Choice {
        name: format!("memorystore-{kind}-{each}gb").into(),
        count,
        vcpu: 0.0,
        memory_gib: each,
        monthly_usd: hourly * HOURS_PER_MONTH,
        first_fit: false,
        pinned: false,
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::{Catalog, Provider};

    #[test]
    fn a_database_bigger_than_any_rds_instance_is_sharded_over_the_largest_types() {
        // 494 vCPU / 2 468 GiB over the 32 vCPU types: db.r5.8xlarge (256 GiB, $4.00/h) needs
        // max(⌈494 ÷ 32⌉, ⌈2 468 ÷ 256⌉) = 16 → $64.00/h; db.m5.8xlarge (128 GiB, $2.848/h) needs
        // max(16, ⌈2 468 ÷ 128⌉ = 20) = 20 → $56.96/h. The lower total wins: 20 × db.m5.8xlarge.
        let aws = Catalog::builtin().prices(Provider::Aws);
        let c = aws.choose_database(494.0, 2468.0, None, false);
        assert_eq!((&*c.name, c.count), ("db.m5.8xlarge", 20));
        // $2.848/h × 730 h = $2 079.04 each.
        assert!((c.monthly_usd - 2079.04).abs() < 1e-6, "{}", c.monthly_usd);
        // Memory-heavy: 100 vCPU with 3 000 GiB → r5: max(4, 12) = 12 × $4 = $48/h; m5: max(4, 24) = 24 ×
        // $2.848 = $68.35/h → 12 × db.r5.8xlarge.
        let c = aws.choose_database(100.0, 3000.0, None, false);
        assert_eq!((&*c.name, c.count), ("db.r5.8xlarge", 12));
        // Smaller than the largest types never shards: 40 vCPU / 150 GiB is not 5 × db.m5.2xlarge ($3.56/h)
        // but 2 of a 32 vCPU type: m5 max(2, 2) = 2 × $2.848 = $5.70/h.
        let c = aws.choose_database(40.0, 150.0, None, false);
        assert_eq!((&*c.name, c.count), ("db.m5.8xlarge", 2));
    }

    #[test]
    fn cloud_sql_is_a_custom_machine_at_unit_rates() {
        // 10 vCPU + 51 GiB at $0.0413/vCPU-h and $0.0070/GiB-h (pricing.md, Cloud SQL zonal):
        // (10 × 0.0413 + 51 × 0.0070) × 730 = (0.413 + 0.357) × 730 = $562.10.
        let gcp = Catalog::builtin().prices(Provider::Gcp);
        let c = gcp.choose_database(10.0, 51.0, None, false);
        assert_eq!((&*c.name, c.count), ("db-custom-10-52224", 1));
        assert!((c.monthly_usd - 562.1).abs() < 0.01, "{}", c.monthly_usd);
        // Regional (HA) doubles both rates.
        let ha = gcp.choose_database(10.0, 51.0, None, true);
        assert!(
            (ha.monthly_usd - 2.0 * 562.1).abs() < 0.02,
            "{}",
            ha.monthly_usd
        );
        // Odd vCPU rounds to even; memory is raised to the 0.9 GiB/vCPU floor: 7 vCPU, 2 GiB → 8 vCPU, 7.25 GiB.
        let small = gcp.choose_database(7.0, 2.0, None, false);
        assert_eq!((small.vcpu, small.memory_gib), (8.0, 7.25));
        // Memory above 6.5 GiB/vCPU buys vCPU: 2 vCPU with 40 GiB → ⌈40 ÷ 6.5⌉ = 7 → 8 vCPU.
        assert_eq!(gcp.choose_database(2.0, 40.0, None, false).vcpu, 8.0);
        // Past 96 vCPU it splits into equal machines: 200 vCPU → 3 × 68.
        let big = gcp.choose_database(200.0, 300.0, None, false);
        assert_eq!((big.count, big.vcpu), (3, 68.0));
    }

    #[test]
    fn memorystore_is_priced_per_gb_by_capacity_tier() {
        // 110.8 GiB → 111 GB in tier M5 (over 100 GB) at $0.016/GB-h: 111 × 0.016 × 730 = $1 296.48,
        // not a 300 GB product ($3 504).
        let gcp = Catalog::builtin().prices(Provider::Gcp);
        let c = gcp.choose_cache(110.8, None, false);
        assert_eq!(c.count, 1);
        assert!((c.monthly_usd - 1296.48).abs() < 0.01, "{}", c.monthly_usd);
        // Standard (HA) tier M5 at $0.030: 111 × 0.030 × 730 = $2 430.90.
        let ha = gcp.choose_cache(110.8, None, true);
        assert!((ha.monthly_usd - 2430.9).abs() < 0.01, "{}", ha.monthly_usd);
        // 2 GB is tier M1 at $0.049: 2 × 0.049 × 730 = $71.54.
        assert!((gcp.choose_cache(1.2, None, false).monthly_usd - 71.54).abs() < 0.01);
        // 3 GB in M1 would be 3 × 0.049 = $0.147/h, but 5 GB of M2 is 5 × 0.027 = $0.135/h: buy 5 GB,
        // $98.55 a month.
        let c = gcp.choose_cache(2.2, None, false);
        assert_eq!(c.memory_gib, 5.0);
        assert!((c.monthly_usd - 98.55).abs() < 0.01, "{}", c.monthly_usd);
        // 700 GB is more than one 300 GB instance: 3 × 234 GB.
        let big = gcp.choose_cache(700.0, None, false);
        assert_eq!((big.count, big.memory_gib), (3, 234.0));
    }

    #[test]
    fn aws_and_azure_take_the_cheapest_listed_instance_that_fits() {
        let aws = Catalog::builtin().prices(Provider::Aws);
        // 3 vCPU / 10 GiB: db.m5.xlarge (4/16, $0.356) beats db.r5.xlarge (4/32, $0.50).
        assert_eq!(
            &*aws.choose_database(3.0, 10.0, None, false).name,
            "db.m5.xlarge"
        );
        // Multi-AZ doubles the price: $0.356 × 730 × 2 = $519.76.
        let ha = aws.choose_database(3.0, 10.0, None, true);
        assert!((ha.monthly_usd - 519.76).abs() < 1e-6, "{}", ha.monthly_usd);
        let azure = Catalog::builtin().prices(Provider::Azure);
        // 200 GiB of cache: no Azure basic cache holds it; C6 (53 GB) needs ⌈200 ÷ 53⌉ = 4.
        let c = azure.choose_cache(200.0, None, false);
        assert_eq!((&*c.name, c.count), ("redis-basic-c6", 4));
    }
}
