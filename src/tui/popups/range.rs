//! `~`: the range of one input, widened and narrowed live, with the bands it gives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::engine::params::{self, Kind};
use crate::format::money;
use crate::report::sections::band_text;
use crate::tui::app::App;

use super::{boxed, popup};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, key: &str) {
    let t = &app.theme;
    let Some(p) = params::find(key) else {
        return;
    };
    let show = |v: f64| match p.kind {
        Kind::Number { set, .. } => {
            let mut at = app.scenario.clone();
            set(&mut at, v);
            crate::tui::inputs::value_text(p, &at)
        }
        _ => params::plain_number(v),
    };
    let range = app.scenario.ranges.get(key);
    let what = range.map_or_else(
        || "no range: the value is certain".to_string(),
        |r| match r {
            crate::engine::ranges::Range::Uniform(..) => {
                format!("{} … {} (uniform)", show(r.low()), show(r.high()))
            }
            crate::engine::ranges::Range::Triangular(..) => format!(
                "{} … {} … {} (triangular: low, likely, high)",
                show(r.low()),
                show(r.likely()),
                show(r.high())
            ),
        },
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", p.label), t.dim),
            Span::styled(what, t.title),
        ]),
        Line::from(Span::styled(
            format!(
                "point value {} (the other figures use it)",
                crate::tui::inputs::value_text(p, &app.scenario)
            ),
            t.dim,
        )),
    ];
    if let Some(b) = &app.plan.bands {
        lines.push(Line::from(vec![
            Span::styled("monthly  ", t.dim),
            Span::raw(band_text(&b.monthly_usd, money, "—")),
        ]));
        lines.push(Line::from(vec![
            Span::styled("nodes    ", t.dim),
            Span::raw(band_text(&b.nodes, crate::format::num, "—")),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "←→ narrow/widen by 10 % · Del removes · Enter done",
        t.dim,
    )));
    let width = 64.min(area.width);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| crate::tui::fit::fit(l, width.saturating_sub(2) as usize))
        .collect();
    let r = popup(area, width, lines.len() as u16 + 2);
    boxed(
        frame,
        app,
        r,
        &format!("Range of {} ({key})", p.label),
        lines,
    );
}
