//! `?`: every key of the table, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::format::wrap;
use crate::tui::app::App;

use super::{boxed, popup};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let t = &app.theme;
    let all = help_lines(area.width);
    let height = (all.len() as u16 + 2).min(area.height);
    let visible = usize::from(height.saturating_sub(2));
    // Keep the last screenful in view: scrolling stops when the end shows.
    let first = usize::from(scroll).min(all.len().saturating_sub(visible));
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

const HELP_WIDTH: u16 = 80;
const KEY_COLUMN: usize = 22;

/// The help box's lines for a terminal this wide: (key column, text), every key of the table wrapped.
pub fn help_lines(width: u16) -> Vec<(String, String)> {
    let inner = usize::from(HELP_WIDTH.min(width).saturating_sub(2));
    let text_width = inner.saturating_sub(KEY_COLUMN).max(10);
    let mut out = Vec::new();
    for b in crate::tui::keymap::KEYS {
        for (i, line) in wrap(b.help, text_width).into_iter().enumerate() {
            let key = if i == 0 { b.keys } else { "" };
            out.push((format!("{key:<KEY_COLUMN$}"), line));
        }
    }
    out
}
