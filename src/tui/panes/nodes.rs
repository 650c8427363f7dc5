//! Node pools: nodes × type, the binding resource, pods per node and utilisation.

use crate::engine::plan::Plan;
use crate::figure::Figure;
use crate::format::{count, num, pct, plural};

use super::Ctx;

use super::Row;
use ratatui::text::Span;

pub fn rows(app: &Ctx, plan: &Plan) -> Vec<Row> {
    let dim = app.theme.dim;
    let mut rows = Vec::new();
    for p in &plan.node_pools {
        rows.push(Row::figure(
            Figure::PoolNodes(p.name.clone()),
            vec![
                Span::styled(format!("{} ", p.name), app.theme.title),
                Span::raw(p.summary()),
            ],
        ));
        rows.push(Row::figure(
            Figure::PoolAllocatable(p.name.clone()),
            vec![
                Span::styled("  bound by ".to_string(), dim),
                Span::raw(match p.unschedulable {
                    Some(tier) => format!("nothing: a {tier} pod is too big"),
                    None => format!("{} · {} pods/node", p.binding.label(), count(p.per_node)),
                }),
            ],
        ));
        rows.push(Row::plain(vec![
            Span::styled("  requested ".to_string(), dim),
            Span::raw(format!(
                "CPU {} · memory {}",
                pct(p.cpu_utilization),
                pct(p.memory_utilization)
            )),
        ]));
    }
    let total: u64 = crate::engine::round::total(plan.node_pools.iter().map(|p| p.nodes));
    rows.push(Row::plain(vec![Span::styled(
        format!(
            "{} · {} vCPU in all",
            plural(total, "node", "nodes"),
            num(plan
                .node_pools
                .iter()
                .map(|p| p.nodes as f64 * p.node_vcpu)
                .sum())
        ),
        dim,
    )]));
    rows
}
