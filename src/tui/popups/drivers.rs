//! `D`: which inputs move the bill, as a tornado chart around today's total.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::engine::params;
use crate::format::money;
use crate::report::drivers::{swing_text, tornado_bar};
use crate::tui::app::{App, DriversView};

use super::{boxed, popup};

/// A change of the bill with its sign, `0` for none.
fn change(usd: f64, today: f64) -> String {
    let d = usd - today;
    if d.abs() < 0.005 {
        "0".into()
    } else if d < 0.0 {
        format!("−{}", money(-d))
    } else {
        format!("+{}", money(d))
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, view: &DriversView) {
    let t = &app.theme;
    let d = &view.drivers;
    let width = 100.min(area.width);
    let height = area.height.saturating_sub(2).max(3);
    let inner_w = width.saturating_sub(2) as usize;
    let label = |key: &'static str| params::find(key).map_or(key, |p| p.label);
    let label_w = d
        .drivers
        .iter()
        .map(|x| label(x.key).chars().count() + if x.ranged { 2 } else { 0 })
        .max()
        .unwrap_or(8)
        .clamp(3, 18);
    let pct = swing_text(d.swing);
    let pct = pct.trim_start_matches('±');
    let (low_head, high_head) = (format!("−{pct}"), format!("+{pct}"));
    let number_w = d
        .drivers
        .iter()
        .flat_map(|x| {
            [
                change(x.cost_low, d.monthly_usd),
                change(x.cost_high, d.monthly_usd),
            ]
        })
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(5)
        .max(low_head.chars().count());
    let half = inner_w.saturating_sub(label_w + 3 + 2 * number_w + 1) / 2;
    let scale = d
        .drivers
        .iter()
        .flat_map(|x| [x.cost_low, x.cost_high])
        .map(|c| (c - d.monthly_usd).abs())
        .fold(0.0, f64::max);
    // Two lines of legend and scale; the rest are rows, scrolled to keep the selection in view.
    let room = (height as usize).saturating_sub(2 + 2).max(1);
    let first = view.selected.saturating_sub(room - 1);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{:label_w$} {:>half$}│{:<half$} {low_head:>number_w$} {high_head:>number_w$}",
            "",
            format!("−{} ", money(scale)),
            format!(" +{}", money(scale))
        ),
        t.dim,
    ))];
    for (i, x) in d.drivers.iter().enumerate().skip(first).take(room) {
        let (left, right) = tornado_bar(x, d.monthly_usd, scale, half);
        let name: String = if x.ranged {
            let short: String = label(x.key).chars().take(label_w - 2).collect();
            format!("{short} ~")
        } else {
            label(x.key).chars().take(label_w).collect()
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{name:<label_w$} "), t.dim),
            Span::styled(left, t.bar),
            Span::raw("│"),
            Span::styled(right, t.bar),
            Span::raw(format!(
                " {:>number_w$} {:>number_w$}",
                change(x.cost_low, d.monthly_usd),
                change(x.cost_high, d.monthly_usd)
            )),
        ]);
        if i == view.selected {
            line = line.patch_style(t.selected);
        }
        lines.push(line);
    }
    lines.push(Line::from(Span::styled(
        format!(
            "░ the input {low_head} · █ the input {high_head}{} · │ today's {}/mo · e explains",
            if d.drivers.iter().any(|x| x.ranged) {
                " (~ its range's low, high)"
            } else {
                ""
            },
            money(d.monthly_usd)
        ),
        t.dim,
    )));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| crate::tui::fit::fit(l, inner_w))
        .collect();
    let title = format!(
        "Drivers {} — ↑↓ · ←→ swing · Enter: go to input · Esc",
        swing_text(d.swing)
    );
    let r = popup(area, width, (lines.len() as u16 + 2).min(area.height));
    boxed(frame, app, r, &title, lines);
}
