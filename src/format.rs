//! Numbers for people: rounded sensibly, with units, never `NaN`, `inf` or float noise.

/// `1234567` → `1,234,567`.
pub fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A plain quantity: whole above 1,000, one decimal above 100, else up to three significant digits.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a >= 1e15 {
        return format!("{v:.2e}");
    }
    if a >= 1000.0 {
        return thousands(v.round() as i64);
    }
    let decimals = if a >= 100.0 {
        1
    } else if a >= 1.0 || a == 0.0 {
        2
    } else {
        // Two significant digits below one.
        (-a.log10().floor()) as usize + 1
    };
    trim(format!("{v:.decimals$}"))
}

/// A short quantity for narrow columns: `950`, `1,234,567`, `12.3 M`, `1 B`, `2.5 T`.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e12 {
        format!("{} T", num(v / 1e12))
    } else if a >= 1e9 {
        format!("{} B", num(v / 1e9))
    } else if a >= 1e7 {
        format!("{} M", num(v / 1e6))
    } else {
        num(v)
    }
}

/// A count: `12`, `1,234`.
pub fn count(v: u64) -> String {
    thousands(i64::try_from(v).unwrap_or(i64::MAX))
}

/// The text with every number of five or more digits in its compact form.
pub fn compact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // A number that is part of a name (`db-custom-16-61440`, `n2-highmem-8`) is not a quantity.
        let starts = chars[i].is_ascii_digit()
            && (i == 0
                || !(is_number_char(chars[i - 1])
                    || chars[i - 1] == '-'
                    || chars[i - 1].is_alphabetic()));
        if !starts {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || ((chars[j] == ',' || chars[j] == '.')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
        {
            j += 1;
        }
        let token: String = chars[i..j].iter().collect();
        out.push_str(&compact_token(&token));
        i = j;
    }
    out
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// `173,227` → `173k`, `1,234,567` → `1.23 M`; short numbers unchanged.
fn compact_token(token: &str) -> String {
    let plain: String = token.chars().filter(|c| *c != ',').collect();
    let Ok(v) = plain.parse::<f64>() else {
        return token.to_string();
    };
    if v >= 1e12 {
        format!("{} T", num(v / 1e12))
    } else if v >= 1e9 {
        format!("{} B", num(v / 1e9))
    } else if v >= 1e6 {
        format!("{} M", num(v / 1e6))
    } else if v >= 1e4 {
        format!("{}k", num((v / 1e3).round()))
    } else {
        token.to_string()
    }
}

/// `1 node`, `3 nodes`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// `$1,234` above $100, `$12.34` below.
pub fn money(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let sign = if v < 0.0 { "−" } else { "" };
    let a = v.abs();
    if a >= 1e15 {
        // Past a quadrillion dollars digits stop meaning anything (and an i64 would saturate).
        format!("{sign}${a:.2e}")
    } else if a >= 100.0 {
        format!("{sign}${}", thousands(a.round() as i64))
    } else if a >= 0.01 || a == 0.0 {
        format!("{sign}${a:.2}")
    } else {
        format!("{sign}${}", num(a))
    }
}

/// Memory and storage given in GiB: `512 MiB`, `1.2 GiB`, `3.4 TiB`.
pub fn gib(v: f64) -> String {
    size(v, 1024.0, ["MiB", "GiB", "TiB", "PiB"])
}

/// Decimal gigabytes, as object storage and egress are billed: `850 MB`, `12.5 GB`, `1.6 TB`.
pub fn gb(v: f64) -> String {
    size(v, 1000.0, ["MB", "GB", "TB", "PB"])
}

/// A size given in the second of `units`, shown in the unit that keeps it between 1 and `step`.
fn size(v: f64, step: f64, [small, unit, big, huge]: [&str; 4]) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a == 0.0 {
        format!("0 {unit}")
    } else if a < 1.0 {
        format!("{} {small}", num((v * step).round()))
    } else if a >= step * step {
        format!("{} {huge}", num(v / (step * step)))
    } else if a >= step {
        format!("{} {big}", num(v / step))
    } else {
        format!("{} {unit}", num(v))
    }
}

/// Milliseconds: `4.2 ms`, `42 ms`, `1.3 s`, or `unbounded` when there is no figure.
pub fn ms(v: Option<f64>) -> String {
    match v {
        None => "unbounded".into(),
        Some(x) if !x.is_finite() => "unbounded".into(),
        Some(x) if x >= 10_000.0 => format!("{} s", num((x / 1000.0).round())),
        Some(x) if x >= 1000.0 => format!("{} s", num(x / 1000.0)),
        Some(x) if x >= 10.0 => format!("{} ms", num(x.round())),
        Some(x) if x > 0.0 && x < 0.01 => "< 0.01 ms".into(),
        Some(x) => format!("{} ms", num(x)),
    }
}

/// A duration given in minutes: `45 s`, `12 min`, `2.5 h`.
pub fn minutes(m: f64) -> String {
    if m >= 120.0 {
        format!("{} h", num(m / 60.0))
    } else if m >= 1.0 {
        format!("{} min", num(m))
    } else {
        ms(Some(m * 60_000.0))
    }
}

/// The media backlog a peak hour leaves: `none at peak`, `120 items after peak, drains in 15 s`.
pub fn backlog(items: f64, drain_minutes: Option<f64>) -> String {
    match drain_minutes {
        Some(m) if m <= 0.0 => "none at peak".into(),
        Some(m) => format!("{} items after peak, drains in {}", num(items), minutes(m)),
        None => format!("{} items after peak, never drains", num(items)),
    }
}

/// A share: `71%`, `0.5%`.
pub fn pct(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "—".into();
    }
    let p = fraction * 100.0;
    if p != 0.0 && p.abs() < 1.0 {
        format!("{}%", num(p))
    } else {
        format!("{}%", p.round())
    }
}

/// vCPU: `5`, `2.5`, `0.05`.
pub fn vcpu(v: f64) -> String {
    num(v)
}

pub fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Greedy word wrap to `width` characters (at least one word per line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Text from a file or the command line made safe for a terminal: control characters (an escape
/// sequence in a teammate's preset could clear the screen or worse) are shown as `\u{1b}` escapes.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The first control character in `text`, if any.
pub fn control_char(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_money_is_never_a_saturated_integer() {
        assert_eq!(money(1e19), "$1.00e19");
        assert_eq!(money(999_999_999_999.0), "$999,999,999,999");
        assert!(!money(f64::MAX).contains("9,223,372"));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(-1000), "-1,000");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(555.5555), "555.6");
        assert_eq!(num(3.9), "3.9");
        assert_eq!(num(12_345.6), "12,346");
        assert_eq!(num(0.0123), "0.012");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(money(1234.4), "$1,234");
        assert_eq!(money(4.5), "$4.50");
        assert_eq!(gib(0.5), "512 MiB");
        assert_eq!(gib(1.2), "1.2 GiB");
        assert_eq!(gib(2048.0), "2 TiB");
        assert_eq!(ms(Some(42.2)), "42 ms");
        assert_eq!(ms(Some(4.25)), "4.25 ms");
        assert_eq!(ms(Some(1500.0)), "1.5 s");
        assert_eq!(ms(None), "unbounded");
        assert_eq!(pct(0.714), "71%");
        assert_eq!(minutes(0.75), "45 s");
        assert_eq!(minutes(12.0), "12 min");
        assert_eq!(minutes(150.0), "2.5 h");
        assert_eq!(backlog(0.0, Some(0.0)), "none at peak");
        assert_eq!(
            backlog(1200.0, None),
            "1,200 items after peak, never drains"
        );
    }
}
