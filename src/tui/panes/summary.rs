//! The narrow layout's summary: one live line per pane, so moving a slider at 80×24 visibly changes the
//! whole plan, not only the header's total.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::engine::plan::{NodePool, Plan};
use crate::format::{count, gb, money, ms, plural};
use crate::tui::app::App;
use crate::tui::fit::fit;
use crate::tui::layout::inner;

/// (label, text) for each pane, in Tab order.
pub fn lines(plan: &Plan) -> Vec<(&'static str, String)> {
    let c = &plan.compute;
    let l = &c.latency;
    let latency = if l.overloaded {
        "overloaded".to_string()
    } else {
        format!("p99 {}", ms(l.p99_ms))
    };
    let database = if plan.database.vcpu == 0 {
        "none".to_string()
    } else {
        let cache = if plan.cache.memory_gib > 0.0 {
            format!(" · cache {}", plan.cache.short_placement())
        } else {
            String::new()
        };
        format!("{}{cache}", plan.database.short_placement())
    };
    let media = if plan.media.workers == 0 && plan.workspaces.count == 0 {
        "none".to_string()
    } else if plan.workspaces.count > 0 {
        plural(plan.workspaces.count, "workspace", "workspaces")
    } else {
        format!(
            "{} · {} stored",
            plural(plan.media.workers, "worker", "workers"),
            gb(plan.media.object_storage_gb)
        )
    };
    let nodes: Vec<String> = plan.node_pools.iter().map(NodePool::summary).collect();
    let b = &plan.cost.by_provider;
    let runway = plan
        .growth
        .runway_months
        .map_or_else(String::new, |m| format!(" · runway month {m}"));
    // With ranged inputs the total is one point of a band: say so beside it.
    let band = plan
        .bands
        .as_ref()
        .and_then(|b| Some((b.monthly_usd.p10?, b.monthly_usd.p90?)))
        .map_or_else(String::new, |(l, h)| {
            format!(" (p10–p90 {}–{})", money(l), money(h))
        });
    vec![
        (
            "compute",
            format!(
                "{} · {} · {latency}",
                plural(c.workers, "worker", "workers"),
                plural(c.replicas, "replica", "replicas")
            ),
        ),
        ("database", database),
        ("media", media),
        ("nodes", nodes.join(" + ")),
        (
            "cost",
            format!(
                "{}/mo{band} · AWS {} · GCP {} · Azure {}{runway}",
                money(plan.cost.monthly_usd),
                money(b.aws),
                money(b.gcp),
                money(b.azure)
            ),
        ),
        (
            "warnings",
            match plan.warnings.len() {
                0 => "none".to_string(),
                n => format!("{} (w lists them)", count(n as u64)),
            },
        ),
    ]
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    frame.render_widget(
        Block::bordered()
            .title(Span::styled(" Plan — Tab opens a pane ", t.base))
            .border_style(t.border),
        area,
    );
    let body = inner(area);
    let before = app.previous.as_ref().map(lines);
    let rendered: Vec<Line> = lines(&app.plan)
        .into_iter()
        .enumerate()
        .map(|(i, (label, text))| {
            let changed = before
                .as_ref()
                .and_then(|b| b.get(i))
                .is_some_and(|(_, old)| *old != text);
            let style = if changed { t.changed } else { t.base };
            let line = Line::from(vec![
                Span::styled(format!("{label:<9}"), t.dim),
                Span::styled(text, style),
            ]);
            fit(line, body.width as usize)
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), body);
}
