//! Drawing: reads `&App` only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Wrap};

use crate::engine::params::{self, Kind};
use crate::format::{money, wrap};

use super::app::{App, Overlay, picker_items};
use super::inputs::value_text;
use super::layout::{self, Pane};
use super::panes;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let areas = layout::areas(area, app.focus, app.plan.node_pools.len());
    header(frame, app, areas.header);
    if let Some(tabs) = areas.tabs {
        let titles: Vec<&str> = Pane::ALL.iter().map(|p| p.short()).collect();
        frame.render_widget(
            Tabs::new(titles)
                .select(app.focus.index())
                .highlight_style(app.theme.selected)
                .divider("│"),
            tabs,
        );
    }
    for pane in Pane::ALL {
        if let Some(r) = areas.pane(pane) {
            if pane == Pane::Inputs {
                panes::inputs::draw(frame, app, r);
            } else {
                panes::draw(frame, app, pane, r);
            }
        }
    }
    if let Some(summary) = areas.summary {
        panes::summary::draw(frame, app, summary);
    }
    footer(frame, app, areas.footer);
    overlay(frame, app, area);
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let star = if app.modified() { "*" } else { "" };
    let total = format!(" {}/mo ", money(app.plan.cost.monthly_usd));
    let left = Line::from(vec![
        Span::styled(" headroom ", t.title),
        Span::raw(format!(
            "─ preset: {}{star} ─ {} {} ",
            app.preset,
            app.plan.cost.provider.label(),
            app.plan.cost.region
        )),
    ]);
    let [l, r] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(total.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(left, l);
    frame.render_widget(Line::from(Span::styled(total, t.title)), r);
}

/// The keys of the focused pane, as many as fit; a status message first when there is one.
fn footer(frame: &mut Frame, app: &App, area: Rect) {
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

/// A centred box of at most `width` × `height`.
fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

fn boxed(frame: &mut Frame, app: &App, area: Rect, title: &str, lines: Vec<Line>) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), app.theme.title))
        .border_style(app.theme.focus_border);
    let inner = block.inner(area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
    inner
}

