//! The inputs the planner lists, and how a slider steps through a key's range.

use crate::engine::params::{Group, Kind, PARAMS, Param, Scale, Unit};
use crate::engine::scenario::Scenario;
use crate::format::{compact, gib, ms, num, pct};

/// The rows of the inputs pane: the five sliders, then every other number, choice and flag.
/// Text keys (pool names, pinned instances) are set with the node-type picker or in a preset file.
pub fn rows() -> Vec<&'static Param> {
    let sliders = PARAMS.iter().filter(|p| p.group == Group::Sliders);
    let rest = PARAMS
        .iter()
        .filter(|p| p.group != Group::Sliders && !matches!(p.kind, Kind::Text { .. }));
    sliders.chain(rest).collect()
}

/// The rows with only the assumptions whose label or key contains `filter` (any case); the sliders stay.
pub fn rows_matching(filter: &str) -> Vec<&'static Param> {
    let f = filter.trim().to_lowercase();
    rows()
        .into_iter()
        .enumerate()
        .filter(|(i, p)| {
            *i < SLIDERS
                || f.is_empty()
                || p.label.to_lowercase().contains(&f)
                || p.key.contains(&f)
                || p.group.title().contains(&f)
        })
        .map(|(_, p)| p)
        .collect()
}

/// One line of the assumptions list: a group's heading or an input (its index in `rows`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Heading(Group),
    Input(usize),
}

/// The assumptions list from `offset`, `height` lines tall: a heading wherever the group changes (and
/// above the first line when it starts a group), then its inputs.
pub fn assumption_lines(rows: &[&Param], offset: usize, height: usize) -> Vec<Line> {
    let mut out = Vec::with_capacity(height);
    let mut previous = (offset > 0)
        .then(|| rows.get(SLIDERS + offset - 1))
        .flatten()
        .map(|p| p.group);
    let mut i = SLIDERS + offset;
    while out.len() < height && i < rows.len() {
        let group = rows[i].group;
        if previous != Some(group) {
            out.push(Line::Heading(group));
            previous = Some(group);
            continue;
        }
        out.push(Line::Input(i));
        i += 1;
    }
    out
}

/// A range's label in `width` columns: a unit both ends share is written once (`120–280 ms`, `×1.5–4`)
/// so every slider reads the same way at any width; then thousands as `k` (`1.8k–4.2k`), the longest
/// that fits. Failing all, the shortest is cut by the caller's fit.
pub fn range_label(low: &str, high: &str, width: usize) -> String {
    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    // A unit both ends share, kept once: only whole (`120 ms`–`280 ms`, not `500 ms`–`1.5 s`).
    let shared_unit = |low: &str, high: &str| {
        let common = |a: &mut dyn Iterator<Item = (char, char)>| {
            a.take_while(|(x, y)| x == y && !numeric(*x)).count()
        };
        let (lc, hc): (Vec<char>, Vec<char>) = (low.chars().collect(), high.chars().collect());
        let mut suffix = common(&mut lc.iter().rev().zip(hc.iter().rev()).map(|(a, b)| (*a, *b)));
        let before =
            |chars: &[char], n: usize| chars.len() > n && numeric(chars[chars.len() - n - 1]);
        if !(before(&lc, suffix) && before(&hc, suffix)) {
            suffix = 0;
        }
        let mut prefix = common(&mut lc.iter().zip(hc.iter()).map(|(a, b)| (*a, *b)));
        if !(lc.get(prefix).is_some_and(|c| numeric(*c))
            && hc.get(prefix).is_some_and(|c| numeric(*c)))
        {
            prefix = 0;
        }
        let low: String = lc[..lc.len() - suffix].iter().collect();
        let high: String = hc[prefix..].iter().collect();
        format!("{}–{high}", low.trim_end())
    };
    let shared = shared_unit(low, high);
    let tight = thousands_as_k(&shared, 3);
    let tighter = thousands_as_k(&shared, 2);
    let candidates = [
        shared.clone(),
        tight.replace(' ', ""),
        tight,
        tighter.replace(' ', ""),
        tighter,
    ];
    let fits = |c: &&String| c.chars().count() <= width;
    let mut by_length = candidates.clone();
    by_length.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
    by_length
        .iter()
        .find(fits)
        .unwrap_or(&candidates[3])
        .clone()
}

