//! One-line text fields: the exact value (`=`), save (`s`, with a description), export (`x`) and find (`/`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use crate::engine::params::{self, Kind};
use crate::tui::app::{App, Editor, Field, SaveForm};

use super::{boxed, popup};

pub fn edit(frame: &mut Frame, app: &App, area: Rect, editor: &Editor) {
    let p = params::find(editor.key);
    let range = match p.map(|p| p.kind) {
        Some(Kind::Number { min, max, .. }) => {
            format!(
                "valid {} · a range: low..high",
                params::range_text(min, max)
            )
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

pub fn save(frame: &mut Frame, app: &App, area: Rect, form: &SaveForm) {
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

pub fn filter(frame: &mut Frame, app: &App, area: Rect, field: &Field) {
    let t = &app.theme;
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

pub fn export(frame: &mut Frame, app: &App, area: Rect, field: &Field) {
    let hint = ".ron saves the preset; .md, .json or .csv the plan";
    field_popup(frame, app, area, "Export to file", hint, field);
}

/// A one-line text field with a hint and a live error, with the cursor placed in it.
pub fn field_popup(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    hint: &str,
    field: &Field,
) {
    fields_popup(frame, app, area, title, hint, &[("", field, true)]);
}

/// Labelled one-line fields, one focused, with a hint and the focused field's live error.
pub fn fields_popup(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    hint: &str,
    fields: &[(&str, &Field, bool)],
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
