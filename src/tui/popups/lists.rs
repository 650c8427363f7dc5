//! Lists to choose from, filtered by what is typed: node types (`n`), presets (`o`); and yes/no questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::format::money;
use crate::tui::app::{App, Confirm, Opener, Picker, picker_items};

use super::{boxed, popup};

pub fn picker(frame: &mut Frame, app: &App, area: Rect, picker: &Picker) {
    let items = picker_items(app.catalog, &app.scenario, picker);
    let chosen = app
        .plan
        .node_pools
        .iter()
        .find(|p| *p.name == *picker.pool && p.auto)
        .map_or_else(
            || "cheapest type that fits".to_string(),
            |p| format!("now {}", p.node_type),
        );
    let rows = items
        .iter()
        .map(|n| match n {
            None => format!("{:<20}{chosen}", crate::engine::AUTO),
            Some(n) => format!(
                "{:<20}{:>6}{:>9}{:>12}",
                n.name,
                n.vcpu,
                n.memory_gib,
                money(n.monthly_usd())
            ),
        })
        .collect();
    let list = FilterList {
        title: format!(
            "Node type for pool {} ({})",
            picker.pool,
            app.scenario.provider.label()
        ),
        width: 60,
        filter: &picker.filter,
        header: format!("{:<20}{:>6}{:>9}{:>12}", "type", "vCPU", "GiB", "$/month"),
        rows,
        selected: picker.selected,
        empty: "no node type matches",
    };
    list.draw(frame, app, area);
}

pub fn open(frame: &mut Frame, app: &App, area: Rect, opener: &Opener) {
    let rows = opener
        .matching()
        .iter()
        .map(|(name, description, builtin)| {
            let kind = if *builtin { "built-in" } else { "saved" };
            format!("{name:<20} {kind:<9} {description}")
        })
        .collect();
    let list = FilterList {
        title: "Open preset — Enter opens, Esc cancels".into(),
        width: 96,
        filter: &opener.filter,
        header: format!("{:<20} {:<9} {}", "preset", "kind", "description"),
        rows,
        selected: opener.selected,
        empty: "no preset matches",
    };
    list.draw(frame, app, area);
}

pub fn confirm(frame: &mut Frame, app: &App, area: Rect, confirm: &Confirm) {
    let t = &app.theme;
    let r = popup(
        area,
        (confirm.question.chars().count() as u16 + 4).max(30),
        4,
    );
    let lines = vec![
        Line::from(confirm.question.clone()),
        Line::from(Span::styled("y yes · n or Esc no", t.dim)),
    ];
    boxed(frame, app, r, "Are you sure?", lines);
}

/// A list to choose from, filtered by what is typed, with the selection kept in view.
struct FilterList<'a> {
    title: String,
    width: u16,
    filter: &'a tui_input::Input,
    header: String,
    rows: Vec<String>,
    selected: usize,
    empty: &'static str,
}

impl FilterList<'_> {
    fn draw(self, frame: &mut Frame, app: &App, area: Rect) {
        let t = &app.theme;
        let height = (self.rows.len() as u16 + 4)
            .min(area.height)
            .max(5.min(area.height));
        let width = self.width.min(area.width);
        let r = popup(area, width, height);
        let visible = height.saturating_sub(4) as usize;
        let start = self.selected.saturating_sub(visible.saturating_sub(1));
        let mut lines = vec![
            Line::from(vec![
                Span::styled("filter: ", t.dim),
                Span::raw(self.filter.value().to_string()),
            ]),
            Line::from(Span::styled(self.header, t.dim)),
        ];
        for (i, row) in self.rows.into_iter().enumerate().skip(start).take(visible) {
            let line = crate::tui::fit::fit(Line::from(row), width.saturating_sub(2) as usize);
            lines.push(if i == self.selected {
                line.style(t.selected)
            } else {
                line
            });
        }
        if lines.len() == 2 {
            lines.push(Line::from(Span::styled(self.empty, t.dim)));
        }
        let inner = boxed(frame, app, r, &self.title, lines);
        if inner.width > 8 && inner.height > 0 {
            let x = inner.x + 8 + (self.filter.visual_cursor() as u16).min(inner.width - 9);
            frame.set_cursor_position((x, inner.y));
        }
    }
}