/// Every number to `digits` significant digits, a thousand and more as `k`, `M`, `B` (`1,800` → `1.8k`,
/// `33,333` → `33.3k` at 3, `33k` at 2; `0.25` → `0.25`, `1.75` → `1.8` at 2): for the narrowest places.
fn thousands_as_k(text: &str, digits: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        let plain: String = number.chars().filter(|c| *c != ',').collect();
        let scaled = plain.parse::<f64>().ok().filter(|v| *v > 0.0).map(|v| {
            let (at, suffix) = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
                .into_iter()
                .find(|(at, _)| v >= *at)
                .unwrap_or((1.0, ""));
            let x = v / at;
            let keep = 10f64.powi(digits - 1 - x.log10().floor() as i32);
            let x = (x * keep).round() / keep;
            let text = if x >= 1000.0 { num(x) } else { format!("{x}") };
            format!("{text}{suffix}")
        });
        out.push_str(scaled.as_deref().unwrap_or(number));
        number.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || ((c == ',' || c == '.') && !number.is_empty()) {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
        }
    }
    flush(&mut number, &mut out);
    out
}

/// How many of the rows are the always-visible sliders.
pub const SLIDERS: usize = 5;

/// The smallest positive value a log-scale slider shows: its minimum, or a millionth of its maximum.
fn log_floor(min: f64, max: f64) -> f64 {
    if min > 0.0 { min } else { max / 1e6 }
}

/// Where a ranged input's low and high sit on its slider, when it has a range.
pub fn range_positions(p: &Param, s: &Scenario) -> Option<(f64, f64)> {
    let range = s.ranges.get(p.key)?;
    let Kind::Number { set, .. } = p.kind else {
        return None;
    };
    let mut at = s.clone();
    let mut pos = |v: f64| {
        set(&mut at, v);
        position(p, &at)
    };
    Some((pos(range.low()), pos(range.high())))
}

/// Where a value sits on its slider, 0 … 1.
pub fn position(p: &Param, s: &Scenario) -> f64 {
    match p.kind {
        Kind::Number {
            min,
            max,
            scale,
            get,
            ..
        } => {
            let v = get(s);
            let f = match scale {
                Scale::Linear => (v - min) / (max - min),
                Scale::Log => {
                    let lo = log_floor(min, max);
                    if v <= lo {
                        0.0
                    } else {
                        (v / lo).ln() / (max / lo).ln()
                    }
                }
            };
            if f.is_finite() {
                f.clamp(0.0, 1.0)
            } else {
                0.0
            }
        }
        Kind::Choice { options, get, .. } => {
            let i = options.iter().position(|o| *o == get(s)).unwrap_or(0);
            if options.len() > 1 {
                i as f64 / (options.len() - 1) as f64
            } else {
                0.0
            }
        }
        Kind::Flag { get, .. } => f64::from(u8::from(get(s))),
        Kind::Text { .. } => 0.0,
    }
}

/// Sets a key from a slider position 0 … 1 (a mouse click on the bar).
pub fn set_position(p: &Param, s: &mut Scenario, f: f64) {
    let f = f.clamp(0.0, 1.0);
    match p.kind {
        Kind::Number {
            min,
            max,
            integer,
            scale,
            set,
            ..
        } => {
            let v = match scale {
                Scale::Linear => min + (max - min) * f,
                Scale::Log if f <= 0.0 => min,
                Scale::Log => {
                    let lo = log_floor(min, max);
                    round_significant(lo * (max / lo).powf(f), 2)
                }
            };
            set(s, finish(v, min, max, integer, scale, p.unit_step()));
        }
        Kind::Choice { options, set, .. } => {
            set(s, (f * (options.len() - 1) as f64).round() as usize);
        }
        Kind::Flag { set, .. } => set(s, f >= 0.5),
        Kind::Text { .. } => {}
    }
}

