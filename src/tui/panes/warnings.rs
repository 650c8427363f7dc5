//! The plan's warnings, wrapped to the pane.

use ratatui::text::Span;

use super::Ctx;
use crate::engine::plan::Plan;
use crate::format::wrap;

use super::Row;

pub fn rows(app: &Ctx, plan: &Plan, width: u16) -> Vec<Row> {
    if plan.warnings.is_empty() {
        return vec![Row::plain(vec![Span::styled(
            "No warnings.".to_string(),
            app.theme.good,
        )])];
    }
    let mut rows = Vec::new();
    for w in &plan.warnings {
        for (i, line) in wrap(&w.message, (width as usize).saturating_sub(2).max(10))
            .into_iter()
            .enumerate()
        {
            let mark = if i == 0 { "! " } else { "  " };
            rows.push(Row::plain(vec![
                Span::styled(mark.to_string(), app.theme.warning),
                Span::raw(line),
            ]));
        }
    }
    rows
}
