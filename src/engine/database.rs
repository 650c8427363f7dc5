//! Database and cache: vCPU from query rate (Diffgram), pools from Little's law (article), storage with
//! index, WAL and replica factors (article; Diffgram: 100 GB per 100 M annotations).

use crate::catalog::{Choice, ProviderPrices};

use super::explain::{Explanation, Recorder, ceil, k, max, t};
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

/// The database the load needs, on no provider yet: [`choose`] buys it.
pub fn size(
    s: &Scenario,
    t: &Traffic,
    compute: &Compute,
    records: f64,
    rec: &mut Recorder,
) -> Database {
    let qps = t.miss_rps * s.queries_per_request;
    let vcpu = ceil_count(qps / s.db_qps_per_vcpu / s.target_utilization)
        .max(super::round::ceil_whole(s.db_min_vcpu));
    let present = vcpu > 0;
    let busy_connections = ceil_count(qps * s.query_ms / 1000.0);
    let pool_size =
        ceil_count(busy_connections as f64 / s.target_utilization).max(u64::from(present));
    let pool_per_replica = ceil_count(ratio(pool_size as f64, compute.replicas as f64));
    let total_connections = pool_per_replica.saturating_mul(compute.replicas);
    // Server memory is sized for the pool the app keeps busy (article: 2–5 MB a connection). Not the
    // connections opened: their per-replica rounding falls as replicas are added, and memory (and the
    // instance priced) must never fall as users rise.
    let connection_memory_gib = pool_size as f64 * s.connection_memory_mb / MB_PER_GIB;
    let memory_gib = vcpu as f64 * s.db_memory_per_vcpu_gib + connection_memory_gib;
    let storage_gib = records * bytes_per_stored_record(s) / GIB;
    let db = Database {
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
    if rec.is_on() {
        record(s, t, compute, records, &db, rec);
    }
    db
}

/// The last managed database and cache bought on one provider, each with the need it was bought for.
/// A resolved provider keeps them: a growth month or band sample usually needs what the one before
/// bought, and searching the catalog again was a tenth of a month's sizing.
#[derive(Default)]
pub struct Bought {
    database: Option<Purchase>,
    cache: Option<Purchase>,
}

struct Purchase {
    ha: bool,
    /// (vCPU, GiB) needed.
    need: (f64, f64),
    choice: Choice,
}

/// `choose` on `prices` for `need`, or the last purchase again where [`Choice::serves`] shows the
/// search would choose it.
fn buy(
    last: &mut Option<Purchase>,
    ha: bool,
    pinned: Option<&str>,
    need: (f64, f64),
    choose: impl FnOnce() -> Choice,
) -> Choice {
    if let Some(p) = last.as_mut().filter(|p| p.ha == ha)
        && let Some(again) = p.choice.serves(pinned, p.need, need)
    {
        p.need = need;
        p.choice.count = again.count;
        return again;
    }
    let choice = choose();
    *last = Some(Purchase {
        ha,
        need,
        choice: choice.clone(),
    });
    choice
}

/// Buys the database `db` needs on one provider: a managed instance (several when none is big enough),
/// or one self-hosted pod until the node pool splits it. Every field it sets is set on each call, so a
/// load can be bought again on another provider.
pub fn choose(db: &mut Database, s: &Scenario, prices: &ProviderPrices, bought: &mut Bought) {
    let (vcpu, memory_gib) = (db.vcpu, db.memory_gib);
    db.instance = None;
    db.instances = 0;
    db.shards = 0;
    db.instance_vcpu = 0.0;
    db.instance_memory_gib = 0.0;
    db.instance_monthly_usd = 0.0;
    if vcpu == 0 {
        return;
    }
    if s.managed {
        let pinned = s.db_instance.as_deref();
        let need = (vcpu as f64, memory_gib);
        let pick = buy(&mut bought.database, s.db_ha, pinned, need, || {
            prices.choose_database(need.0, need.1, pinned, s.db_ha)
        });
        db.shards = pick.count;
        db.instances = pick.count.saturating_mul(s.replicas as u64);
        db.instance = Some(pick.name);
        db.instance_vcpu = pick.vcpu;
        db.instance_memory_gib = pick.memory_gib;
        db.instance_monthly_usd = pick.monthly_usd;
    } else {
        db.shards = 1;
        db.instance_vcpu = vcpu as f64;
        db.instance_memory_gib = memory_gib;
    }
}

fn record(
    s: &Scenario,
    tr: &Traffic,
    compute: &Compute,
    records: f64,
    d: &Database,
    rec: &mut Recorder,
) {
    let target = || t("target_utilization", s.target_utilization, "");
    rec.add(|| {
        let e =
            t("misses", tr.miss_rps, "RPS") * t("queries_per_request", s.queries_per_request, "");
        Explanation::computed(
            "database.qps",
            "Database queries per second",
            "/s",
            d.qps,
            &e,
        )
    });
    rec.add(|| {
        let e = max([
            ceil(t("DB QPS", d.qps, "") / t("db_qps_per_vcpu", s.db_qps_per_vcpu, "") / target()),
            ceil(t("db_min_vcpu", s.db_min_vcpu, "")),
        ]);
        Explanation::computed("database.vcpu", "Database vCPU", "vCPU", d.vcpu as f64, &e).note(
            "Diffgram's per-vCPU ratio; the default 300 queries/s per vCPU is conservative beside pgbench (docs/model.md).",
        )
    });
    rec.add(|| {
        let e = t("vCPU", d.vcpu as f64, "")
            * t("db_memory_per_vcpu_gib", s.db_memory_per_vcpu_gib, "GiB")
            + t("connection memory", d.connection_memory_gib, "GiB");
        Explanation::computed(
            "database.memory_gib",
            "Database memory",
            "GiB",
            d.memory_gib,
            &e,
        )
    });
    rec.add(|| {
        let e = ceil(t("DB QPS", d.qps, "") * t("query_ms", s.query_ms, "ms") / k(1000.0, "ms/s"));
        Explanation::computed(
            "database.busy_connections",
            "Busy database connections",
            "",
            d.busy_connections as f64,
            &e,
        )
        .note("Article: pool = QPS × query time (Little's law).")
    });
    rec.add(|| {
        let e = max([
            ceil(t("busy connections", d.busy_connections as f64, "") / target()),
            k(f64::from(u8::from(d.vcpu > 0)), ""),
        ]);
        Explanation::computed(
            "database.pool_size",
            "Connection pool",
            "",
            d.pool_size as f64,
            &e,
        )
        .note(format!(
            "Split over the app replicas: {} per replica.",
            d.pool_per_replica
        ))
    });
    rec.add(|| {
        let e =
            ceil(t("pool", d.pool_size as f64, "") / t("replicas", compute.replicas as f64, ""))
                * t("replicas", compute.replicas as f64, "");
        Explanation::computed(
            "database.total_connections",
            "Database connections",
            "",
            d.total_connections as f64,
            &e,
        )
        .note(format!(
            "Against max_connections {}: above it, put a pooler such as PgBouncer in front.",
            d.max_connections
        ))
    });
    rec.add(|| {
        let e = t("pool", d.pool_size as f64, "")
            * t("connection_memory_mb", s.connection_memory_mb, "MB")
            / k(MB_PER_GIB, "MB/GiB");
        Explanation::computed(
            "database.connection_memory_gib",
            "Server memory for connections",
            "GiB",
            d.connection_memory_gib,
            &e,
        )
        .note("Article: 2–5 MB per connection. Decimal MB: 1 GiB = 1 073.74 MB.")
    });
    rec.add(|| {
        let e = t("records", records, "")
            * t("bytes_per_record", s.bytes_per_record, "B")
            * t("index_factor", s.index_factor, "")
            * (k(1.0, "") + t("wal_overhead", s.wal_overhead, ""))
            * t("replicas", s.replicas, "")
            / k(GIB, "B/GiB");
        Explanation::computed("database.storage_gib", "Database storage now", "GiB", d.storage_gib, &e)
            .note("Article: indexes, WAL and replicas multiply the raw size (Diffgram: 100 GB per 100 M annotations).")
    });
}

/// The cache the load needs, on no provider yet: [`choose_cache`] buys it.
pub fn cache(s: &Scenario, tr: &Traffic, rec: &mut Recorder) -> Cache {
    let memory_gib = tr.active_users * s.cache_mb_per_user * (1.0 + s.cache_overhead) / MB_PER_GIB;
    let mut c = Cache {
        memory_gib,
        ops_per_s: if memory_gib > 0.0 { tr.peak_rps } else { 0.0 },
        vcpu: 0.0,
        managed: s.cache_managed,
        instance: None,
        instances: 0,
        instance_memory_gib: 0.0,
        ha: s.cache_ha,
        instance_monthly_usd: 0.0,
    };
    rec.add(|| {
        let e = t("active users", tr.active_users, "")
            * t("cache_mb_per_user", s.cache_mb_per_user, "MB")
            * (k(1.0, "") + t("cache_overhead", s.cache_overhead, ""))
            / k(MB_PER_GIB, "MB/GiB");
        Explanation::computed("cache.memory_gib", "Cache memory", "GiB", memory_gib, &e)
            .note("The working set of the users active at the peak hour; decimal MB.")
    });
    if memory_gib > 0.0 && !s.cache_managed {
        c.vcpu = (c.ops_per_s / s.cache_ops_per_vcpu).max(0.1);
    }
    c
}

/// Buys the cache `c` needs on one provider, as [`choose`] buys the database.
pub fn choose_cache(c: &mut Cache, s: &Scenario, prices: &ProviderPrices, bought: &mut Bought) {
    c.instance = None;
    c.instances = 0;
    c.instance_memory_gib = 0.0;
    c.instance_monthly_usd = 0.0;
    if c.memory_gib <= 0.0 {
        return;
    }
    if s.cache_managed {
        let pinned = s.cache_instance.as_deref();
        let need = c.memory_gib;
        let pick = buy(&mut bought.cache, s.cache_ha, pinned, (0.0, need), || {
            prices.choose_cache(need, pinned, s.cache_ha)
        });
        c.instances = pick.count;
        c.instance = Some(pick.name);
        c.instance_memory_gib = pick.memory_gib;
        c.instance_monthly_usd = pick.monthly_usd;
    } else {
        c.instances = 1;
        c.instance_memory_gib = c.memory_gib;
    }
}