/// One step of a slider: `direction` ±1; `big` is Shift (×10).
pub fn step(p: &Param, s: &mut Scenario, direction: i32, big: bool) {
    match p.kind {
        Kind::Number {
            min,
            max,
            integer,
            scale,
            get,
            set,
            ..
        } => {
            let v = get(s);
            let up = direction > 0;
            let next = match scale {
                Scale::Linear => {
                    let unit = p.unit_step() * if big { 10.0 } else { 1.0 };
                    // Snap to the step grid so values stay round.
                    let k = ((v - min) / unit + if up { 1.0 } else { -1.0 }).round();
                    min + k * unit
                }
                Scale::Log => log_step(v, min, max, up, big),
            };
            set(s, finish(next, min, max, integer, scale, p.unit_step()));
        }
        Kind::Choice { options, get, set } => {
            let n = options.len() as i32;
            let i = options.iter().position(|o| *o == get(s)).unwrap_or(0) as i32;
            set(s, (i + direction).rem_euclid(n) as usize);
        }
        Kind::Flag { get, set } => set(s, !get(s)),
        Kind::Text { .. } => {}
    }
}

/// Home and End: a key's minimum or maximum.
pub fn to_bound(p: &Param, s: &mut Scenario, max_end: bool) {
    match p.kind {
        Kind::Number { min, max, set, .. } => set(s, if max_end { max } else { min }),
        Kind::Choice { options, set, .. } => set(s, if max_end { options.len() - 1 } else { 0 }),
        Kind::Flag { set, .. } => set(s, max_end),
        Kind::Text { .. } => {}
    }
}

fn log_step(v: f64, min: f64, max: f64, up: bool, big: bool) -> f64 {
    let lo = log_floor(min, max);
    if up && v < lo {
        return lo;
    }
    if !up && v <= lo * (1.0 + 1e-9) {
        return min;
    }
    if big {
        return if up { v * 10.0 } else { v / 10.0 };
    }
    // About 10 % a step, on two significant digits, always moving.
    let target = if up { v * 1.1 } else { v / 1.1 };
    let mut next = round_significant(target, 2);
    if (up && next <= v) || (!up && next >= v) {
        next = round_significant(target, 3);
    }
    if (up && next <= v) || (!up && next >= v) {
        target
    } else {
        next
    }
}

fn finish(v: f64, min: f64, max: f64, integer: bool, scale: Scale, unit: f64) -> f64 {
    let mut v = v.clamp(min, max);
    if integer {
        v = v.round().clamp(min, max);
    } else if scale == Scale::Linear {
        // Remove float noise from grid steps: 0.1 + 0.2 is 0.3 here.
        v = ((v / unit).round() * unit * 1e9).round() / 1e9;
        v = v.clamp(min, max);
    }
    v
}

pub fn round_significant(v: f64, digits: i32) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.log10().floor() as i32);
    (v * scale).round() / scale
}

trait UnitStep {
    fn unit_step(&self) -> f64;
}

impl UnitStep for Param {
    /// The linear step of a key: whole numbers for counts, a hundredth of the range otherwise.
    fn unit_step(&self) -> f64 {
        match self.kind {
            Kind::Number { integer: true, .. } => 1.0,
            Kind::Number { min, max, .. } => round_significant((max - min) / 100.0, 1),
            _ => 1.0,
        }
    }
}

/// The value as the slider shows it, with its unit.
pub fn value_text(p: &Param, s: &Scenario) -> String {
    match p.kind {
        Kind::Number { unit, get, .. } => {
            let v = get(s);
            if p.key == "max_connections_per_replica" && v == 0.0 {
                return "no limit".into();
            }
            if p.key == "commit_share" && s.commit_share.is_none() {
                return "floor".into();
            }
            if p.key == "intensity" {
                return match v {
                    0.0 => "light".into(),
                    0.5 => "moderate".into(),
                    1.0 => "heavy".into(),
                    x => num(x),
                };
            }
            with_unit(v, unit)
        }
        Kind::Choice { get, .. } => get(s).replace('_', " "),
        Kind::Flag { get, .. } => if get(s) { "yes" } else { "no" }.into(),
        Kind::Text { get, .. } => get(s).unwrap_or_default(),
    }
}

