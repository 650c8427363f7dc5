//! The dialogs and boxes over the panes, one file each kind; this module places them.

mod drivers;
mod explain;
mod fields;
mod help;
mod lists;
mod range;

pub use help::help_lines;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Overlay};

/// Draws the open dialog, if any, over everything else.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => help::draw(frame, app, area, *scroll),
        Overlay::Explain(id) => explain::draw(frame, app, area, id),
        Overlay::Warnings => explain::warnings(frame, app, area),
        Overlay::Edit(editor) => fields::edit(frame, app, area, editor),
        Overlay::Save(form) => fields::save(frame, app, area, form),
        Overlay::Filter(field) => fields::filter(frame, app, area, field),
        Overlay::Export(field) => fields::export(frame, app, area, field),
        Overlay::Picker(picker) => lists::picker(frame, app, area, picker),
        Overlay::Open(opener) => lists::open(frame, app, area, opener),
        Overlay::Confirm(confirm) => lists::confirm(frame, app, area, confirm),
        Overlay::Drivers(view) => drivers::draw(frame, app, area, view),
        Overlay::Range(key) => range::draw(frame, app, area, key),
    }
}

/// A centred box of at most `width` × `height`.
pub(super) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

pub(super) fn boxed(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: Vec<Line>,
) -> Rect {
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
