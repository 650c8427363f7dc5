//! Media processing and per-user workspaces.

use crate::engine::plan::Plan;
use crate::figure::Figure;
use crate::format::{backlog, count, gb, gib, num};

use super::Ctx;

use super::{Row, labelled};

pub fn rows(app: &Ctx, plan: &Plan) -> Vec<Row> {
    let m = &plan.media;
    let dim = app.theme.dim;
    let mut rows = Vec::new();
    if m.workers == 0 {
        rows.push(Row::figure(
            Figure::MediaVcpu,
            labelled("media", "none".into(), dim),
        ));
    } else {
        rows.push(Row::figure(
            Figure::MediaVcpu,
            labelled(
                "workers",
                format!(
                    "{} × 1 vCPU · {}/min",
                    count(m.workers),
                    num(m.items_per_min)
                ),
                dim,
            ),
        ));
        rows.push(Row::figure(
            Figure::MediaMemory,
            labelled(
                "memory",
                format!("{} each (≥ 2× largest)", gib(m.worker_memory_gib)),
                dim,
            ),
        ));
        rows.push(Row::figure(
            Figure::ObjectStorage,
            labelled(
                "objects",
                format!(
                    "{} · {}/mo out",
                    gb(m.object_storage_gb),
                    gb(m.egress_gb_month)
                ),
                dim,
            ),
        ));
        let backlog = backlog(m.backlog_items, m.drain_minutes);
        rows.push(Row::plain(labelled("backlog", backlog, dim)));
    }
    let w = &plan.workspaces;
    if w.count > 0 {
        rows.push(Row::figure(
            Figure::Workspaces,
            labelled(
                "workspace",
                format!(
                    "{} · {} req · {} used",
                    count(w.count),
                    gib(w.memory_request_gib),
                    gib(w.avg_memory_gib)
                ),
                dim,
            ),
        ));
    }
    rows
}
