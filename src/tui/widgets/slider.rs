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
    /// A ranged input's low and high as fractions of the bar: drawn as a band.
    pub band: Option<(f64, f64)>,
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
        let label = format!(
            "{marker}{}",
            shorten(self.label, (label_w as usize).saturating_sub(1))
        );
        let mut spans = vec![Span::styled(
            format!("{label:<w$}", w = label_w as usize),
            label_style,
        )];
        if bar_w > 0 {
            let (filled, empty) = bar(self.fraction, bar_w as usize);
            spans.push(Span::raw(" "));
            match self.band {
                None => {
                    spans.push(Span::styled(filled, t.bar));
                    spans.push(Span::styled(empty, t.bar_empty));
                }
                Some((lo, hi)) => {
                    // The range's cells are drawn in the warning colour: ▓ below the value, ▒ above.
                    let w = bar_w as usize;
                    let cell =
                        |f: f64| ((f.clamp(0.0, 1.0) * w as f64).floor() as usize).min(w - 1);
                    let (a, b) = (cell(lo), cell(hi));
                    let filled_n = filled.chars().count();
                    for (j, ch) in filled.chars().chain(empty.chars()).enumerate() {
                        let in_band = (a..=b).contains(&j);
                        let (ch, style) = match (in_band, j < filled_n) {
                            // Shaded, not only coloured, so the band reads under NO_COLOR too.
                            (true, true) => ('▓', t.warning),
                            (true, false) => ('▒', t.warning),
                            (false, true) => (ch, t.bar),
                            (false, false) => (ch, t.bar_empty),
                        };
                        spans.push(Span::styled(ch.to_string(), style));
                    }
                }
            }
        }
        let value_style = if self.changed {
            t.changed
        } else {
            Style::new()
        };
        // A value never loses digits: long numbers take their compact form (1,000,000,000 → 1 B).
        let value = crate::tui::fit::fit(Line::from(self.value.clone()), value_w as usize)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>();
        spans.push(Span::styled(
            format!(" {value:>w$}", w = value_w as usize),
            value_style,
        ));
        Line::from(spans).render(area, buf);
    }
}

/// Shortened labels by width, each list computed once.
type ShortLabels = Vec<(usize, Vec<(&'static str, String)>)>;
static CACHE: std::sync::Mutex<ShortLabels> = std::sync::Mutex::new(Vec::new());

/// A label within `width` columns that stays distinct from every other input's: the start and the end are
/// kept and the middle gives way (`RPS/worker miss` → `RPS/…miss`, `RPS/worker hit` → `RPS/w…hit`); where two
/// labels would still look alike, more of the start is kept. Computed once per width.
pub fn shorten(label: &str, width: usize) -> String {
    if label.chars().count() <= width {
        return label.to_string();
    }
    let Ok(mut cache) = CACHE.lock() else {
        return cut_middle(label, width, default_tail(label, width));
    };
    if !cache.iter().any(|(w, _)| *w == width) {
        cache.push((width, distinct_labels(width)));
    }
    cache
        .iter()
        .find(|(w, _)| *w == width)
        .and_then(|(_, labels)| labels.iter().find(|(l, _)| *l == label))
        .map_or_else(
            || cut_middle(label, width, default_tail(label, width)),
            |(_, short)| short.clone(),
        )
}

/// Every input's label shortened to `width`, each with the longest end that keeps it unlike the others.
fn distinct_labels(width: usize) -> Vec<(&'static str, String)> {
    let labels: Vec<&'static str> = crate::engine::params::PARAMS
        .iter()
        .map(|p| p.label)
        .collect();
    labels
        .iter()
        .map(|&label| {
            let best = default_tail(label, width);
            let unique = (1..=best).rev().find(|&tail| {
                let mine = cut_middle(label, width, tail);
                labels
                    .iter()
                    .filter(|o| **o != label)
                    .all(|o| cut_middle(o, width, tail) != mine)
            });
            (label, cut_middle(label, width, unique.unwrap_or(best)))
        })
        .collect()
}

/// The end kept: the last word, at most half the width.
fn default_tail(label: &str, width: usize) -> usize {
    let chars: Vec<char> = label.chars().collect();
    let last_word = chars
        .iter()
        .rposition(|c| *c == ' ' || *c == '/')
        .map_or(chars.len(), |i| chars.len() - i - 1);
    last_word.clamp(1, (width.saturating_sub(1) / 2).max(1))
}

fn cut_middle(label: &str, width: usize, tail: usize) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= width {
        return label.to_string();
    }
    if width < 4 {
        return chars.iter().take(width).collect();
    }
    let tail = tail.min(width - 2);
    let head = width - 1 - tail;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::shorten;
    use crate::engine::params::PARAMS;

    #[test]
    fn shortened_labels_stay_distinct() {
        assert_eq!(shorten("RPS/worker miss", 9), "RPS/…miss");
        assert_eq!(shorten("RPS/worker hit", 9), "RPS/w…hit");
        assert_eq!(shorten("Users", 9), "Users");
        for width in 6..=16 {
            let mut seen = std::collections::HashMap::new();
            for p in PARAMS {
                let short = shorten(p.label, width);
                assert!(short.chars().count() <= width);
                if let Some(other) = seen.insert(short.clone(), p.label) {
                    assert!(
                        width < 9,
                        "{width}: {other} and {} both show as {short}",
                        p.label
                    );
                }
            }
        }
    }
}
