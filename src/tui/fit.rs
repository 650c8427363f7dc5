//! A line that does not fit is shortened, never clipped through a number: first its long numbers take
//! their compact form (`$173,227` → `$173k`, `1,234,567` → `1.23 M`), then it is cut at a ` · ` or a space
//! with `…`. A clipped `Azure $17` for $173,227 is a wrong number on a shared screen.

use ratatui::text::{Line, Span};

/// `line` within `width` columns.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if surely_fits(&line, width) || line.width() <= width {
        return line;
    }
    let compacted = Line {
        spans: line
            .spans
            .iter()
            .map(|s| Span::styled(compact_numbers(&s.content), s.style))
            .collect(),
        ..line
    };
    if compacted.width() <= width {
        return compacted;
    }
    cut(compacted, width)
}

/// A quick yes without measuring graphemes: every character is at most one column wide (none of the
/// East Asian wide ranges or emoji occur) and there are no more of them than columns. Drawing runs this for
/// every row of every frame.
fn surely_fits(line: &Line, width: usize) -> bool {
    let mut n = 0;
    for s in &line.spans {
        for c in s.content.chars() {
            let u = u32::from(c);
            let narrow = u < 0x1100 || (0x1160..0x2E80).contains(&u);
            if !narrow {
                return false;
            }
            n += 1;
            if n > width {
                return false;
            }
        }
    }
    true
}

pub use crate::format::compact_numbers;

/// Cut at the last ` · ` (else the last space) that leaves room for `…`; styles kept span by span.
fn cut(line: Line<'static>, width: usize) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let chars: Vec<char> = text.chars().collect();
    let room = width.saturating_sub(1);
    let at = |sep: &str| {
        let sep: Vec<char> = sep.chars().collect();
        (1..=room.min(chars.len()))
            .rev()
            .find(|&i| chars[i..].starts_with(&sep))
    };
    let keep = at(" · ").or_else(|| at(" ")).unwrap_or(0);
    let mut spans = Vec::new();
    let mut left = keep;
    for s in line.spans {
        if left == 0 {
            break;
        }
        let n = s.content.chars().count();
        if n <= left {
            left -= n;
            spans.push(s);
        } else {
            let part: String = s.content.chars().take(left).collect();
            spans.push(Span::styled(part, s.style));
            left = 0;
        }
    }
    if width > 0 {
        spans.push(Span::raw("…"));
    }
    Line { spans, ..line }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn long_numbers_shorten_before_anything_is_cut() {
        let l = Line::from("AWS $144,713 · GCP $137,728 · Azure $173,227");
        assert_eq!(
            text(&fit(l.clone(), 80)),
            "AWS $144,713 · GCP $137,728 · Azure $173,227"
        );
        assert_eq!(
            text(&fit(l.clone(), 40)),
            "AWS $145k · GCP $138k · Azure $173k"
        );
        assert_eq!(text(&fit(l, 25)), "AWS $145k · GCP $138k…");
        assert_eq!(compact_numbers("1,234,567 users"), "1.23 M users");
        assert_eq!(
            compact_numbers("250,000 RPS · avg 62,500"),
            "250k RPS · avg 63k"
        );
        assert_eq!(compact_numbers("$4.50 and 9,999"), "$4.50 and 9,999");
    }

    #[test]
    fn a_cut_never_splits_a_number() {
        let l = Line::from("peak 2,500 RPS · avg 625");
        for w in 0..30 {
            let t = text(&fit(l.clone(), w));
            assert!(t.chars().count() <= w.max(1), "{w}: {t}");
            for token in t
                .split([' ', '…'])
                .filter(|x| x.starts_with(|c: char| c.is_ascii_digit()))
            {
                assert!(["2,500", "625"].contains(&token), "{w}: {t}");
            }
        }
    }
}
