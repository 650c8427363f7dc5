//! The output panes. Each one lists rows, a row optionally tied to the figure id it shows (for
//! explain and selection); drawing compares the rows of the last two plans to highlight changes.

pub mod compute;
pub mod cost;
pub mod database;
pub mod inputs;
pub mod media;
pub mod nodes;
pub mod summary;
pub mod warnings;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::engine::plan::Plan;

use crate::engine::scenario::Scenario;

use super::app::App;
use super::layout::{Pane, inner};
use super::theme::Theme;
use crate::figure::Figure;

/// What a pane's rows are drawn from: the plan's scenario and the colours. Panes never see the `App`.
pub struct Ctx<'a> {
    pub scenario: &'a Scenario,
    pub theme: &'a Theme,
    /// The plan's headroom, when it has been found.
    pub limits: Option<&'a crate::engine::limits::Limits>,
    /// The pinned baseline's plan: rows it has and this plan lacks are kept, so their change shows.
    pub baseline: Option<&'a Plan>,
}

impl<'a> Ctx<'a> {
    pub fn of(app: &'a App) -> Ctx<'a> {
        Ctx {
            scenario: &app.scenario,
            theme: &app.theme,
            limits: Some(&app.limits),
            baseline: app.baseline.as_ref().map(|b| &b.plan),
        }
    }
}

/// One line of a pane.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: Option<Figure>,
    pub line: Line<'static>,
}

impl Row {
    pub fn figure(id: Figure, spans: Vec<Span<'static>>) -> Row {
        Row {
            id: Some(id),
            line: Line::from(spans),
        }
    }

    pub fn plain(spans: Vec<Span<'static>>) -> Row {
        Row {
            id: None,
            line: Line::from(spans),
        }
    }

    pub fn text(&self) -> String {
        self.line.spans.iter().map(|s| s.content.as_ref()).collect()
    }
}

/// `label` padded to a column, then the value.
pub fn labelled(label: &str, value: String, label_style: Style) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{label:<9} "), label_style),
        Span::raw(value),
    ]
}

/// The rows of an output pane for a plan, `width` columns wide.
pub fn rows(app: &Ctx, plan: &Plan, pane: Pane, width: u16) -> Vec<Row> {
    match pane {
        Pane::Inputs => Vec::new(),
        Pane::Compute => compute::rows(app, plan, width),
        Pane::Database => database::rows(app, plan),
        Pane::Media => media::rows(app, plan),
        Pane::Nodes => nodes::rows(app, plan),
        Pane::Cost => cost::rows(app, plan, width),
        Pane::Warnings => warnings::rows(app, plan, width),
    }
}

/// The figures a pane lets you select, in order: a function of the plan alone.
pub fn figures(ctx: &Ctx, plan: &Plan, pane: Pane) -> Vec<Figure> {
    rows(ctx, plan, pane, 60)
        .into_iter()
        .filter_map(|r| r.id)
        .collect()
}

/// The bordered block of a pane, its border brighter when focused.
pub fn block<'a>(app: &App, pane: Pane) -> Block<'a> {
    let t = &app.theme;
    let focused = app.focus == pane;
    Block::bordered()
        .title(Span::styled(
            format!(" {} ", pane.title()),
            if focused { t.title } else { t.base },
        ))
        .border_style(if focused { t.focus_border } else { t.border })
}