fn overlay(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => {
            let all = help_lines(area.width);
            let height = (all.len() as u16 + 2).min(area.height);
            let visible = usize::from(height.saturating_sub(2));
            // Keep the last screenful in view: scrolling stops when the end shows.
            let first = usize::from(*scroll).min(all.len().saturating_sub(visible));
            let lines: Vec<Line> = all
                .into_iter()
                .skip(first)
                .map(|(k, what)| Line::from(vec![Span::styled(k, t.key), Span::raw(what)]))
                .collect();
            let more = if lines.len() > visible {
                "Keys — ↓ more · Esc closes"
            } else {
                "Keys — ↑↓ scroll · Esc closes"
            };
            let r = popup(area, HELP_WIDTH, height);
            boxed(frame, app, r, more, lines);
        }
        Overlay::Explain(id) => {
            let (title, text) = explanation(app, id);
            let width = 76.min(area.width);
            let lines: Vec<Line> = wrap(&text, width.saturating_sub(2) as usize)
                .into_iter()
                .map(Line::from)
                .collect();
            let r = popup(area, width, lines.len() as u16 + 2);
            boxed(frame, app, r, &title, lines);
        }
        Overlay::Warnings => {
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
        Overlay::Edit(editor) => {
            let p = params::find(editor.key);
            let range = match p.map(|p| p.kind) {
                Some(Kind::Number { min, max, .. }) => {
                    format!("range {}", params::range_text(min, max))
                }
                Some(Kind::Choice { options, .. }) => options.join(" | "),
                Some(Kind::Flag { .. }) => "true | false".into(),
                _ => String::new(),
            };
            let title = format!("Set {}", p.map_or(editor.key, |p| p.label));
            field_popup(
                frame,
                app,
                area,
                &title,
                &format!("{range} · units ok: 85%, 40k, 8MB, 500ms"),
                &editor.field,
            );
        }
        Overlay::Save(form) => {
            let hint = match &app.store {
                Some(s) => format!("Tab: name ↔ description · saved in {}", s.dir().display()),
                None => "there is no preset directory: set HEADROOM_DATA_DIR".into(),
            };
            fields_popup(
                frame,
                app,
                area,
                "Save preset as",
                &hint,
                &[
                    ("name", &form.name, !form.on_description),
                    ("description", &form.description, form.on_description),
                ],
            );
        }
        Overlay::Filter(field) => {
            // On the footer line, so the list being filtered stays in view.
            let line = Rect {
                y: area.y + area.height.saturating_sub(1),
                height: 1.min(area.height),
                ..area
            };
            frame.render_widget(Clear, line);
            let prompt = " find: ";
            let hint = "  (Enter keeps · Esc shows all)";
            frame.render_widget(
                Line::from(vec![
                    Span::styled(prompt, t.key),
                    Span::raw(field.input.value().to_string()),
                    Span::styled(hint, t.dim),
                ]),
                line,
            );
            let x = line.x + (prompt.chars().count() + field.input.visual_cursor()) as u16;
            if x < line.x + line.width {
                frame.set_cursor_position((x, line.y));
            }
        }
        Overlay::Export(field) => {
            let hint = ".ron saves the preset; .md, .json or .csv the plan";
            field_popup(frame, app, area, "Export to file", hint, field);
        }
        Overlay::Picker(picker) => {
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
        Overlay::Open(opener) => {
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
        Overlay::Confirm(confirm) => {
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
    }
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
            let line = Line::from(
                row.chars()
                    .take(width.saturating_sub(2) as usize)
                    .collect::<String>(),
            );
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

/// A one-line text field with a hint and a live error, with the cursor placed in it.
fn field_popup(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    hint: &str,
    field: &crate::tui::app::Field,
) {
    fields_popup(frame, app, area, title, hint, &[("", field, true)]);
}

/// Labelled one-line fields, one focused, with a hint and the focused field's live error.
fn fields_popup(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    hint: &str,
    fields: &[(&str, &crate::tui::app::Field, bool)],
) {
    let t = &app.theme;
    let error = fields.iter().find_map(|(_, f, _)| f.error.as_deref());
    let status = match error {
        Some(e) => Line::from(Span::styled(e.to_string(), t.bad)),
        None => Line::from(Span::styled("Enter applies · Esc cancels", t.dim)),
    };
    let n = fields.len() as u16;
    let r = popup(area, 72, 5 + n);
    let mut lines: Vec<Line> = fields.iter().map(|_| Line::from("")).collect();
    lines.push(Line::from(Span::styled(hint.to_string(), t.dim)));
    lines.push(status);
    let inner = boxed(frame, app, r, title, lines);
    let label_w = fields
        .iter()
        .map(|(l, _, _)| l.chars().count())
        .max()
        .unwrap_or(0) as u16;
    for (i, (label, field, focused)) in fields.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        if label_w > 0 {
            frame.render_widget(
                Line::from(Span::styled(label.to_string(), t.dim)),
                Rect::new(inner.x + 1, y, label_w.min(inner.width), 1),
            );
        }
        let x = inner.x + 1 + if label_w > 0 { label_w + 1 } else { 0 };
        let width = (inner.x + inner.width).saturating_sub(x + 1);
        let area_of_field = Rect::new(x.min(inner.x + inner.width), y, width, 1);
        let input = &field.input;
        // A field without focus shows its start; the focused one follows its cursor.
        let scroll = if *focused {
            input.visual_scroll(area_of_field.width as usize)
        } else {
            0
        };
        let value: String = input.value().chars().skip(scroll).collect();
        // Selected (reversed) while typing would replace it; plain text with a cursor once editing.
        let style = if field.fresh && *focused {
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        frame.render_widget(Line::from(Span::styled(value, style)), area_of_field);
        if *focused && area_of_field.width > 0 {
            let cursor = input.visual_cursor().saturating_sub(scroll) as u16;
            frame.set_cursor_position((area_of_field.x + cursor.min(area_of_field.width - 1), y));
        }
    }
}

/// The title and text of the explain box for a figure id or an input (`input.<key>`).
fn explanation(app: &App, id: &str) -> (String, String) {
    if let Some(key) = id.strip_prefix("input.") {
        let Some(p) = params::find(key) else {
            return (key.to_string(), String::new());
        };
        let range = match p.kind {
            Kind::Number { min, max, .. } => format!("range {}", params::range_text(min, max)),
            Kind::Choice { options, .. } => options.join(" | "),
            _ => String::new(),
        };
        return (
            format!("{} ({key})", p.label),
            format!("{}\n{range} · now {}", p.help, value_text(p, &app.scenario)),
        );
    }
    // Recorded only while the box is open, so keystrokes re-plan without it.
    let explained = crate::engine::plan_explained(&app.scenario, app.catalog);
    match explained.explanation(id) {
        Some(e) => (e.label.clone(), e.text()),
        None => (id.to_string(), "No formula for this figure.".into()),
    }
}

const HELP_WIDTH: u16 = 80;
const KEY_COLUMN: usize = 22;

/// The help box's lines for a terminal this wide: (key column, text), every key of the table wrapped.
pub fn help_lines(width: u16) -> Vec<(String, String)> {
    let inner = usize::from(HELP_WIDTH.min(width).saturating_sub(2));
    let text_width = inner.saturating_sub(KEY_COLUMN).max(10);
    let mut out = Vec::new();
    for b in super::keymap::KEYS {
        for (i, line) in wrap(b.help, text_width).into_iter().enumerate() {
            let key = if i == 0 { b.keys } else { "" };
            out.push((format!("{key:<KEY_COLUMN$}"), line));
        }
    }
    out
}
