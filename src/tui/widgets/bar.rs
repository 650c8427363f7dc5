//! Horizontal bars and sparklines as text, with eighth-cell resolution.

const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// (filled, empty) parts of a bar `width` cells wide filled to `fraction`.
pub fn bar(fraction: f64, width: usize) -> (String, String) {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (f * width as f64 * 8.0).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut filled: String = std::iter::repeat_n('█', full.min(width)).collect();
    let mut used = full.min(width);
    if part > 0 && used < width {
        filled.push(PARTIAL[part]);
        used += 1;
    }
    (filled, std::iter::repeat_n('░', width - used).collect())
}

/// A sparkline of `values` resampled to `width` cells, each cell the value's height on 8 levels between
/// `min` and `max`: a shared scale, so lines drawn one above another (a band around a value) compare.
pub fn sparkline_between(values: &[f64], width: usize, min: f64, max: f64) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let cells = width.min(values.len());
    (0..cells)
        .map(|i| {
            let v = values[i * (values.len() - 1) / (cells - 1).max(1)];
            let f = if max > min {
                ((v - min) / (max - min)).clamp(0.0, 1.0)
            } else {
                0.5
            };
            LEVELS[((f * 7.0).round() as usize).min(7)]
        })
        .collect()
}

/// Which sparkline cell shows month `month` of `months`, for marking it.
pub fn sparkline_cell(month: usize, months: usize, width: usize) -> usize {
    let cells = width.min(months);
    if months <= 1 || cells <= 1 {
        return 0;
    }
    (month * (cells - 1)).div_ceil(months - 1).min(cells - 1)
}

/// A line under a sparkline: `╵` under each month where a count changes, `▲` under the runway month.
pub fn sparkline_marks(changed: &[bool], runway: Option<usize>, width: usize) -> String {
    let months = changed.len();
    let cells = width.min(months);
    let mut line = vec![' '; cells];
    for (m, _) in changed.iter().enumerate().filter(|(_, c)| **c) {
        if let Some(cell) = line.get_mut(sparkline_cell(m, months, width)) {
            *cell = '╵';
        }
    }
    if let Some(cell) = runway.and_then(|m| line.get_mut(sparkline_cell(m, months, width))) {
        *cell = '▲';
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_eighths() {
        assert_eq!(bar(0.5, 4), ("██".into(), "░░".into()));
        assert_eq!(bar(0.0625, 4).0, "▎");
        assert_eq!(bar(2.0, 3), ("███".into(), String::new()));
        assert_eq!(bar(f64::NAN, 2), (String::new(), "░░".into()));
    }

    #[test]
    fn sparkline_rises_with_values() {
        assert_eq!(sparkline_between(&[1.0, 2.0, 3.0], 3, 1.0, 3.0), "▁▅█");
        assert_eq!(sparkline_between(&[5.0, 5.0], 10, 5.0, 5.0), "▅▅");
        assert_eq!(sparkline_cell(12, 13, 13), 12);
        // On a shared scale a lower line is drawn lower.
        assert_eq!(sparkline_between(&[1.0, 2.0], 2, 0.0, 4.0), "▃▅");
        assert_eq!(sparkline_between(&[9.0], 1, 0.0, 4.0), "█");
        assert_eq!(
            sparkline_marks(&[false, true, false, true], Some(3), 4),
            " ╵ ▲"
        );
        assert_eq!(sparkline_marks(&[false; 4], None, 4), "");
    }
}
