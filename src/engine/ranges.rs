//! A numeric input known only within a range: `(low, high)` uniform, or `(low, likely, high)` triangular.
//! The scenario keeps a point value too (the likely value, or the middle of a uniform range), so every
//! feature that plans one scenario is unchanged; only the bands sample the ranges.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "a range: (low, high) or (low, likely, high), numbers in the key's own units"
)]
pub enum Range {
    /// Every value between the two equally likely.
    Uniform(f64, f64),
    /// Low, most likely and high: a triangular distribution.
    Triangular(f64, f64, f64),
}

impl Range {
    pub fn low(self) -> f64 {
        match self {
            Range::Uniform(l, _) | Range::Triangular(l, _, _) => l,
        }
    }

    pub fn high(self) -> f64 {
        match self {
            Range::Uniform(_, h) | Range::Triangular(_, _, h) => h,
        }
    }

    /// The point value the scenario keeps: the likely value, or the middle of a uniform range.
    pub fn likely(self) -> f64 {
        match self {
            Range::Uniform(l, h) => f64::midpoint(l, h),
            Range::Triangular(_, m, _) => m,
        }
    }

    /// The value at cumulative probability `u` in [0, 1) (the inverse of the distribution function).
    pub fn at(self, u: f64) -> f64 {
        match self {
            Range::Uniform(l, h) => l + u * (h - l),
            Range::Triangular(a, c, b) => {
                let width = b - a;
                if width <= 0.0 {
                    return a;
                }
                let split = (c - a) / width;
                if u < split {
                    a + (u * width * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * width * (b - c)).sqrt()
                }
            }
        }
    }

    /// Whether the three values are finite and in order.
    pub fn ordered(self) -> bool {
        let (l, m, h) = (self.low(), self.likely(), self.high());
        l.is_finite() && h.is_finite() && m.is_finite() && l <= m && m <= h
    }

    /// `30k..60k` or `30k..40k..60k` as people type it back.
    pub fn text(self, show: impl Fn(f64) -> String) -> String {
        match self {
            Range::Uniform(l, h) => format!("{}..{}", show(l), show(h)),
            Range::Triangular(l, m, h) => format!("{}..{}..{}", show(l), show(m), show(h)),
        }
    }

    /// For reading rather than typing back: ends to six significant digits (`8..2147.48`, not
    /// `8..2147.483648` from `2GiB` in MB).
    pub fn shown(self) -> String {
        self.text(|v| {
            if v == 0.0 || !v.is_finite() {
                return super::params::plain_number(v);
            }
            let scale = 10f64.powi(5 - v.abs().log10().floor() as i32);
            super::params::plain_number((v * scale).round() / scale)
        })
    }

    /// The range carried along when its input moves from `from` to `to` (a slider step): scaled on a
    /// logarithmic input, shifted on a linear one, then held within the input's bounds.
    pub fn moved(self, from: f64, to: f64, log: bool, (min, max): (f64, f64)) -> Range {
        let scaled = log && from > 0.0 && to > 0.0;
        let m = |x: f64| {
            let x = if scaled {
                x * (to / from)
            } else {
                x + (to - from)
            };
            x.clamp(min, max)
        };
        match self {
            Range::Uniform(l, h) => Range::Uniform(m(l), m(h)),
            Range::Triangular(l, c, h) => Range::Triangular(m(l), m(c), m(h)),
        }
    }
}

/// Splits `30k..60k` or `30k..40k..60k`; `None` for a single value.
pub fn split(raw: &str) -> Option<Vec<&str>> {
    raw.contains("..")
        .then(|| raw.split("..").map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_inverse_hits_its_corners_and_mode() {
        let r = Range::Triangular(10.0, 20.0, 40.0);
        assert_eq!(r.at(0.0), 10.0);
        assert!((r.at(1.0) - 40.0).abs() < 1e-9);
        // A third of the mass lies below the mode (20 − 10) ÷ (40 − 10).
        assert!((r.at(1.0 / 3.0) - 20.0).abs() < 1e-9);
        assert_eq!(Range::Uniform(2.0, 4.0).at(0.5), 3.0);
        assert_eq!(Range::Triangular(5.0, 5.0, 5.0).at(0.7), 5.0);
    }

    #[test]
    fn split_reads_two_or_three_parts() {
        assert_eq!(split("30k..60k"), Some(vec!["30k", "60k"]));
        assert_eq!(split("1 .. 2 .. 3"), Some(vec!["1", "2", "3"]));
        assert_eq!(split("40000"), None);
    }
}
