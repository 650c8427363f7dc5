//! Drawing: reads `&App` only. Composes the header and footer (`chrome`), the panes and the dialogs
//! (`popups`).

use ratatui::Frame;
use ratatui::widgets::Tabs;

use super::app::App;
use super::layout::{self, Pane};
use super::{chrome, panes, popups};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let areas = layout::areas(area, app.focus, app.plan.node_pools.len());
    chrome::header(frame, app, areas.header);
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
    chrome::footer(frame, app, areas.footer);
    popups::draw(frame, app, area);
}
