//! The inputs pane: the five sliders, then the scrollable assumptions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::inputs::{Line as AssumptionLine, SLIDERS, assumption_lines, position, value_text};
use crate::tui::layout::{Pane, assumption_rows, inner};
use crate::tui::widgets::slider::Slider;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(super::block(app, Pane::Inputs), area);
    let body = inner(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let visible = assumption_rows(area);
    let value_width = crate::tui::layout::slider_columns(body.width).2 as usize;
    let lines = assumption_lines(&app.rows, app.offset, visible);
    let last_shown = lines
        .iter()
        .rev()
        .find_map(|l| match l {
            AssumptionLine::Input(i) => Some(*i + 1 - SLIDERS),
            AssumptionLine::Heading(_) => None,
        })
        .unwrap_or(app.offset);
    let shown = (0..SLIDERS)
        .map(|i| Some(AssumptionLine::Input(i)))
        .chain(std::iter::once(None))
        .chain(lines.into_iter().map(Some));
    for (y, line) in shown.enumerate() {
        if y >= body.height as usize {
            break;
        }
        let row = Rect {
            y: body.y + y as u16,
            height: 1,
            ..body
        };
        match line {
            Some(AssumptionLine::Heading(group)) => {
                let title = format!("  {} ", group.title());
                let fill = "·".repeat((body.width as usize).saturating_sub(title.chars().count()));
                frame.render_widget(
                    Line::from(Span::styled(format!("{title}{fill}"), app.theme.dim)),
                    row,
                );
            }
            None => {
                let more = app.rows.len() - SLIDERS;
                let title = if app.filter.is_empty() {
                    format!("── assumptions {last_shown}/{more} · / finds ")
                } else {
                    format!("── matching \"{}\": {more} ", app.filter)
                };
                let fill = "─".repeat((body.width as usize).saturating_sub(title.chars().count()));
                frame.render_widget(
                    Line::from(Span::styled(format!("{title}{fill}"), app.theme.dim)),
                    row,
                );
            }
            Some(AssumptionLine::Input(i)) => {
                let p = app.rows[i];
                frame.render_widget(
                    Slider {
                        label: p.label,
                        fraction: position(p, &app.scenario),
                        value: ranged_text(p, &app.scenario, value_width),
                        selected: i == app.input && app.focus == Pane::Inputs,
                        band: crate::tui::inputs::range_positions(p, &app.scenario),
                        changed: app
                            .before
                            .as_ref()
                            .is_some_and(|b| value_text(p, b) != value_text(p, &app.scenario)),
                        theme: &app.theme,
                    },
                    row,
                );
            }
        }
    }
}

/// A ranged input shows its range (`120–280 ms`) in the value column's `width`, any other its value.
fn ranged_text(
    p: &'static crate::engine::params::Param,
    s: &crate::engine::scenario::Scenario,
    width: usize,
) -> String {
    use crate::engine::params::Kind;
    match (s.ranges.get(p.key), p.kind) {
        (Some(r), Kind::Number { set, .. }) => {
            let mut at = s.clone();
            let mut show = |v: f64| {
                set(&mut at, v);
                value_text(p, &at)
            };
            let (low, high) = (show(r.low()), show(r.high()));
            crate::tui::inputs::range_label(&low, &high, width)
        }
        _ => value_text(p, s),
    }
}
