//! The header (preset, provider, region, total) and the footer (status, then the keys that fit).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::format::money;

use super::app::App;
use super::layout::Pane;

pub fn header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let star = if app.modified() { "*" } else { "" };
    let total = format!(" {}/mo ", money(app.plan.cost.monthly_usd));
    let mut spans = vec![
        Span::styled(" headroom ", t.title),
        Span::raw(format!(
            "─ preset: {}{star} ─ {} {} ",
            app.preset,
            app.plan.cost.provider.label(),
            app.plan.cost.region
        )),
    ];
    if let Some(b) = &app.baseline {
        let f = crate::figure::Figure::MonthlyCost;
        let d = f.delta(&b.plan, &app.plan);
        let style = match d.up() {
            Some(true) => t.bad,
            Some(false) => t.good,
            None => t.dim,
        };
        spans.push(Span::raw("─ "));
        spans.push(Span::styled(format!("{} vs {}", d.text(&f), b.name), style));
        spans.push(Span::raw(" "));
    }
    let left = crate::tui::fit::fit(
        Line::from(spans),
        area.width.saturating_sub(total.chars().count() as u16) as usize,
    );
    let [l, r] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(total.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(left, l);
    frame.render_widget(Line::from(Span::styled(total, t.title)), r);
}

/// The keys of the focused pane, as many as fit; a status message first when there is one.
pub fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    // Most useful first: the line is cut at the terminal's width.
    let keys: Vec<(&str, &str)> = super::keymap::footer(app.focus == Pane::Inputs).collect();
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(status) = &app.status {
        spans.push(Span::styled(format!(" {status} "), t.warning));
        used += status.chars().count() + 2;
    }
    for (k, what) in &keys {
        let w = k.chars().count() + what.chars().count() + 3;
        if used + w > area.width as usize {
            break;
        }
        spans.push(Span::styled(format!(" {k}"), t.key));
        spans.push(Span::raw(format!(" {what} ")));
        used += w;
    }
    frame.render_widget(Line::from(spans), area);
}
