//! Typed values with their units: `85%`, `40k`, `1.5M`, `8MB`, `2GiB`, `500ms`, `1s`, `500m` (millicores).
//! The planner's value field and `--set` read numbers through here, in the unit of the key.

use super::Unit;

/// GiB in decimal MB: 2³⁰ bytes ÷ 10⁶.
const MB_PER_GIB: f64 = 1_073.741_824;
const DAYS_PER_MONTH: f64 = 30.4375;

/// The number `raw` means in `unit`, or `None` when it is not a number or its suffix does not fit the unit.
pub fn parse(raw: &str, unit: Unit) -> Option<f64> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '_' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let cleaned = cleaned
        .strip_prefix(['x', '×'])
        .filter(|_| unit == Unit::Ratio)
        .unwrap_or(&cleaned);
    let split = number_end(cleaned);
    let (number, suffix) = cleaned.split_at(split);
    let value: f64 = number.parse().ok()?;
    let factor = factor(suffix, unit)?;
    let v = value * factor;
    v.is_finite().then_some(v)
}

/// Where the numeric part ends: digits, one point, and an exponent such as `e6` when digits follow it.
fn number_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            return j;
        }
    }
    i
}

/// What one of `suffix` is in `unit`.
fn factor(suffix: &str, unit: Unit) -> Option<f64> {
    if suffix.is_empty() {
        return Some(1.0);
    }
    // Millions and millicores keep their case; everything else is case-insensitive.
    let lower = suffix.to_ascii_lowercase();
    let counted = || match suffix {
        "k" | "K" => Some(1e3),
        "m" | "M" | "mn" | "MN" => Some(1e6),
        "b" | "B" | "bn" | "BN" => Some(1e9),
        _ => None,
    };
    let per = |own: &[&str]| {
        let rest = own
            .iter()
            .find_map(|o| lower.strip_suffix(o).map(str::to_string))?;
        if rest.is_empty() {
            Some(1.0)
        } else {
            factor(&rest, Unit::Count)
        }
    };
    match unit {
        Unit::Fraction => (suffix == "%").then_some(0.01),
        Unit::Ratio => matches!(lower.as_str(), "x" | "×").then_some(1.0),
        Unit::Count => counted(),
        Unit::PerSecond => counted().or_else(|| per(&["/s", "/sec", "rps", "qps"])),
        Unit::PerMinute => counted().or_else(|| per(&["/min"])),
        Unit::PerHour => counted().or_else(|| per(&["/h", "/hour"])),
        Unit::Vcpu => match lower.as_str() {
            "vcpu" | "cpu" | "core" | "cores" => Some(1.0),
            "m" => Some(1e-3),
            _ => None,
        },
        Unit::Mb => bytes(&lower).map(|b| b / 1e6),
        Unit::Kb => bytes(&lower).map(|b| b / 1e3),
        Unit::Bytes => bytes(&lower),
        Unit::Gib => bytes(&lower).map(|b| b / (MB_PER_GIB * 1e6)),
        Unit::Ms => seconds(&lower).map(|s| s * 1e3),
        Unit::Minutes => seconds(&lower).map(|s| s / 60.0),
        Unit::Days => days(&lower),
        Unit::Months => days(&lower).map(|d| d / DAYS_PER_MONTH),
    }
}

fn bytes(lower: &str) -> Option<f64> {
    Some(match lower {
        "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" => 1e6,
        "gb" | "g" => 1e9,
        "tb" | "t" => 1e12,
        "kib" => 1024.0,
        "mib" => 1_048_576.0,
        "gib" | "gi" => MB_PER_GIB * 1e6,
        "tib" | "ti" => MB_PER_GIB * 1e6 * 1024.0,
        _ => return None,
    })
}

fn seconds(lower: &str) -> Option<f64> {
    Some(match lower {
        "us" | "µs" => 1e-6,
        "ms" => 1e-3,
        "s" | "sec" | "secs" => 1.0,
        "m" | "min" | "mins" => 60.0,
        "h" | "hr" | "hour" | "hours" => 3600.0,
        _ => return None,
    })
}

fn days(lower: &str) -> Option<f64> {
    Some(match lower {
        "h" | "hour" | "hours" => 1.0 / 24.0,
        "d" | "day" | "days" => 1.0,
        "w" | "wk" | "week" | "weeks" => 7.0,
        "mo" | "month" | "months" => DAYS_PER_MONTH,
        "y" | "yr" | "year" | "years" => 365.25,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_suffixes_mean_what_people_type() {
        let near = |raw: &str, unit: Unit, want: f64| {
            let got = parse(raw, unit).unwrap_or_else(|| panic!("{raw} did not parse"));
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{raw}: {got} ≠ {want}"
            );
        };
        near("85%", Unit::Fraction, 0.85);
        near("0.85", Unit::Fraction, 0.85);
        near("40k", Unit::Count, 40_000.0);
        near("40000", Unit::Count, 40_000.0);
        near("1.5M", Unit::Count, 1.5e6);
        near("2 000 000", Unit::Count, 2e6);
        near("8MB", Unit::Mb, 8.0);
        near("2GB", Unit::Mb, 2000.0);
        near("2GiB", Unit::Gib, 2.0);
        near("512MiB", Unit::Gib, 0.5);
        near("500ms", Unit::Ms, 500.0);
        near("1s", Unit::Ms, 1000.0);
        near("500m", Unit::Vcpu, 0.5);
        near("×2.5", Unit::Ratio, 2.5);
        near("2x", Unit::Ratio, 2.0);
        near("1y", Unit::Months, 12.0);
        near("2w", Unit::Days, 14.0);
        near("1e6", Unit::Count, 1e6);
        near("60/s", Unit::PerSecond, 60.0);
        near("1k/s", Unit::PerSecond, 1000.0);
        for (raw, unit) in [
            ("85%", Unit::Count),
            ("8MB", Unit::Ms),
            ("inf", Unit::Count),
            ("NaN", Unit::Count),
            ("1e999", Unit::Count),
            ("", Unit::Count),
            ("abc", Unit::Count),
            ("5 parsecs", Unit::Mb),
        ] {
            assert_eq!(parse(raw, unit), None, "{raw}");
        }
    }
}