pub fn with_unit(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => compact(v),
        Unit::Fraction => pct(v),
        Unit::Ratio => format!("×{}", num(v)),
        Unit::Mb => format!("{} MB", num(v)),
        Unit::Kb => format!("{} KB", num(v)),
        Unit::Gib => gib(v),
        Unit::Ms => ms(Some(v)),
        Unit::Minutes => format!("{} min", num(v)),
        Unit::Months => format!("{} mo", num(v)),
        Unit::Days => format!("{} d", num(v)),
        Unit::PerSecond => format!("{}/s", num(v)),
        Unit::PerHour => format!("{}/h", num(v)),
        Unit::PerMinute => format!("{}/min", num(v)),
        Unit::Vcpu => format!("{} vCPU", num(v)),
        Unit::Bytes => format!("{} B", num(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::params::find;

    #[test]
    fn users_step_about_ten_percent_on_round_numbers() {
        let p = find("users").unwrap();
        let mut s = Scenario {
            users: 500.0,
            ..Scenario::default()
        };
        step(p, &mut s, 1, false);
        assert_eq!(s.users, 550.0);
        step(p, &mut s, -1, false);
        assert_eq!(s.users, 500.0);
        step(p, &mut s, 1, true);
        assert_eq!(s.users, 5000.0);
    }

    #[test]
    fn fractions_step_by_hundredths_without_float_noise() {
        let p = find("cache_hit").unwrap();
        let mut s = Scenario {
            cache_hit: 0.2,
            ..Scenario::default()
        };
        step(p, &mut s, 1, false);
        assert_eq!(s.cache_hit, 0.21);
        step(p, &mut s, 1, true);
        assert_eq!(s.cache_hit, 0.3, "Shift snaps to the ×10 grid");
        to_bound(p, &mut s, true);
        step(p, &mut s, 1, false);
        assert_eq!(s.cache_hit, 0.99);
    }

    #[test]
    fn media_size_steps_up_from_zero_and_back() {
        let p = find("media_mb").unwrap();
        let mut s = Scenario {
            media_mb: 0.0,
            ..Scenario::default()
        };
        step(p, &mut s, 1, false);
        assert_eq!(s.media_mb, 0.1);
        step(p, &mut s, -1, false);
        assert_eq!(s.media_mb, 0.0);
    }

    #[test]
    fn click_position_round_trips() {
        let p = find("users").unwrap();
        let mut s = Scenario::default();
        set_position(p, &mut s, 1.0);
        assert_eq!(s.users, 1e9);
        set_position(p, &mut s, 0.0);
        assert_eq!(s.users, 1.0);
        set_position(p, &mut s, 0.5);
        assert!((position(p, &s) - 0.5).abs() < 0.01);
    }

    #[test]
    fn range_labels_fit_the_value_column() {
        use super::range_label;
        for (low, high, width, want) in [
            ("1,800", "4,200", 10, "1.8k–4.2k"),
            ("1,800", "4,200", 11, "1,800–4,200"),
            ("120 ms", "280 ms", 10, "120–280 ms"),
            ("0.4/s", "0.75/s", 10, "0.4–0.75/s"),
            ("×1.5", "×2", 10, "×1.5–2"),
            ("×1.01", "×99.9", 12, "×1.01–99.9"),
            ("120 ms", "280 ms", 20, "120–280 ms"),
            ("1,800", "4,200", 20, "1,800–4,200"),
            ("×1.5", "×2.25", 8, "×1.5–2.3"),
            ("8 MB", "2,048 MB", 10, "8–2,048 MB"),
            ("8 MB", "2,048 MB", 8, "8–2k MB"),
            ("30,000", "60,000", 10, "30k–60k"),
            ("1,500,000", "25,000,000", 10, "1.5M–25M"),
            ("33,333", "66,667", 10, "33k–67k"),
            ("0.25/s", "1.75/s", 10, "0.25–1.8/s"),
            ("123,456", "987,654,321", 10, "123k–988M"),
            ("0.5 GiB", "16 GiB", 10, "0.5–16 GiB"),
            ("500 ms", "1.5 s", 10, "500ms–1.5s"),
            ("500 ms", "1.5 s", 12, "500 ms–1.5 s"),
        ] {
            assert_eq!(
                range_label(low, high, width),
                want,
                "{low}–{high} in {width}"
            );
        }
    }
}
