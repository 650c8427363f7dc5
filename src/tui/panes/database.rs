//! Database and cache: size, where it runs, pool and connections, storage now and at the horizon.

use crate::engine::plan::Plan;
use crate::figure::Figure;
use crate::format::{count, gib, num};

use super::Ctx;

use super::{Row, labelled};

pub fn rows(app: &Ctx, plan: &Plan) -> Vec<Row> {
    let d = &plan.database;
    let c = &plan.cache;
    let dim = app.theme.dim;
    let mut rows = Vec::new();
    if d.vcpu == 0 {
        rows.push(Row::figure(
            Figure::DbVcpu,
            labelled("database", "none (no queries)".into(), dim),
        ));
    } else {
        let place = d.short_placement();
        rows.push(Row::figure(
            Figure::DbVcpu,
            labelled(
                "size",
                format!("{} vCPU · {}", count(d.vcpu), gib(d.memory_gib)),
                dim,
            ),
        ));
        rows.push(Row::figure(
            Figure::Component("database"),
            labelled("runs on", place, dim),
        ));
        if d.shards > 1 {
            // Why there are several: the pane must not read as if one instance were enough.
            let what = if d.instance.is_some() {
                "instance"
            } else {
                "node"
            };
            rows.push(Row::figure(
                Figure::Component("database"),
                labelled(
                    "why",
                    format!("no single {what} fits: shard or distributed DB"),
                    dim,
                ),
            ));
        }
        rows.push(Row::figure(
            Figure::PoolSize,
            labelled(
                "pool",
                format!(
                    "{} ({}/replica) · {} QPS",
                    count(d.pool_size),
                    count(d.pool_per_replica),
                    num(d.qps)
                ),
                dim,
            ),
        ));
        rows.push(Row::figure(
            Figure::Connections,
            labelled(
                "conns",
                format!(
                    "{} of max {}",
                    count(d.total_connections),
                    count(d.max_connections)
                ),
                dim,
            ),
        ));
        rows.push(Row::figure(
            Figure::StorageHorizon,
            labelled(
                "storage",
                format!(
                    "{} → {} @{} mo",
                    gib(d.storage_gib),
                    gib(d.storage_horizon_gib),
                    num(app.scenario.horizon_months)
                ),
                dim,
            ),
        ));
    }
    if c.memory_gib > 0.0 {
        let place = c.short_placement();
        rows.push(Row::figure(
            Figure::CacheMemory,
            labelled("cache", format!("{} · {place}", gib(c.memory_gib)), dim),
        ));
    }
    rows
}
