//! Database and cache: vCPU from query rate (Diffgram), pools from Little's law (article), storage with
//! index, WAL and replica factors (article; Diffgram: 100 GB per 100 M annotations).

use crate::catalog::ProviderPrices;

use super::media::MB_PER_GIB;
use super::plan::{Cache, Compute, Database, Traffic};
use super::round::{ceil_count, ratio};
use super::scenario::Scenario;

pub const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// Bytes on disk per record: raw × indexes × (1 + WAL) × copies.
pub fn bytes_per_stored_record(s: &Scenario) -> f64 {
    s.bytes_per_record * s.index_factor * (1.0 + s.wal_overhead) * s.replicas
}

/// Records added in one month by this many users (average, not peak, activity).
pub fn records_per_month(s: &Scenario, t: &Traffic) -> f64 {
    t.active_users / s.peak_to_average * s.records_per_user_hour * t.intensity_factor * 730.0
}

pub fn size(
    s: &Scenario,
    t: &Traffic,
    compute: &Compute,
    prices: &ProviderPrices,
    records: f64,
) -> Database {
    let qps = t.miss_rps * s.queries_per_request;
    let vcpu =
        ceil_count(qps / s.db_qps_per_vcpu / s.target_utilization).max(s.db_min_vcpu.ceil() as u64);
    let present = vcpu > 0;
    let busy_connections = ceil_count(qps * s.query_ms / 1000.0);
    let pool_size =
        ceil_count(busy_connections as f64 / s.target_utilization).max(u64::from(present));
    let pool_per_replica = ceil_count(ratio(pool_size as f64, compute.replicas as f64));
    let total_connections = pool_per_replica.saturating_mul(compute.replicas);
    // Server memory is sized for the pool the app keeps busy (article: 2–5 MB a connection).
    let connection_memory_gib = pool_size as f64 * s.connection_memory_mb / MB_PER_GIB;
    let memory_gib = vcpu as f64 * s.db_memory_per_vcpu_gib + connection_memory_gib;
    let storage_gib = records * bytes_per_stored_record(s) / GIB;
    let mut db = Database {
        qps,
        write_qps: t.write_qps,
        vcpu,
        memory_gib,
        busy_connections,
        pool_size,
        pool_per_replica,
        total_connections,
        max_connections: s.db_max_connections as u64,
        connection_memory_gib,
        storage_gib,
        storage_horizon_gib: storage_gib,
        managed: s.managed,
        instance: None,
        instances: 0,
        shards: 0,
        instance_vcpu: 0.0,
        instance_memory_gib: 0.0,
        ha: s.db_ha,
        instance_monthly_usd: 0.0,
    };
    if present && s.managed {
        let pick =
            prices.choose_database(vcpu as f64, memory_gib, s.db_instance.as_deref(), s.db_ha);
        db.shards = pick.count;
        db.instances = pick.count.saturating_mul(s.replicas as u64);
        db.instance = Some(pick.name);
        db.instance_vcpu = pick.vcpu;
        db.instance_memory_gib = pick.memory_gib;
        db.instance_monthly_usd = pick.monthly_usd;
    } else if present {
        db.shards = 1;
        db.instance_vcpu = vcpu as f64;
        db.instance_memory_gib = memory_gib;
    }
    db
}

pub fn cache(s: &Scenario, t: &Traffic, prices: &ProviderPrices) -> Cache {
    let memory_gib = t.active_users * s.cache_mb_per_user * (1.0 + s.cache_overhead) / MB_PER_GIB;
    let mut c = Cache {
        memory_gib,
        ops_per_s: if memory_gib > 0.0 { t.peak_rps } else { 0.0 },
        vcpu: 0.0,
        managed: s.cache_managed,
        instance: None,
        instances: 0,
        instance_memory_gib: 0.0,
        ha: s.cache_ha,
        instance_monthly_usd: 0.0,
    };
    if memory_gib <= 0.0 {
        return c;
    }
    if s.cache_managed {
        let pick = prices.choose_cache(memory_gib, s.cache_instance.as_deref(), s.cache_ha);
        c.instances = pick.count;
        c.instance = Some(pick.name);
        c.instance_memory_gib = pick.memory_gib;
        c.instance_monthly_usd = pick.monthly_usd;
    } else {
        c.vcpu = (c.ops_per_s / s.cache_ops_per_vcpu).max(0.1);
        c.instances = 1;
        c.instance_memory_gib = memory_gib;
    }
    c
}
