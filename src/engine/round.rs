//! Rounding counts up (or down) once, with a tolerance, so 5.000000001 workers is 5, not 6.

const TOLERANCE: f64 = 1e-9;

/// The smallest whole count that covers `x`; 0 for zero, negative or NaN.
pub fn ceil_count(x: f64) -> u64 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    let y = x * (1.0 - TOLERANCE);
    // `as` saturates; comparing back avoids a libm call on the hot path of every month's sizing.
    let whole = y as u64;
    if (whole as f64) < y {
        whole.saturating_add(1)
    } else {
        whole
    }
}

/// The largest whole count within `x`; 0 for zero, negative or NaN.
pub fn floor_count(x: f64) -> u64 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    (x * (1.0 + TOLERANCE)) as u64
}

/// `a / b`, or 0 when `b` is 0 (an empty tier needs nothing).
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 && a.is_finite() { a / b } else { 0.0 }
}

/// A sum of counts that stays at `u64::MAX` instead of overflowing on absurd inputs.
pub fn total(counts: impl IntoIterator<Item = u64>) -> u64 {
    counts.into_iter().fold(0, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_forgives_float_noise_only() {
        assert_eq!(ceil_count(5.000_000_001), 5);
        assert_eq!(ceil_count(5.01), 6);
        assert_eq!(ceil_count(200.0 / (1.0 / 3.0)), 600);
        assert_eq!(ceil_count(0.0), 0);
        assert_eq!(ceil_count(f64::NAN), 0);
        assert_eq!(floor_count(11.999_999_999), 12);
        assert_eq!(floor_count(11.9), 11);
    }
}
