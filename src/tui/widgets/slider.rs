//! A slider: label, value bar and formatted value with unit, on one row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::bar::bar;
use crate::tui::layout::slider_columns;
use crate::tui::theme::Theme;

pub struct Slider<'a> {
    pub label: &'a str,
    pub fraction: f64,
    pub value: String,
    pub selected: bool,
    pub changed: bool,
    pub theme: &'a Theme,
}

impl Widget for Slider<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (label_w, bar_w, value_w) = slider_columns(area.width);
        let t = self.theme;
        let label_style = if self.selected { t.selected } else { t.base };
        let marker = if self.selected { "▸" } else { " " };
        let label: String = format!("{marker}{}", self.label)
            .chars()
            .take(label_w as usize)
            .collect();
        let mut spans = vec![Span::styled(
            format!("{label:<w$}", w = label_w as usize),
            label_style,
        )];
        if bar_w > 0 {
            let (filled, empty) = bar(self.fraction, bar_w as usize);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(filled, t.bar));
            spans.push(Span::styled(empty, t.bar_empty));
        }
        let value_style = if self.changed {
            t.changed
        } else {
            Style::new()
        };
        let value: String = self.value.chars().take(value_w as usize).collect();
        spans.push(Span::styled(
            format!(" {value:>w$}", w = value_w as usize),
            value_style,
        ));
        Line::from(spans).render(area, buf);
    }
}