/// Draws an output pane: its rows, the selected figure reversed when focused, changed figures highlighted.
pub fn draw(frame: &mut Frame, app: &App, pane: Pane, area: Rect) {
    frame.render_widget(block(app, pane), area);
    let body = inner(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let ctx = Ctx::of(app);
    let mut rows = rows(&ctx, &app.plan, pane, body.width);
    // With a baseline pinned every figure gets its change in a right-hand column; the rows are laid out
    // again in the width that leaves, so bars and gauges shrink instead of numbers being cut.
    let mut share = true;
    let mut deltas: Vec<Option<Span<'static>>> = Vec::new();
    let mut width = body.width;
    if let Some(b) = &app.baseline {
        deltas = delta_cells(&rows, &b.plan, app, share);
        if column_width(&deltas) > body.width as usize / 3 {
            share = false;
            deltas = delta_cells(&rows, &b.plan, app, share);
        }
        let w = column_width(&deltas).min(body.width as usize / 2);
        if w > 0 {
            width = body.width.saturating_sub(w as u16 + 1);
            rows = self::rows(&ctx, &app.plan, pane, width);
            deltas = delta_cells(&rows, &b.plan, app, share);
        }
    }
    let delta_w = column_width(&deltas).min(body.width as usize / 2);
    let before = app
        .previous
        .as_ref()
        .map(|p| rows_by_id(self::rows(&ctx, p, pane, width)));
    // The selection indexes the figures of these very rows: no second pass over the pane.
    let selected = (app.focus == pane)
        .then(|| {
            let ids: Vec<&Figure> = rows.iter().filter_map(|r| r.id.as_ref()).collect();
            let i = app.figure[pane.index()].min(ids.len().saturating_sub(1));
            ids.get(i).map(|f| (*f).clone())
        })
        .flatten();
    let t = &app.theme;
    // Keep the selected row on screen in a short pane.
    let selected_at = rows
        .iter()
        .position(|r| r.id.is_some() && r.id == selected)
        .unwrap_or(0);
    // When rows overflow, the last line is the "more" marker, so the selection stays above it.
    let room = if rows.len() > body.height as usize {
        (body.height as usize).saturating_sub(2)
    } else {
        body.height as usize - 1
    };
    // Warnings have no figures: ↑↓ scroll them instead. With the last figure selected the pane shows its
    // end, so lines after it (Cost's providers and horizon) can always be reached.
    let last_figure = rows.iter().rposition(|r| r.id.is_some());
    let skip = if pane == Pane::Warnings {
        app.figure[pane.index()].min(rows.len().saturating_sub(1))
    } else if selected.is_some() && last_figure == Some(selected_at) {
        selected_at
            .saturating_sub(room)
            .max(rows.len().saturating_sub(body.height as usize))
            .min(selected_at)
    } else {
        selected_at.saturating_sub(room)
    };
    let hidden = rows.len().saturating_sub(skip + body.height as usize);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(skip)
        .map(|(i, r)| {
            let changed = match (&before, &r.id) {
                (Some(old), Some(id)) => old
                    .iter()
                    .find(|(k, _)| k == id)
                    .is_none_or(|(_, text)| *text != r.text()),
                _ => false,
            };
            // Rows without a change (totals of other providers, the sparkline) keep the full width.
            let has_delta = matches!(deltas.get(i), Some(Some(_)));
            let room = if has_delta { width } else { body.width };
            let mut line = super::fit::fit(r.line, room as usize);
            if changed {
                line = line.patch_style(t.changed);
            }
            if let Some(Some(cell)) = deltas.get(i) {
                let pad =
                    (width as usize + 1 + delta_w).saturating_sub(line.width() + cell.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line.spans.push(cell.clone());
            }
            if r.id.is_some() && r.id == selected {
                line = line.patch_style(t.selected);
            }
            line
        })
        .collect();
    // Rows that do not fit are never dropped silently: the last line says how many more ↓ shows.
    if hidden > 0 {
        lines.truncate(body.height as usize - 1);
        lines.push(Line::from(Span::styled(
            format!("… {hidden} more (↓ in this pane)"),
            app.theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The change of each row's figure from the baseline, coloured by whether it is good news; `None` for
/// rows without a figure or figures neither plan has a number for.
fn delta_cells(rows: &[Row], base: &Plan, app: &App, share: bool) -> Vec<Option<Span<'static>>> {
    let t = &app.theme;
    rows.iter()
        .map(|r| {
            let f = r.id.as_ref()?;
            let (b, o) = (f.value(base), f.value(&app.plan));
            if b.is_none() && o.is_none() {
                return None;
            }
            let d = crate::figure::Delta::shown(f, b, o);
            let text = match (&d, share) {
                (crate::figure::Delta::By { change, .. }, false) => f.measure().change(*change),
                _ => d.text(f),
            };
            // A change of millions is shown in the compact form its value takes (`+12.5 M`).
            let text = if text.chars().filter(char::is_ascii_digit).count() >= 7 {
                crate::format::compact_numbers(&text)
            } else {
                text
            };
            let style = match d.up() {
                None => t.dim,
                Some(up) if up == f.higher_is_better() => t.good,
                Some(_) => t.bad,
            };
            Some(Span::styled(text, style))
        })
        .collect()
}

fn column_width(cells: &[Option<Span<'static>>]) -> usize {
    cells.iter().flatten().map(Span::width).max().unwrap_or(0)
}

fn rows_by_id(rows: Vec<Row>) -> Vec<(Figure, String)> {
    rows.into_iter()
        .filter_map(|r| r.id.clone().map(|id| (id, r.text())))
        .collect()
}
