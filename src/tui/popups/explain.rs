//! `e`: the engine's record of how a figure was computed, or an input's meaning and range; and `w`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::engine::params::{self, Kind};
use crate::format::wrap;
use crate::tui::app::App;
use crate::tui::inputs::value_text;

use super::{boxed, popup};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, id: &str) {
    let (title, text) = explanation(app, id);
    let width = 76.min(area.width);
    let lines: Vec<Line> = wrap(&text, width.saturating_sub(2) as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    let r = popup(area, width, lines.len() as u16 + 2);
    boxed(frame, app, r, &title, lines);
}

pub fn warnings(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let width = 80.min(area.width);
    let mut lines = Vec::new();
    for w in &app.plan.warnings {
        for (i, l) in wrap(
            &format!("{} (change `{}`)", w.message, w.key),
            width.saturating_sub(4) as usize,
        )
        .into_iter()
        .enumerate()
        {
            lines.push(Line::from(vec![
                Span::styled(if i == 0 { "! " } else { "  " }, t.warning),
                Span::raw(l),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from("No warnings."));
    }
    let r = popup(area, width, lines.len() as u16 + 2);
    boxed(frame, app, r, "Warnings — Esc closes", lines);
}

/// The title and text of the explain box for a figure id or an input (`input.<key>`).
fn explanation(app: &App, id: &str) -> (String, String) {
    if let Some(key) = id.strip_prefix("input.") {
        let Some(p) = params::find(key) else {
            return (key.to_string(), String::new());
        };
        let range = match p.kind {
            Kind::Number { min, max, .. } => format!("valid {}", params::range_text(min, max)),
            Kind::Choice { options, .. } => options.join(" | "),
            _ => String::new(),
        };
        return (
            format!("{} ({key})", p.label),
            format!("{}\n{range} · now {}", p.help, value_text(p, &app.scenario)),
        );
    }
    if id == "limits.max_users" {
        let e = crate::engine::limits::explain(&app.limits);
        return (format!("{} — {}", e.label, e.value_text()), e.text());
    }
    if id == "drivers" {
        let d = crate::engine::drivers::drivers(&app.scenario, app.catalog, app.drivers_swing);
        let e = crate::engine::drivers::explain(&d);
        return (e.label.clone(), e.text());
    }
    // Recorded only while the box is open, so keystrokes re-plan without it.
    let explained = crate::engine::plan_explained(&app.scenario, app.catalog);
    match explained.explanation(id) {
        Some(e) => (e.label.clone(), e.text()),
        None => (id.to_string(), "No formula for this figure.".into()),
    }
}
